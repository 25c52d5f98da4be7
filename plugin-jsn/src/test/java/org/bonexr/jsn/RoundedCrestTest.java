package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoundedCrestTest {

	private static final double T_START = -40;
	private static final double NEAR = -20, CREST = 5.37, FALL = 3;

	/**
	 * A tilted end's profile: 0 before the near rim, a slow rise to the crest,
	 * a steep fall over 3 px, then a level that declines slowly.
	 */
	private static double ideal(final double t) {
		if (t < NEAR) return 0;
		final double top = 0.003 * (CREST - NEAR);
		if (t < CREST) return 0.003 * (t - NEAR);
		if (t < CREST + FALL) return top - 0.012 * (t - CREST);
		return top - 0.012 * FALL - 0.0005 * (t - CREST - FALL);
	}

	/** The profile blurred by a Gaussian of SD sigma px, sampled at integer t. */
	private static double[] profile(final double sigma) {
		final double[] y = new double[81];
		for (int i = 0; i < y.length; i++) {
			final double t = T_START + i;
			if (sigma == 0) {
				y[i] = ideal(t);
				continue;
			}
			double sum = 0, weights = 0;
			for (int k = -500; k <= 500; k++) {
				final double s = k * 0.01 * sigma;
				final double w = Math.exp(-0.5 * (k * 0.01) * (k * 0.01));
				sum += w * ideal(t - s);
				weights += w;
			}
			y[i] = sum / weights;
		}
		return y;
	}

	private static int highestSample(final double[] y) {
		int top = 0;
		for (int i = 1; i < y.length; i++)
			if (y[i] > y[top]) top = i;
		return top;
	}

	@Test
	void aBlurredCrestIsFoundWhereTheCornerIs() {
		// blurs between the coarse grid's values (0, 0.5, … 2 px at 0.1 mm/px)
		for (final double sigma : new double[] { 0.8, 1.3, 1.8 }) {
			final double[] y = profile(sigma);
			// the problem: the blurred crest's highest point lies before it
			final double highest = highestSample(y) + T_START;
			assertTrue(CREST - highest >= 0.3, "highest sample at " + highest);
			final double found = RoundedCrest.locate(y, T_START, NEAR, highest, 0.1);
			assertEquals(CREST, found, 0.05, "blur " + sigma);
		}
	}

	@Test
	void aSharpCrestStaysWhereItIs() {
		final double[] y = profile(0);
		final double found = RoundedCrest.locate(y, T_START, NEAR, CREST - 0.8, 0.1);
		assertEquals(CREST, found, 0.05);
	}

	@Test
	void blurredRampAndNormalCdfMatchTheirClosedForms() {
		assertEquals(0.8413447, RoundedCrest.normalCdf(1), 1e-6);
		assertEquals(0.0227501, RoundedCrest.normalCdf(-2), 1e-6);
		assertEquals(0.5, RoundedCrest.normalCdf(0), 1e-7);
		// far from the bend the blurred ramp is the ramp; at it, σ/√(2π)
		assertEquals(3.0, RoundedCrest.blurredRamp(3, 0.5), 1e-6);
		assertEquals(0.0, RoundedCrest.blurredRamp(-3, 0.5), 1e-6);
		assertEquals(0.5 / Math.sqrt(2 * Math.PI), RoundedCrest.blurredRamp(0, 0.5), 1e-9);
		assertEquals(2.0, RoundedCrest.blurredRamp(2, 0), 0);
	}
}
