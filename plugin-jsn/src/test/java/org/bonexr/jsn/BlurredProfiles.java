package org.bonexr.jsn;

import java.util.function.DoubleUnaryOperator;

/** Analytic profiles blurred by a Gaussian, for the rim locators' tests. */
final class BlurredProfiles {

	private BlurredProfiles() {}

	/**
	 * @param ideal the unblurred profile: attenuation at t (px)
	 * @param tStart t of the first sample; samples at t = tStart + i
	 * @param n number of samples
	 * @param sigma the blur's SD, px (0: the profile itself)
	 * @return the blurred profile at the samples (numerical convolution over
	 *         ±5 SD)
	 */
	static double[] sample(final DoubleUnaryOperator ideal, final double tStart,
		final int n, final double sigma)
	{
		final double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			final double t = tStart + i;
			if (sigma == 0) {
				y[i] = ideal.applyAsDouble(t);
				continue;
			}
			double sum = 0, weights = 0;
			for (int k = -500; k <= 500; k++) {
				final double w = Math.exp(-0.5 * (k * 0.01) * (k * 0.01));
				sum += w * ideal.applyAsDouble(t - k * 0.01 * sigma);
				weights += w;
			}
			y[i] = sum / weights;
		}
		return y;
	}
}
