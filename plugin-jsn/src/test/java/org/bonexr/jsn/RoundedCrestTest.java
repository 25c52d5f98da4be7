package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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
		return profile(sigma, 0);
	}

	/** As {@link #profile(double)}, the whole profile shifted by dt px. */
	private static double[] profile(final double sigma, final double dt) {
		return BlurredProfiles.sample(t -> ideal(t - dt), T_START, 81, sigma);
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
			final double found = RoundedCrest.fit(y, T_START, NEAR, highest, 0.1).farRim;
			assertEquals(CREST, found, 0.05, "blur " + sigma);
		}
	}

	@Test
	void aSharpCrestStaysWhereItIs() {
		final double[] y = profile(0);
		final double found = RoundedCrest.fit(y, T_START, NEAR, CREST - 0.8, 0.1).farRim;
		assertEquals(CREST, found, 0.05);
	}

	/**
	 * Across a joint every crest has the same shape; with noise, each
	 * profile's free fit trades its far rim against fall and blur, so its far
	 * rim scatters. 41 profiles of the same blurred crest (blur 1.3 px, fall
	 * 3 px), moved by up to ±2 px, each with its own Gaussian noise (SD 0.002:
	 * the crest rises 0.003 per px). With the shape shared (the median of the
	 * free fits), each far rim fitted alone scatters less about its mean
	 * error; the shared shape's shift keeps the free fits' mean (with the
	 * median shape alone all far rims here move 0.5 px early, as fall and
	 * blur trade off along a shallow valley of the residual).
	 */
	@Test
	void aSharedShapeScattersLessThanEachFreeFit() {
		final java.util.Random random = new java.util.Random(3);
		final List<RoundedCrest.Crest> crests = new ArrayList<>();
		final double[] shift = new double[41];
		for (int j = 0; j < shift.length; j++) {
			shift[j] = -2 + 4.0 * j / (shift.length - 1);
			final double[] y = profile(1.3, shift[j]);
			for (int i = 0; i < y.length; i++)
				y[i] += 0.002 * random.nextGaussian();
			crests.add(RoundedCrest.fit(y, T_START, NEAR + shift[j], highestSample(
				y) + T_START, 0.1));
		}
		final double[] rims = RoundedCrest.sharedFarRims(crests);
		final double[] free = new double[shift.length];
		final double[] withShared = new double[shift.length];
		for (int j = 0; j < shift.length; j++) {
			free[j] = crests.get(j).farRim - CREST - shift[j];
			withShared[j] = rims[j] - CREST - shift[j];
		}
		assertTrue(sd(withShared) < 0.7 * sd(free), "SD of the far rims' errors: " +
			"free " + sd(free) + " px, shared shape " + sd(withShared) + " px");
		assertEquals(mean(free), mean(withShared), 1e-9);
		final RoundedCrest.Shape shared = RoundedCrest.medianShape(crests);
		double early = 0;
		for (int j = 0; j < shift.length; j++)
			early += crests.get(j).farRim(shared) - CREST - shift[j];
		assertTrue(early / shift.length < mean(free) - 0.2, "the median shape " +
			"alone moves the far rims by " + (early / shift.length - mean(free)) +
			" px");
		// the median of the free fits' shapes
		assertEquals(median(crests.stream().mapToDouble(c -> c.shape.fallPx)
			.toArray()), shared.fallPx, 1e-12);
		assertEquals(median(crests.stream().mapToDouble(c -> c.shape.blurPx)
			.toArray()), shared.blurPx, 1e-12);
	}

	private static double mean(final double[] v) {
		return java.util.Arrays.stream(v).average().getAsDouble();
	}

	private static double sd(final double[] v) {
		final double m = mean(v);
		return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m))
			.sum() / (v.length - 1));
	}

	/** Median of an odd number of values. */
	private static double median(final double[] v) {
		final double[] s = v.clone();
		java.util.Arrays.sort(s);
		return s[s.length / 2];
	}

	@Test
	void aCrestLocatedWithItsTrueShapeIsWhereTheCornerIs() {
		final double[] y = profile(1.3);
		final RoundedCrest.Crest c = RoundedCrest.fit(y, T_START, NEAR,
			highestSample(y) + T_START, 0.1);
		final RoundedCrest.Shape truth = new RoundedCrest.Shape(FALL, 1.3);
		assertEquals(CREST, c.farRim(truth), 0.02);
		// a single crest shares only its own shape: its far rim is kept
		final List<RoundedCrest.Crest> one = new ArrayList<>();
		one.add(c);
		assertEquals(c.farRim, RoundedCrest.sharedFarRims(one)[0], 1e-9);
		assertEquals(null, RoundedCrest.medianShape(new ArrayList<>()));
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
