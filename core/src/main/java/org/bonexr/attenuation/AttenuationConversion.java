package org.bonexr.attenuation;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.kernels.AttenuationParameters;
import org.bonexr.kernels.ComputeBackendService;

/**
 * Beer–Lambert conversion of a radiograph from detected intensity to the
 * attenuation domain: A = −ln(I / I0) = Σ ∫μ dl, where I0 is the open-field
 * intensity (given, or estimated by {@link OpenFieldIntensity}).
 * <p>
 * Intensities at or below {@code I0·e^−}{@value #MAX_ATTENUATION} (zero
 * pixels, collimator edges) are floored there, so A never exceeds
 * {@value #MAX_ATTENUATION}; intensities above I0 give negative A (noise in
 * the open field), kept as they are so that noise averages out. Optionally
 * the result is normalised for display and learned models: divided by the
 * attenuation of the 0.1% least transmitted pixels, so values run from about
 * 0 (open field) to 1; the physical sum rule of layers then holds up to that
 * one scale factor, which {@link Result#scale} reports.
 * Runs on the backend the {@link ComputeBackendService} chose (OpenCL or
 * Java, same results within 1e-5 relative).
 */
public final class AttenuationConversion {

	/** Largest attenuation a pixel can get (intensity floor I0·e^−12). */
	public static final double MAX_ATTENUATION = 12;

	/** Quantile of intensity whose attenuation maps to 1 when normalising. */
	static final double NORMALISATION_QUANTILE = 0.001;

	private final ComputeBackendService compute;

	public AttenuationConversion(final ComputeBackendService compute) {
		this.compute = compute;
	}

	/** The attenuation image and the numbers used to make it. */
	public static final class Result {

		public final Radiograph attenuation;
		/** Open-field intensity used, in the input's intensity units. */
		public final double i0;
		/** Factor applied to A (1 unless normalised). */
		public final double scale;

		Result(final Radiograph attenuation, final double i0, final double scale) {
			this.attenuation = attenuation;
			this.i0 = i0;
			this.scale = scale;
		}
	}

	/**
	 * @param intensity a radiograph in the intensity domain
	 * @param i0 open-field intensity, or NaN/0 to estimate it
	 * @param normalise scale A to about 0..1 (see class description)
	 */
	public Result convert(final Radiograph intensity, final double i0,
		final boolean normalise)
	{
		if (intensity.domain() != ValueDomain.INTENSITY) {
			throw new BoneXRException("'" + intensity.name() +
				"' is already in the attenuation domain.",
				"Use it as it is, or open the original radiograph.");
		}
		if (i0 < 0 || Double.isInfinite(i0)) {
			throw new BoneXRException("I0 = " + i0 + " is not an intensity.",
				"Give a positive open-field intensity, or 0 to estimate it.");
		}
		final double openField = i0 > 0 ? i0 : OpenFieldIntensity.estimate(
			intensity.pixels());
		final double floor = openField * Math.exp(-MAX_ATTENUATION);
		double scale = 1;
		if (normalise) {
			final double darkest = Math.max(floor, OpenFieldIntensity.quantile(
				intensity.pixels(), NORMALISATION_QUANTILE));
			final double aMax = -Math.log(darkest / openField);
			if (!(aMax > 0)) {
				throw new BoneXRException("'" + intensity.name() +
					"' has no attenuating object: nearly all pixels are as bright as I0 = " +
					openField + ".", "Check I0, or switch normalisation off.");
			}
			scale = 1 / aMax;
		}
		final Img<FloatType> a = compute.attenuation(intensity.pixels(),
			new AttenuationParameters(openField, floor, 0, scale));
		return new Result(intensity.withPixels(a, ValueDomain.ATTENUATION),
			openField, scale);
	}
}
