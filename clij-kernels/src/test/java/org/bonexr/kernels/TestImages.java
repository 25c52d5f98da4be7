package org.bonexr.kernels;

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

	private static double sq(final double v) {
		return v * v;
	}
}
