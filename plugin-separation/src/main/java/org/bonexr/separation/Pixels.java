package org.bonexr.separation;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;

/** Copies between 2D ImgLib2 images and row-major float arrays (x fastest). */
final class Pixels {

	private Pixels() {}

	/** A copy of a 2D image's values, row by row from its minimum corner. */
	static float[] floats(final RandomAccessibleInterval<? extends RealType<?>> img) {
		if (img.numDimensions() != 2) {
			throw new BoneXRException("Expected a single 2D image but got " + img
				.numDimensions() + " dimensions.", "Pick one slice of the stack.");
		}
		final long n = img.dimension(0) * img.dimension(1);
		if (n > Integer.MAX_VALUE) {
			throw new BoneXRException("The image has " + n + " pixels, more than " +
				"2^31.", "Crop the image to the joint.");
		}
		final float[] out = new float[(int) n];
		final Cursor<? extends RealType<?>> c = Views.flatIterable(Views.zeroMin(img))
			.cursor();
		for (int i = 0; c.hasNext(); i++) out[i] = c.next().getRealFloat();
		return out;
	}

	static ArrayImg<FloatType, FloatArray> image(final float[] data,
		final long width, final long height)
	{
		return ArrayImgs.floats(data, width, height);
	}
}
