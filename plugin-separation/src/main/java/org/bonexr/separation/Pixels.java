package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.RealPixels;

/** Copies between 2D ImgLib2 images and row-major float arrays (x fastest). */
final class Pixels {

	private Pixels() {}

	/** A copy of a 2D image's values, row by row from its minimum corner. */
	static float[] floats(final RandomAccessibleInterval<? extends RealType<?>> img) {
		if (img.numDimensions() != 2) {
			throw new BoneXRException("Expected a single 2D image but got " + img
				.numDimensions() + " dimensions.", "Pick one slice of the stack.");
		}
		return RealPixels.copy(img);
	}

	static ArrayImg<FloatType, FloatArray> image(final float[] data,
		final long width, final long height)
	{
		return ArrayImgs.floats(data, width, height);
	}
}
