package org.bonexr.separation;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The reconstruction residual r = input − (upper + lower + soft tissue), in
 * the attenuation domain (dimensionless), with its summary: RMS and largest
 * magnitude, also as percent of the input's attenuation range
 * (max − min of the input).
 */
public final class Residual {

	private final Img<FloatType> image;
	private final double rms;
	private final double maxAbs;
	private final double inputRange;

	Residual(final Img<FloatType> image, final double rms, final double maxAbs,
		final double inputRange)
	{
		this.image = image;
		this.rms = rms;
		this.maxAbs = maxAbs;
		this.inputRange = inputRange;
	}

	/** Pixel-wise residual, attenuation. */
	public Img<FloatType> image() {
		return image;
	}

	public double rms() {
		return rms;
	}

	/** Largest |r| over the image. */
	public double maxAbs() {
		return maxAbs;
	}

	/** max − min of the input, attenuation. */
	public double inputRange() {
		return inputRange;
	}

	/** RMS as percent of the input range (0 when both are 0). */
	public double rmsPercent() {
		return percent(rms);
	}

	public double maxAbsPercent() {
		return percent(maxAbs);
	}

	private double percent(final double v) {
		if (v == 0) return 0;
		return inputRange > 0 ? 100 * v / inputRange : Double.POSITIVE_INFINITY;
	}

	@Override
	public String toString() {
		return String.format("residual RMS %.3g (%.3g%% of range %.3g), max %.3g " +
			"(%.3g%%)", rms, rmsPercent(), inputRange, maxAbs, maxAbsPercent());
	}
}
