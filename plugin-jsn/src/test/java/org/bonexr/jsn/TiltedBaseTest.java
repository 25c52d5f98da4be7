package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TiltedBaseTest {

	/** A network-like blur of the layer (SD, px) and the noise left in it. */
	private static final double BLUR = 1.5, NOISE = 0.001;
	private static final double T_START = -40, WINDOW_PX = 4, RISE = 25;

	/**
	 * A tilted end's profile, its near rim at e: 0, a ramp (0.004/px) for
	 * {@value #RISE} px, a fall over 3 px, a level.
	 */
	private static double ideal(final double t, final double e) {
		return t < e ? 0 : t < e + RISE ? 0.004 * (t - e) : t < e + RISE + 3
			? 0.004 * RISE - 0.01 * (t - e - RISE) : 0.004 * RISE - 0.03;
	}

	/**
	 * The profile blurred by a Gaussian of SD blur px (as a network blurs its
	 * layer), sampled at integer t, plus Gaussian noise of SD noise.
	 */
	private static double[] profile(final double e, final double blur,
		final double noise, final Random random)
	{
		final double[] y = BlurredProfiles.sample(t -> ideal(t, e), T_START, 90,
			blur);
		for (int i = 0; i < y.length; i++)
			y[i] += noise * random.nextGaussian();
		return y;
	}

	private static TiltedBase base(final double[] y, final double onset) {
		final EdgeModelFit fit = new EdgeModelFit(y, T_START, WINDOW_PX);
		final EdgeModelFit.Edge near = fit.fitSingle(onset, false).distal;
		return new TiltedBase(fit, onset, near, RoundedCrest.fit(y, T_START,
			near.position, near.position + RISE, 0.1));
	}

	/**
	 * 41 blurred noisy ramps across a joint, near rims along a smooth curve:
	 * fitted again with the γ most of them chose, the near rims scatter less
	 * about the truth than with each one's own γ (0.73 against 0.80 px here),
	 * and keep their mean.
	 */
	@Test
	void aSharedEdgeShapeScattersLessThanEachFreeFit() {
		final Random random = new Random(7);
		final List<TiltedBase> bases = new ArrayList<>();
		final double[] truth = new double[41];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = 0.3 + 0.001 * (i - 20) * (i - 20);
			bases.add(base(profile(truth[i], BLUR, NOISE, random), truth[i] - 1));
		}
		final double[] shared = TiltedBase.sharedNearRims(bases);
		double freeMean = 0, sharedMean = 0, freeErr = 0, sharedErr = 0,
			freeSq = 0, sharedSq = 0;
		final int n = truth.length;
		for (int i = 0; i < n; i++) {
			final double f = bases.get(i).near.position - truth[i];
			final double s = shared[i] - truth[i];
			freeMean += bases.get(i).near.position / n;
			sharedMean += shared[i] / n;
			freeErr += f / n;
			sharedErr += s / n;
			freeSq += f * f / n;
			sharedSq += s * s / n;
		}
		final double freeSd = Math.sqrt(freeSq - freeErr * freeErr);
		final double sharedSd = Math.sqrt(sharedSq - sharedErr * sharedErr);
		System.out.printf("near rims: free fits SD %.3f px (mean %+.3f), shared " +
			"γ %.2f SD %.3f px%n", freeSd, freeErr, TiltedBase.commonGamma(bases),
			sharedSd);
		assertTrue(sharedSd < freeSd, "SD " + sharedSd + " vs " + freeSd);
		assertEquals(freeMean, sharedMean, 1e-9);
	}

	/**
	 * The common γ is the one most near rims chose; on a tie the smaller
	 * (closer to a step).
	 */
	@Test
	void theCommonGammaIsTheMostFrequentTheSmallerOnATie() {
		assertEquals(1, TiltedBase.commonGamma(withGammas(0.5, 1, 0.75, 1, 0.5,
			1)), 0);
		assertEquals(0.5, TiltedBase.commonGamma(withGammas(1, 0.5, 1, 0.5)), 0);
		assertTrue(Double.isNaN(TiltedBase.commonGamma(withGammas())));
	}

	private static List<TiltedBase> withGammas(final double... gammas) {
		final List<TiltedBase> bases = new ArrayList<>();
		for (final double g : gammas)
			bases.add(new TiltedBase(null, 0, new EdgeModelFit.Edge(0, g, 1, 1),
				null));
		return bases;
	}

	/** Sharp noise-free ramps: every fit chooses γ = 1 and finds its rim. */
	@Test
	void aRampsOwnShapeFindsItsRim() {
		final Random random = new Random(1);
		final List<TiltedBase> bases = new ArrayList<>();
		for (final double e : new double[] { -0.37, 0.12, 0.5 })
			bases.add(base(profile(e, 0, 0, random), e - 1));
		assertEquals(1, TiltedBase.commonGamma(bases), 0);
		final double[] rims = TiltedBase.sharedNearRims(bases);
		assertEquals(-0.37, rims[0], 0.02);
		assertEquals(0.12, rims[1], 0.02);
		assertEquals(0.5, rims[2], 0.02);
	}

	/**
	 * 101 positions across a joint: a curved mid-line, a band whose width
	 * changes slowly, a near rim that scatters by 1 px and a far rim by
	 * 0.2 px. The mid-lines from the smoothed width, weighted towards the
	 * far rim, scatter less about the truth than the middle between the rims
	 * (which equal weights would give).
	 */
	@Test
	void theRimThatScattersLessPlacesTheMidLineMore() {
		final Random random = new Random(3);
		final int n = 101;
		final int[] positions = new int[n];
		final double[] near = new double[n], far = new double[n],
			truth = new double[n];
		for (int j = 0; j < n; j++) {
			positions[j] = j;
			truth[j] = 2 + 0.0004 * (j - 50) * (j - 50);
			final double width = 30 - 0.001 * (j - 50) * (j - 50);
			near[j] = truth[j] - width / 2 + random.nextGaussian();
			far[j] = truth[j] + width / 2 + 0.2 * random.nextGaussian();
		}
		final double[] mid = TiltedBase.midLines(positions, near, far, n, 5, 15);
		double weighted = 0, middle = 0;
		for (int j = 0; j < n; j++) {
			weighted += Math.pow(mid[j] - truth[j], 2) / n;
			middle += Math.pow((near[j] + far[j]) / 2 - truth[j], 2) / n;
		}
		System.out.printf("mid-lines RMS error: weighted %.3f px, middle %.3f " +
			"px%n", Math.sqrt(weighted), Math.sqrt(middle));
		assertTrue(weighted < 0.5 * middle, weighted + " vs " + middle);
	}

	/** Without smoothing the width, the mid-line is the middle between the rims. */
	@Test
	void anUnsmoothedWidthGivesTheMiddle() {
		final double[] near = { -10, -12.5, -9 }, far = { 10, 11, 13.5 };
		final double[] mid = TiltedBase.midLines(new int[] { 1, 2, 4 }, near, far,
			6, 3, 0);
		assertEquals(0, mid[1], 1e-12);
		assertEquals(-0.75, mid[2], 1e-12);
		assertEquals(2.25, mid[4], 1e-12);
		assertTrue(Double.isNaN(mid[0]) && Double.isNaN(mid[3]) && Double.isNaN(
			mid[5]));
	}
}
