package org.bonexr.it;

import ij.ImagePlus;
import ij.process.ShortProcessor;

/**
 * Radiograph-like test images with known attenuation.
 */
final class TestImages {

	/** Open-field intensity of {@link #knownAttenuation16Bit()}. */
	static final int I0 = 40000;
	/** Pixel spacing of the test images, mm. */
	static final double SPACING_MM = 0.1;

	private TestImages() {}

	/**
	 * The attenuation painted into the test image at (x, y): zero in an open
	 * field around a disc of smoothly varying attenuation up to 2.5.
	 */
	static double attenuationAt(final int x, final int y) {
		final double dx = (x - 60) / 40.0;
		final double dy = (y - 50) / 35.0;
		final double r2 = dx * dx + dy * dy;
		return r2 < 1 ? 2.5 * Math.sqrt(1 - r2) : 0;
	}

	/**
	 * 16-bit intensity image I = round(I0·exp(−A)), 120×100 px at 0.1 mm, so
	 * that the true attenuation is known at every pixel.
	 */
	static ImagePlus knownAttenuation16Bit() {
		final ShortProcessor ip = new ShortProcessor(120, 100);
		for (int y = 0; y < 100; y++)
			for (int x = 0; x < 120; x++)
				ip.set(x, y, (int) Math.round(I0 * Math.exp(-attenuationAt(x, y))));
		final ImagePlus imp = new ImagePlus("knee.tif", ip);
		imp.getCalibration().pixelWidth = SPACING_MM;
		imp.getCalibration().pixelHeight = SPACING_MM;
		imp.getCalibration().setUnit("mm");
		return imp;
	}

	/**
	 * Largest error of an attenuation image against {@link #attenuationAt},
	 * allowing for the 16-bit rounding of intensity (|ΔA| ≤ 0.5/I).
	 */
	static double maxErrorBeyondRounding(final ImagePlus attenuation) {
		double worst = 0;
		for (int y = 0; y < 100; y++)
			for (int x = 0; x < 120; x++) {
				final double a = attenuationAt(x, y);
				final double rounding = 0.5 / (I0 * Math.exp(-a)) + 1e-6;
				final double err = Math.abs(attenuation.getProcessor().getf(x, y) - a);
				worst = Math.max(worst, err - rounding);
			}
		return worst;
	}
}
