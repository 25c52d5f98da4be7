package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class XrayDegradationTest {

	private static final int W = 200, H = 200;

	private static float[] uniform(final float a) {
		final float[] img = new float[W * H];
		Arrays.fill(img, a);
		return img;
	}

	@Test
	void quantumNoiseHasPoissonMeanAndVariance() {
		// large means: normal approximation; small means: exact sampling
		for (final double i0 : new double[] { 10000, 12 }) {
			final XrayDegradation deg = XrayDegradation.builder().i0(i0).scatter(0,
				0).build();
			final float[] counts = deg.apply(uniform(0.5f), W, H, 0.1, 5).intensity;
			final double expected = i0 * Math.exp(-0.5);
			double mean = 0, var = 0;
			for (final float c : counts) mean += c;
			mean /= counts.length;
			for (final float c : counts) var += (c - mean) * (c - mean);
			var /= counts.length - 1;
			final double se = Math.sqrt(expected / counts.length);
			assertEquals(expected, mean, 4 * se, "mean at I0 " + i0);
			assertEquals(expected, var, 4 * expected * Math.sqrt(2.0 /
				counts.length) + 0.01 * expected, "variance at I0 " + i0);
		}
	}

	@Test
	void sameSeedSameNoise() {
		final XrayDegradation deg = XrayDegradation.builder().build();
		assertArrayEquals(deg.apply(uniform(1), W, H, 0.1, 3).intensity, deg
			.apply(uniform(1), W, H, 0.1, 3).intensity);
	}

	@Test
	void scatterKeepsTheOpenFieldAndSpreadsAnEdge() {
		final float[] edge = uniform(0);
		for (int y = 0; y < H; y++) {
			for (int x = W / 2; x < W; x++) edge[y * W + x] = 1;
		}
		final XrayDegradation deg = XrayDegradation.builder().i0(1000)
			.quantumNoise(false).scatter(0.2, 2).build();
		final float[] i = deg.apply(edge, W, H, 0.1, 0).intensity;
		final int row = H / 2 * W;
		assertEquals(1000, i[row], 1e-3, "open field far from the edge");
		final double dark = 1000 * Math.exp(-1);
		assertEquals(dark, i[row + W - 1], 1e-3);
		// 1 mm into the dark side, scatter from the open field adds
		// f·(I_open − I_dark)·Φ(−d/σ), d = 10.5 px from the edge, σ = 20 px
		final double phi = 0.29979; // Φ(−0.525)
		assertEquals(dark + 0.2 * (1000 - dark) * phi, i[row + W / 2 + 10], 0.5);
	}

	@Test
	void jpegShrinksWithQualityAndStaysCloseAtHighQuality() {
		final float[] ramp = new float[W * H];
		for (int k = 0; k < ramp.length; k++) ramp[k] = (k % W) / (float) W;
		final XrayDegradation.Detected q90 = XrayDegradation.builder().i0(1000)
			.jpegQuality(90).build().apply(ramp, W, H, 0.1, 1);
		final XrayDegradation.Detected q10 = XrayDegradation.builder().i0(1000)
			.jpegQuality(10).build().apply(ramp, W, H, 0.1, 1);
		assertTrue(q10.jpegBytes < q90.jpegBytes, q10.jpegBytes + " < " +
			q90.jpegBytes);
		final XrayDegradation.Detected none = XrayDegradation.builder().i0(1000)
			.build().apply(ramp, W, H, 0.1, 1);
		assertEquals(-1, none.jpegBytes);
		double maxDiff = 0;
		for (int k = 0; k < ramp.length; k++) {
			maxDiff = Math.max(maxDiff, Math.abs(q90.intensity[k] -
				none.intensity[k]));
		}
		// 8-bit rendering of 1000 counts: one grey level is 3.9 counts; noise
		// of ±3 SD (≈ 95 counts) is what JPEG at quality 90 has to keep
		assertTrue(maxDiff < 150, "max JPEG error " + maxDiff);
	}
}
