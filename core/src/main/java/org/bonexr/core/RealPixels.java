package org.bonexr.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Copies an image's values into a new float array, in flat iteration order
 * from its minimum corner (x fastest, then y, then z); the image is not
 * modified. For code that works on plain arrays (phantoms, kernels' CPU
 * paths, benchmarks).
 */
public final class RealPixels {

	private RealPixels() {}

	/**
	 * @param img an image of any real type and dimensionality
	 * @return its values as floats, a new array
	 * @throws BoneXRException when it has more than 2^31 − 1 pixels
	 */
	public static float[] copy(final RandomAccessibleInterval<? extends RealType<?>> img) {
		long n = 1;
		for (int d = 0; d < img.numDimensions(); d++) n *= img.dimension(d);
		if (n > Integer.MAX_VALUE) {
			throw new BoneXRException("The image has " + n + " pixels, more than " +
				"an array holds (2^31 - 1).", "Crop the image to the region of interest.");
		}
		final float[] out = new float[(int) n];
		final Cursor<? extends RealType<?>> c = Views.flatIterable(Views.zeroMin(img))
			.cursor();
		for (int i = 0; c.hasNext(); i++) out[i] = c.next().getRealFloat();
		return out;
	}
}
