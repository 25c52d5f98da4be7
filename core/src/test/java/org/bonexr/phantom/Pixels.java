package org.bonexr.phantom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Test helper: 2D images as row-major arrays. */
final class Pixels {

	private Pixels() {}

	static float[] of(final RandomAccessibleInterval<FloatType> img) {
		final int w = (int) img.dimension(0);
		final float[] out = new float[(int) (w * img.dimension(1))];
		int i = 0;
		for (final FloatType t : Views.flatIterable(img)) {
			out[i++] = t.get();
		}
		return out;
	}

	static byte[] bytes(final RandomAccessibleInterval<UnsignedByteType> img) {
		final byte[] out = new byte[(int) (img.dimension(0) * img.dimension(1))];
		int i = 0;
		for (final UnsignedByteType t : Views.flatIterable(img)) {
			out[i++] = (byte) t.get();
		}
		return out;
	}
}
