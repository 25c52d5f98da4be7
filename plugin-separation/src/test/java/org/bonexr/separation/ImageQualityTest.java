package org.bonexr.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageQualityTest {

	private static float[] ramp(final int w, final int h) {
		final float[] f = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) f[y * w + x] = (float) (Math.sin(x / 3.0) +
				y / 10.0);
		}
		return f;
	}

	@Test
	void identicalImagesArePerfect() {
		final float[] t = ramp(40, 30);
		final ImageQuality q = ImageQuality.of(t.clone(), t, 40, 30, null);
		assertEquals(1, q.ssim, 1e-9);
		assertEquals(0, q.rmse, 0);
		assertEquals(Double.POSITIVE_INFINITY, q.psnrDb);
	}

	@Test
	void offsetGivesKnownRmseAndPsnr() {
		final float[] t = ramp(40, 30);
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (final float v : t) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		final float[] e = t.clone();
		for (int i = 0; i < e.length; i++) e[i] += 0.05f;
		final ImageQuality q = ImageQuality.of(e, t, 40, 30, null);
		assertEquals(0.05, q.rmse, 1e-6);
		assertEquals(20 * Math.log10((hi - lo) / 0.05), q.psnrDb, 1e-3);
		// SSIM's luminance term only: structure and contrast are unchanged
		assertTrue(q.ssim < 1 && q.ssim > 0.95, "" + q.ssim);
	}

	@Test
	void regionAveragesOnlyThere() {
		final float[] t = ramp(20, 20);
		final float[] e = t.clone();
		final boolean[] region = new boolean[t.length];
		for (int i = 0; i < 200; i++) {
			e[i] += 1; // error in the top half only
			region[i + 200] = true;
		}
		assertEquals(0, ImageQuality.of(e, t, 20, 20, region).rmse, 0);
		assertEquals(1.0, ImageQuality.of(e, t, 20, 20, invert(region)).rmse,
			1e-6);
	}

	private static boolean[] invert(final boolean[] b) {
		final boolean[] r = new boolean[b.length];
		for (int i = 0; i < b.length; i++) r[i] = !b[i];
		return r;
	}
}
