package org.bonexr.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class RealPixelsTest {

	@Test
	void copiesAnyRealTypeInFlatOrderFromTheMinimumCorner() {
		final byte[] data = { 1, 2, 3, 4, 5, (byte) 200 };
		final ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(
			data, 3, 2);
		// the same pixels placed elsewhere: the copy starts at the minimum corner
		final float[] copy = RealPixels.copy(Views.translate(img, 7, -4));
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 200 }, copy, 0);
		copy[0] = 99;
		assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, (byte) 200 }, data,
			"the image is not modified");
	}

	@Test
	void aVolumeIsCopiedSliceAfterSlice() {
		final float[] v = new float[2 * 2 * 3];
		for (int i = 0; i < v.length; i++) v[i] = i;
		assertArrayEquals(v, RealPixels.copy(ArrayImgs.floats(v.clone(), 2, 2, 3)), 0);
	}
}
