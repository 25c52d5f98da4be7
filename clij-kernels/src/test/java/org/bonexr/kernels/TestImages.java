package org.bonexr.kernels;

import java.util.Arrays;
import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** Deterministic test images for the kernels' tests. */
final class TestImages {

	private TestImages() {}

	/**
	 * A radiograph-like raw intensity image: open field (A ≈ 0, with noise that
	 * pushes some pixels above i0), soft tissue (A ≈ 0.3–1), two overlapping
	 * bones (A up to ≈ 4.5), and a collimated border whose intensities are near
	 * or below zero (below any sensible floor). Pixel = i0 · exp(-A) · (1 + 2%
	 * noise) + small additive noise.
	 *
	 * @param i0 open-field intensity
	 * @param seed random seed
	 * @param dims 2 or more dimensions; x and y shape the picture
	 */
	static Img<FloatType> radiograph(final double i0, final long seed, final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Random random = new Random(seed);
		final double w = dims[0], h = dims[1];
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final double x = c.getDoublePosition(0) / w, y = c.getDoublePosition(1) / h;
			final double z = c.numDimensions() > 2 ? c.getDoublePosition(2) : 0;
			if (x < 0.04 || y < 0.05) {
				c.get().setReal(i0 * 1e-5 * random.nextGaussian()); // collimator shadow: ≈ 0, often negative
				continue;
			}
			double a = 0;
			final double softTissue = 1 - sq((x - 0.5) / 0.35) - sq((y - 0.5) / 0.45);
			if (softTissue > 0) a += 0.3 + 0.7 * Math.sqrt(softTissue);
			final double upperBone = 1 - sq((x - 0.5) / 0.12) - sq((y - 0.32) / 0.22);
			if (upperBone > 0) a += 2.0 * Math.sqrt(upperBone) + 0.05 * z;
			final double lowerBone = 1 - sq((x - 0.52) / 0.13) - sq((y - 0.7) / 0.25);
			if (lowerBone > 0) a += 2.2 * Math.sqrt(lowerBone);
			final double intensity = i0 * Math.exp(-a) * (1 + 0.02 * random.nextGaussian()) + 2 * random
				.nextGaussian();
			c.get().setReal(intensity);
		}
		return img;
	}

	/**
	 * Blends two tiles of a (width, height, channels) stack, each 2/3 of its
	 * width, at its left and right edge (overlapping in the middle third,
	 * weights rising across each tile), with the accumulator and with the Java
	 * twin; closes both.
	 *
	 * @return whether the two results are equal, bit for bit
	 */
	static boolean twoTilesBlendLikeJava(final TileAccumulator accumulator, final float[] values,
		final int channels, final int height, final int width)
	{
		final int tw = 2 * width / 3;
		final float[] tile = new float[channels * height * tw];
		for (int c = 0; c < channels; c++)
			for (int y = 0; y < height; y++)
				System.arraycopy(values, (c * height + y) * width, tile, (c * height + y) * tw, tw);
		final float[] wy = new float[height], wx = new float[tw];
		Arrays.fill(wy, 1);
		for (int u = 0; u < tw; u++) wx[u] = 0.5f + u / (2f * tw);
		final float[][] results = new float[2][];
		final TileAccumulator[] accumulators = { accumulator, new TileBlendJava(channels, height, width) };
		for (int k = 0; k < 2; k++) {
			try (TileAccumulator a = accumulators[k]) {
				a.add(tile, height, tw, 0, 0, wy, wx);
				a.add(tile, height, tw, 0, width - tw, wy, wx);
				results[k] = a.result();
			}
		}
		return Arrays.equals(results[0], results[1]);
	}

	private static double sq(final double v) {
		return v * v;
	}
}
