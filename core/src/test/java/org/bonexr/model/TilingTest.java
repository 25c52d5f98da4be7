package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Tiling against whole-image results, with models written in Java whose
 * receptive field is known exactly.
 */
class TilingTest {

	/** k passes of a 3x3 mean filter with zero padding: receptive radius k, translation-equivariant. */
	static FloatTensor boxFilter(final FloatTensor in, final int passes) {
		final int c = (int) in.size(0), h = (int) in.size(1), w = (int) in.size(2);
		float[] cur = in.data().clone();
		for (int p = 0; p < passes; p++) {
			final float[] next = new float[cur.length];
			for (int k = 0; k < c; k++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double s = 0;
						for (int dy = -1; dy <= 1; dy++)
							for (int dx = -1; dx <= 1; dx++) {
								final int yy = y + dy, xx = x + dx;
								if (yy >= 0 && yy < h && xx >= 0 && xx < w) s += cur[(k * h + yy) *
									w + xx];
							}
						next[(k * h + y) * w + x] = (float) (s / 9);
					}
			cur = next;
		}
		return new FloatTensor(in.shape(), cur);
	}

	static FloatTensor random(final long c, final long h, final long w,
		final long seed)
	{
		final Random r = new Random(seed);
		final float[] d = new float[(int) (c * h * w)];
		for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
		return new FloatTensor(new long[] { c, h, w }, d);
	}

	/** Largest |a-b| over pixels at least {@code margin} from every image border. */
	static double maxDiffInside(final FloatTensor a, final FloatTensor b,
		final int margin)
	{
		final int c = (int) a.size(0), h = (int) a.size(1), w = (int) a.size(2);
		double max = 0;
		for (int k = 0; k < c; k++)
			for (int y = margin; y < h - margin; y++)
				for (int x = margin; x < w - margin; x++) {
					final int i = (k * h + y) * w + x;
					max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
				}
		return max;
	}

	@Test
	void tiledEqualsWholeAwayFromBordersForAConvolution() {
		final int passes = 5; // receptive radius 5 px
		final FloatTensor img = random(2, 203, 177, 1);
		final FloatTensor whole = boxFilter(img, passes);
		final Tiling tiling = new Tiling(AxisSize.parameterized(16, 1), AxisSize
			.parameterized(16, 1), 6, 6, 48);
		assertTrue(tiling.tileCount(203, 177) > 16);
		final FloatTensor tiled = tiling.run(img, t -> boxFilter(t, passes), null);
		assertEquals(0, maxDiffInside(whole, tiled, passes), 1e-5);
		// without a halo the tile borders show
		final FloatTensor seams = new Tiling(AxisSize.parameterized(16, 1), AxisSize
			.parameterized(16, 1), 0, 0, 48).run(img, t -> boxFilter(t, passes),
				null);
		assertTrue(maxDiffInside(whole, seams, passes) > 1e-3);
	}

	@Test
	void aConstantImageStaysConstantAcrossSeams() {
		final FloatTensor img = new FloatTensor(new long[] { 1, 150, 130 },
			new float[150 * 130]);
		java.util.Arrays.fill(img.data(), 0.37f);
		final FloatTensor out = new Tiling(AxisSize.parameterized(32, 8), AxisSize
			.parameterized(32, 8), 8, 8, 64).run(img, t -> t.copy(), null);
		for (final float v : out.data()) assertEquals(0.37f, v, 1e-6);
	}

	@Test
	void haloPixelsNeverReachTheResult() {
		// a model whose outer 8 pixels are garbage: only the halo may hide them
		final int halo = 8;
		final Tiling.TileModel garbageRim = t -> {
			final FloatTensor o = t.copy();
			final int h = (int) t.size(1), w = (int) t.size(2);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if (y < halo || x < halo || y >= h - halo || x >= w - halo) o
						.data()[y * w + x] = 1e6f;
			return o;
		};
		final FloatTensor img = random(1, 140, 170, 2);
		final FloatTensor out = new Tiling(AxisSize.parameterized(16, 4), AxisSize
			.parameterized(16, 4), halo, halo, 64).run(img, garbageRim, null);
		assertEquals(0, maxDiffInside(img, out, halo), 1e-5);
	}

	@Test
	void tilesStartOnTheModelsGridAndCoverTheImage() {
		final AxisSize rule = AxisSize.parameterized(16, 8);
		final Tiling.AxisPlan p = Tiling.plan(1000, rule, 12, 100, 'x');
		assertTrue(rule.allows(p.tile));
		assertTrue(p.tile >= 100);
		for (final long s : p.starts) assertEquals(0, s % 8);
		assertTrue(p.starts[p.starts.length - 1] + p.tile >= 1000);
		for (int u = 0; u < 1000; u++) {
			double w = 0;
			for (int i = 0; i < p.starts.length; i++) {
				final long local = u - p.starts[i];
				if (local >= 0 && local < p.tile) w += p.weight(i, local);
			}
			assertTrue(w > 0, "pixel " + u + " has no weight");
		}
		// small images: one tile of the smallest allowed size covering them
		final Tiling.AxisPlan one = Tiling.plan(21, rule, 12, 100, 'x');
		assertEquals(1, one.starts.length);
		assertEquals(24, one.tile);
	}

	@Test
	void mirrorReflectsWithoutRepeatingTheEdge() {
		assertEquals(3, Tiling.mirror(5, 5)); // 0 1 2 3 4 | 3 2 1 0 1 ...
		assertEquals(0, Tiling.mirror(8, 5));
		assertEquals(1, Tiling.mirror(9, 5));
		assertEquals(0, Tiling.mirror(7, 1));
	}
}
