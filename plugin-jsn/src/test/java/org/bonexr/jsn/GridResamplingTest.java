package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GridResamplingTest {

	@Test
	void coarserGridTakesTheMeanOverEachFootprint() {
		final float[] in = { 1, 2, 3, 4, //
			5, 6, 7, 8, //
			9, 10, 11, 12, //
			13, 14, 15, 16 };
		final GridResampling r = new GridResampling(4, 4, 0.05, 0.05, 0.1, 0.1);
		assertEquals(2, r.outputWidth());
		assertEquals(2, r.outputHeight());
		assertArrayEquals(new float[] { 3.5f, 5.5f, 11.5f, 13.5f }, r.apply(in),
			1e-6f);
	}

	@Test
	void sizeIsAdjustedToCoverTheFieldExactly() {
		// 240 px of 0.05 mm = 12 mm; 12 / 0.07 = 171.4 -> 171 px of 12/171 mm
		final GridResampling r = new GridResampling(240, 320, 0.05, 0.05, 0.07,
			0.07);
		assertEquals(171, r.outputWidth());
		assertEquals(229, r.outputHeight());
		assertEquals(12.0 / 171, r.outputXMm(), 1e-12);
		assertEquals(16.0 / 229, r.outputYMm(), 1e-12);
		assertEquals(240, r.inverse().outputWidth());
		assertEquals(0.05, r.inverse().outputXMm(), 1e-12);
	}

	@Test
	void meanIsKeptWhenCoarsening() {
		final int w = 30, h = 20;
		final float[] in = new float[w * h];
		double sum = 0;
		for (int i = 0; i < in.length; i++) {
			in[i] = (float) Math.sin(i * 0.37) + 2;
			sum += in[i];
		}
		// 0.1 -> 0.15 mm: 20 x 13.3 -> 20 x 13 px, field kept exactly
		final GridResampling r = new GridResampling(w, h, 0.1, 0.1, 0.15, 0.15);
		final float[] out = r.apply(in);
		double outSum = 0;
		for (final float v : out) outSum += v;
		assertEquals(sum / in.length, outSum / out.length, 1e-5);
	}

	@Test
	void finerGridInterpolatesLinearly() {
		// a ramp v = 3·x_mm + 1, sampled at the centres of 0.2 mm pixels
		final int w = 10, h = 3;
		final float[] in = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) in[y * w + x] = (float) (3 * (x + 0.5) *
				0.2 + 1);
		final GridResampling r = new GridResampling(w, h, 0.2, 0.2, 0.1, 0.1);
		assertEquals(20, r.outputWidth());
		final float[] out = r.apply(in);
		// inside the outermost input pixel centres the ramp is exact
		for (int x = 1; x < 19; x++) {
			assertEquals(3 * (x + 0.5) * 0.1 + 1, out[2 * 20 + x], 1e-5, "x " + x);
		}
		// beyond them the border value is held
		assertEquals(3 * 0.1 + 1, out[0], 1e-5);
	}

	@Test
	void constantStaysConstantBothWays() {
		final float[] in = new float[17 * 9];
		java.util.Arrays.fill(in, 0.75f);
		final GridResampling r = new GridResampling(17, 9, 0.05, 0.2, 0.07, 0.15);
		for (final float v : r.apply(in)) assertEquals(0.75f, v, 1e-6f);
		for (final float v : r.inverse().apply(r.apply(in))) assertEquals(0.75f, v,
			1e-6f);
	}
}
