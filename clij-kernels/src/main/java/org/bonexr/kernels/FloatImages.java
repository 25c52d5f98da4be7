package org.bonexr.kernels;

import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

/**
 * Moves float images between ImgLib2 and flat {@code float[]} arrays in flat
 * iteration order (x fastest), the layout of CLIJ buffers. Results are
 * {@link Img}s with the input's dimensions and min 0.
 */
public final class FloatImages {

	/** Most pixels one Java array (and so one transfer) holds. */
	public static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

	private FloatImages() {}

	/**
	 * @param image any image
	 * @return its dimensions
	 * @throws IllegalArgumentException when it has more than {@link #MAX_PIXELS}
	 *           pixels or no dimensions
	 */
	public static long[] checkedDimensions(final Interval image) {
		if (image.numDimensions() == 0) {
			throw new IllegalArgumentException("The image has no dimensions; give a 1D, 2D or 3D image.");
		}
		final long pixels = Intervals.numElements(image);
		if (pixels > MAX_PIXELS) {
			throw new IllegalArgumentException("The image has " + pixels + " pixels, more than the " + MAX_PIXELS +
				" one array can hold; process it in tiles.");
		}
		return Intervals.dimensionsAsLongArray(image);
	}

	/**
	 * Copies an image into a new array (the image is not modified).
	 *
	 * @param image source pixels
	 * @return its pixels in flat iteration order
	 */
	public static float[] toArray(final RandomAccessibleInterval<FloatType> image) {
		final long[] dims = checkedDimensions(image);
		final float[] pixels = new float[(int) Intervals.numElements(image)];
		LoopBuilder.setImages(image, ArrayImgs.floats(pixels, dims)).multiThreaded().forEachPixel(
			(in, out) -> out.set(in));
		return pixels;
	}

	/**
	 * @param pixels pixels in flat iteration order (used, not copied)
	 * @param dims dimensions; their product must equal the array length
	 * @return an image backed by the array
	 */
	public static Img<FloatType> wrap(final float[] pixels, final long... dims) {
		return ArrayImgs.floats(pixels, dims);
	}
}
