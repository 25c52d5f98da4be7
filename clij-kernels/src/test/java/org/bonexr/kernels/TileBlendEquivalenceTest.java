package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.img.Img;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenCL tile blending against its Java twin, on the first OpenCL device
 * (PoCL on the build machine and in CI), with overlapping tiles laid out as a
 * model runtime does: sin² ramps, zero-weight halos, tiles running over the
 * image's right and bottom edges.
 * <p>
 * Measure: the largest relative difference of {@link ImageComparison}. Bound:
 * 1e-6. Why: per pixel both backends do the same float operations in the
 * same order (weight product, multiply-add per tile, one division); the
 * device may fuse a multiply-add (one rounding less, ≤ 2^-24 relative per
 * tile) and its division may be off by an ulp; with at most 4 tiles per pixel
 * here that is a few 1e-7.
 */
class TileBlendEquivalenceTest {

	private static final double TOLERANCE = 1e-6;

	private static ComputeBackend openCl;
	private static String device;

	@BeforeAll
	static void openDevice() {
		openCl = OpenClTestSupport.requireBackend();
		device = openCl.requestedDevice();
	}

	@AfterAll
	static void closeDevice() {
		if (openCl != null) openCl.close();
	}

	@AfterEach
	void stillOnTheDevice() {
		OpenClTestSupport.assertStillOnDevice(openCl);
	}

	/** One tile: position, output and weights. */
	private static final class Tile {

		int y0, x0;
		float[] values, wy, wx;
	}

	/** Weight along one axis: 0 in the halo next to a neighbour, sin² ramp, 1 inside. */
	private static float[] weights(final int tile, final int halo, final int ramp, final boolean first,
		final boolean last)
	{
		final float[] w = new float[tile];
		for (int u = 0; u < tile; u++) {
			double d = Double.POSITIVE_INFINITY;
			if (!first) d = u - halo;
			if (!last) d = Math.min(d, tile - 1 - u - halo);
			final double s = Math.sin(Math.PI / 2 * (d + 1) / (ramp + 1));
			w[u] = d < 0 ? 0 : d >= ramp ? 1 : (float) (s * s);
		}
		return w;
	}

	/**
	 * Tiles of {@code size} every {@code stride} pixels covering a channels ×
	 * height × width image; tile values: a smooth image plus noise that differs
	 * per tile (as a network's output does near tile borders), NaN in the halo.
	 */
	private static List<Tile> tiles(final int channels, final int height, final int width, final int size,
		final int stride, final int halo)
	{
		final Random r = new Random(7);
		final List<Tile> tiles = new ArrayList<>();
		for (int y0 = 0; y0 < height; y0 += stride) {
			for (int x0 = 0; x0 < width; x0 += stride) {
				final Tile t = new Tile();
				t.y0 = y0;
				t.x0 = x0;
				t.wy = weights(size, halo, 8, y0 == 0, y0 + size >= height);
				t.wx = weights(size, halo, 8, x0 == 0, x0 + size >= width);
				t.values = new float[channels * size * size];
				for (int c = 0; c < channels; c++)
					for (int v = 0; v < size; v++)
						for (int u = 0; u < size; u++) {
							final boolean inHalo = t.wy[v] == 0 || t.wx[u] == 0;
							t.values[(c * size + v) * size + u] = inHalo ? Float.NaN : (float) (c + Math.sin((x0 + u) /
								17.0) * Math.cos((y0 + v) / 23.0) + 0.01 * r.nextGaussian());
						}
				tiles.add(t);
				if (x0 + size >= width) break;
			}
			if (y0 + size >= height) break;
		}
		return tiles;
	}

	private static float[] blend(final TileAccumulator acc, final List<Tile> tiles, final int size) {
		try (TileAccumulator a = acc) {
			for (final Tile t : tiles) a.add(t.values, size, size, t.y0, t.x0, t.wy, t.wx);
			return a.result();
		}
	}

	@Test
	void overlappingTilesMatchJavaTwin() {
		final int c = 5, h = 203, w = 177, size = 64;
		final List<Tile> tiles = tiles(c, h, w, size, 40, 6);
		assertTrue(tiles.size() > 16);
		final TileAccumulator onDevice = openCl.tileAccumulator(c, h, w);
		assertTrue(onDevice.onDevice(), "expected the sums on the device");
		final float[] gpu = blend(onDevice, tiles, size);
		final float[] java = blend(new TileBlendJava(c, h, w), tiles, size);
		final Img<FloatType> a = FloatImages.wrap(gpu, w, h, c), b = FloatImages.wrap(java, w, h, c);
		final double difference = ImageComparison.maxRelativeDifference(a, b);
		System.out.println("tile blending, OpenCL (" + device + ") vs Java, " + tiles.size() + " tiles, " +
			java.length + " values: max relative difference " + difference);
		assertTrue(difference <= TOLERANCE, "max relative difference " + difference + " > " + TOLERANCE);
		for (final float v : gpu) assertTrue(Float.isFinite(v), "a halo value (NaN) reached the result");
	}

	/** Two tiles overlapping in one column, weights chosen by hand: a weighted mean worked out on paper. */
	@Test
	void overlapIsTheWeightedMeanOnBothBackends() {
		for (final TileAccumulator acc : new TileAccumulator[] { openCl.tileAccumulator(1, 1, 3),
			new TileBlendJava(1, 1, 3) })
		{
			try (TileAccumulator a = acc) {
				a.add(new float[] { 1, 2 }, 1, 2, 0, 0, new float[] { 1 }, new float[] { 1, 0.25f });
				a.add(new float[] { 6, 4 }, 1, 2, 0, 1, new float[] { 1 }, new float[] { 0.75f, 1 });
				final float[] r = a.result();
				assertEquals(1, r[0], 1e-7);
				assertEquals((0.25 * 2 + 0.75 * 6) / (0.25 + 0.75), r[1], 1e-6);
				assertEquals(4, r[2], 1e-7);
			}
		}
	}

	@Test
	void aTileBeyondTheImageEdgeIsCutAndBadTilesAreRefused() {
		try (TileAccumulator a = openCl.tileAccumulator(2, 3, 3)) {
			final float[] tile = new float[2 * 4 * 4];
			for (int i = 0; i < tile.length; i++) tile[i] = i < 16 ? 3 : 5;
			final float[] ones = { 1, 1, 1, 1 };
			a.add(tile, 4, 4, 0, 0, ones, ones);
			assertThrows(IllegalArgumentException.class, () -> a.add(tile, 4, 4, 3, 0, ones, ones));
			assertThrows(IllegalArgumentException.class, () -> a.add(new float[5], 4, 4, 0, 0, ones, ones));
			final float[] r = a.result();
			assertEquals(18, r.length);
			for (int i = 0; i < 18; i++) assertEquals(i < 9 ? 3 : 5, r[i], 0);
			assertThrows(IllegalStateException.class, a::result);
		}
	}
}
