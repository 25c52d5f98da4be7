package org.bonexr.core.io;

import java.util.Locale;

/**
 * Length units as ImageJ calibrations name them, converted to millimetres
 * (BoneXR's length unit).
 */
public final class LengthUnits {

	private LengthUnits() {}

	/**
	 * Millimetres per unit (e.g. 10 for "cm"), or NaN when the unit is not a
	 * length (e.g. "pixel").
	 */
	public static double mmPer(final String unit) {
		if (unit == null) return Double.NaN;
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "nm":
				return 1e-6;
			case "um":
			case "\u00b5m":
			case "micron":
			case "microns":
				return 1e-3;
			case "mm":
			case "millimeter":
			case "millimetre":
				return 1;
			case "cm":
				return 10;
			case "m":
			case "meter":
			case "metre":
				return 1000;
			case "inch":
			case "inches":
			case "in":
				return 25.4;
			default:
				return Double.NaN;
		}
	}
}
