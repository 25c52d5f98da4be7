package org.bonexr.core.io;

import java.util.HashMap;
import java.util.Map;

/**
 * The tags of a DICOM header as ImageJ 1 lists them ("gggg,eeee  Name: value"
 * per line), looked up by "gggg,eeee".
 */
final class DicomHeader {

	private final Map<String, String> values = new HashMap<>();

	DicomHeader(final String imageJInfo) {
		for (final String line : imageJInfo.split("\n")) {
			if (line.length() < 11 || line.charAt(4) != ',') continue;
			final int colon = line.indexOf(':', 9);
			if (colon < 0) continue;
			values.putIfAbsent(line.substring(0, 9).toUpperCase(), line.substring(
				colon + 1).trim());
		}
	}

	/** The tag's value, or null when absent or empty. */
	String get(final String tag) {
		final String v = values.get(tag.toUpperCase());
		return v == null || v.isEmpty() ? null : v;
	}

	/** The tag's first numeric value, or the default when absent. */
	double number(final String tag, final double ifAbsent) {
		final String v = get(tag);
		if (v == null) return ifAbsent;
		try {
			return Double.parseDouble(v.split("\\\\")[0].trim());
		}
		catch (final NumberFormatException e) {
			return ifAbsent;
		}
	}
}
