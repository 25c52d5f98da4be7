package org.bonexr.core.io;

import ij.plugin.DICOM;
import ij.process.ImageProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * Reads a DICOM radiograph (CR, DX, ...) with ImageJ 1's DICOM decoder into a
 * {@link Radiograph} of detector intensities.
 * <ul>
 * <li>Spacing: Pixel Spacing (0028,0030), else Imager Pixel Spacing
 * (0018,1164) — projection radiographs often carry only the latter, which is
 * the spacing at the detector; with neither, spacing is unknown and results
 * are in pixels (with a warning).</li>
 * <li>Rescale Slope (0028,1053) and Intercept (0028,1052) are applied.</li>
 * <li>MONOCHROME1 (bright = low value) is inverted within the stored range
 * [0, 2^BitsStored − 1] before rescaling, so that values always grow with
 * detected intensity, as in MONOCHROME2. ImageJ itself only inverts the LUT.</li>
 * <li>Compressed transfer syntaxes that ImageJ 1 cannot decode (JPEG lossless,
 * JPEG 2000, RLE, ...) are refused with a message that says how to open them.</li>
 * </ul>
 */
public final class DicomRadiographs {

	private static final Map<String, String> DECODABLE = new HashMap<>();
	private static final Map<String, String> COMPRESSED = new HashMap<>();

	static {
		DECODABLE.put("1.2.840.10008.1.2", "Implicit VR Little Endian");
		DECODABLE.put("1.2.840.10008.1.2.1", "Explicit VR Little Endian");
		DECODABLE.put("1.2.840.10008.1.2.2", "Explicit VR Big Endian");
		COMPRESSED.put("1.2.840.10008.1.2.4.57", "JPEG Lossless");
		COMPRESSED.put("1.2.840.10008.1.2.4.70", "JPEG Lossless (SV1)");
		COMPRESSED.put("1.2.840.10008.1.2.4.50", "JPEG Baseline");
		COMPRESSED.put("1.2.840.10008.1.2.4.51", "JPEG Extended");
		COMPRESSED.put("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
		COMPRESSED.put("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless");
		COMPRESSED.put("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless");
		COMPRESSED.put("1.2.840.10008.1.2.4.91", "JPEG 2000");
		COMPRESSED.put("1.2.840.10008.1.2.5", "RLE Lossless");
	}

	private DicomRadiographs() {}

	/** Whether the file carries the DICOM preamble ("DICM" at byte 128). */
	public static boolean isDicom(final Path file) {
		try (java.io.InputStream in = Files.newInputStream(file)) {
			final byte[] head = in.readNBytes(132);
			return head.length == 132 && head[128] == 'D' && head[129] == 'I' &&
				head[130] == 'C' && head[131] == 'M';
		}
		catch (final java.io.IOException e) {
			return false;
		}
	}

	/** Reads one DICOM radiograph; see the class description. */
	public static Radiograph read(final Path file) {
		final String name = file.getFileName().toString();
		final String header = new DICOM().getInfo(file.toString());
		if (header == null || header.isEmpty()) {
			throw new BoneXRException("'" + name + "' could not be read as DICOM.",
				"Check that the file is a complete DICOM image (e.g. dcmdump from Debian's dcmtk lists its header).");
		}
		final DicomHeader tags = new DicomHeader(header);
		checkTransferSyntax(name, tags.get("0002,0010"));
		final DICOM dicom = new DICOM();
		dicom.open(file.toString());
		final ImageProcessor ip = dicom.getProcessor();
		if (ip == null) {
			throw new BoneXRException("ImageJ could not decode the pixels of '" +
				name + "'.", "Open it in Fiji with File>Import>Bio-Formats, or convert it with dcmtk's dcmconv.");
		}
		if (dicom.getStackSize() > 1) {
			throw new BoneXRException("'" + name + "' holds " + dicom
				.getStackSize() + " frames, but a single radiograph is expected.",
				"Open it in ImageJ and pick one frame with Image>Duplicate...");
		}
		if (ip.getBitDepth() == 24) {
			throw new BoneXRException("'" + name + "' is a colour DICOM image.",
				"Use a grey-scale (MONOCHROME1/2) radiograph.");
		}
		final boolean monochrome1 = "MONOCHROME1".equals(tags.get("0028,0004"));
		final double slope = tags.number("0028,1053", 1);
		final double intercept = tags.number("0028,1052", 0);
		final int bitsStored = (int) tags.number("0028,0101", ip.getBitDepth());
		final double storedMax = Math.pow(2, bitsStored) - 1;
		final boolean signed = tags.number("0028,0103", 0) == 1;
		final int w = ip.getWidth();
		final int h = ip.getHeight();
		final float[] values = new float[w * h];
		for (int i = 0; i < values.length; i++) {
			// ImageJ stores signed 16-bit data with +32768 and says so in the
			// calibration function; undo only that, then apply the DICOM rescale.
			double stored = ip.getf(i);
			if (signed && ip.getBitDepth() == 16) stored -= 32768;
			if (monochrome1) stored = storedMax - stored;
			values[i] = (float) (stored * slope + intercept);
		}
		final List<String> warnings = new ArrayList<>();
		final PixelSpacing spacing = spacing(name, tags, warnings);
		return new Radiograph(name,
			ArrayImgs.floats(values, w, h), spacing, ValueDomain.INTENSITY,
			warnings);
	}

	private static void checkTransferSyntax(final String name,
		final String uid)
	{
		if (uid == null || DECODABLE.containsKey(uid)) return;
		final String kind = COMPRESSED.getOrDefault(uid, "transfer syntax " + uid);
		final boolean jpeg2000 = uid.startsWith("1.2.840.10008.1.2.4.9");
		final String decompress = jpeg2000
			? "gdcmconv --raw in.dcm out.dcm (Debian package libgdcm-tools)"
			: "dcmdjpeg in.dcm out.dcm (Debian package dcmtk)";
		throw new BoneXRException("'" + name + "' is compressed (" + kind + ", " +
			uid + "), which ImageJ 1 cannot decode.",
			"Open it in Fiji with File>Import>Bio-Formats, or decompress it first: " +
				decompress + ".");
	}

	private static PixelSpacing spacing(final String name,
		final DicomHeader tags, final List<String> warnings)
	{
		for (final String tag : new String[] { "0028,0030", "0018,1164" }) {
			final String v = tags.get(tag);
			if (v == null) continue;
			final String[] rowCol = v.split("\\\\");
			try {
				// DICOM order: row spacing (y), then column spacing (x).
				final double y = Double.parseDouble(rowCol[0].trim());
				final double x = rowCol.length > 1 ? Double.parseDouble(rowCol[1]
					.trim()) : y;
				return PixelSpacing.mm(x, y);
			}
			catch (final NumberFormatException e) {
				warnings.add("'" + name + "' has an unreadable spacing '" + v +
					"' in tag " + tag + ".");
			}
		}
		warnings.add("'" + name +
			"' has neither Pixel Spacing (0028,0030) nor Imager Pixel Spacing " +
			"(0018,1164): lengths are in pixels (px), not mm. Set the pixel size " +
			"with Image>Properties... to measure in mm.");
		return PixelSpacing.UNKNOWN;
	}
}
