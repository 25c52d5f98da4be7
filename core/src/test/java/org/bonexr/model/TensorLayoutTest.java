package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;

/** Axis orders: ImgLib2 (x, y, c), canonical cyx, and model layouts. */
class TensorLayoutTest {

	@Test
	void imageChannelsBecomeTheSlowestAxis() {
		final Img<FloatType> img = ArrayImgs.floats(4, 3, 2);
		final RandomAccess<FloatType> ra = img.randomAccess();
		ra.setPosition(new long[] { 3, 1, 1 });
		ra.get().set(7);
		final FloatTensor t = TensorLayout.fromImage(img);
		assertArrayEquals(new long[] { 2, 3, 4 }, t.shape());
		assertEquals(7, t.data()[(1 * 3 + 1) * 4 + 3]);
		final Img<FloatType> back = TensorLayout.toImage(t);
		final RandomAccess<FloatType> rb = back.randomAccess();
		rb.setPosition(new long[] { 3, 1, 1 });
		assertEquals(7, rb.get().get());
	}

	@Test
	void channelLastModelsGetPermutedData() {
		final float[] d = new float[2 * 3 * 4];
		for (int i = 0; i < d.length; i++) d[i] = i;
		final FloatTensor cyx = new FloatTensor(new long[] { 2, 3, 4 }, d);
		final FloatTensor byxc = TensorLayout.toModel(cyx, "byxc");
		assertArrayEquals(new long[] { 1, 3, 4, 2 }, byxc.shape());
		// (y=1, x=2, c=1) in byxc equals (c=1, y=1, x=2) in cyx
		assertEquals(d[(1 * 3 + 1) * 4 + 2], byxc.data()[(1 * 4 + 2) * 2 + 1]);
		assertArrayEquals(d, TensorLayout.fromModel(byxc, "byxc").data());
		final FloatTensor bcyx = TensorLayout.toModel(cyx, "bcyx");
		assertArrayEquals(new long[] { 1, 2, 3, 4 }, bcyx.shape());
		assertArrayEquals(d, bcyx.data());
	}

	@Test
	void aBatchLargerThanOneCannotBecomeAnImage() {
		final FloatTensor t = FloatTensor.zeros(2, 1, 3, 3);
		assertThrows(BoneXRException.class, () -> TensorLayout.fromModel(t,
			"bcyx"));
		assertThrows(BoneXRException.class, () -> TensorLayout.fromModel(t, "cyx"));
	}
}
