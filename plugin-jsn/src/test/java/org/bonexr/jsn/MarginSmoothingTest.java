package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MarginSmoothingTest {

	@Test
	void aCurvedMarginIsKeptExactlyAndGapsStayGaps() {
		final double[] t = new double[41];
		for (int i = 0; i < t.length; i++) {
			final double x = i - 17.3;
			t[i] = 5 - 0.02 * x * x + 0.1 * x;
		}
		t[8] = t[9] = t[30] = Double.NaN;
		final double[] before = t.clone();
		final double[] s = MarginSmoothing.localQuadratic(t, 5);
		assertArrayEquals(before, t, 0, "input modified");
		for (int i = 0; i < t.length; i++) {
			if (Double.isNaN(t[i])) assertTrue(Double.isNaN(s[i]), "gap filled at " + i);
			else assertEquals(t[i], s[i], 1e-9, "position " + i);
		}
	}

	@Test
	void noiseOnAStraightMarginShrinksByTheWindowsGain() {
		// white noise of SD 1: a quadratic fit over 2h+1 = 11 points leaves
		// SD √(Σ w²) at the centre = √(89/429) ≈ 0.455 (Savitzky–Golay weights)
		final Random random = new Random(3);
		final double[] t = new double[20000];
		for (int i = 0; i < t.length; i++)
			t[i] = 2 + 0.01 * i + random.nextGaussian();
		final double[] s = MarginSmoothing.localQuadratic(t, 5);
		double sum = 0;
		int n = 0;
		for (int i = 5; i < t.length - 5; i++, n++) {
			final double e = s[i] - (2 + 0.01 * i);
			sum += e * e;
		}
		assertEquals(Math.sqrt(89.0 / 429), Math.sqrt(sum / n), 0.01);
	}

	@Test
	void tooFewMarginsInTheWindowKeepTheirOwnValue() {
		final double[] t = { Double.NaN, 1, Double.NaN, 7, 2, Double.NaN, Double.NaN };
		assertArrayEquals(t, MarginSmoothing.localQuadratic(t, 2), 0);
	}
}
