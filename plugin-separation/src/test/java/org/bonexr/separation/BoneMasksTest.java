package org.bonexr.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;

class BoneMasksTest {

	@Test
	void labelsRoundTripWithOverlap() {
		final float[] labels = { 0, 1, 1, 3, 2, 2, 0, 0, 0 };
		final BoneMasks m = BoneMasks.fromLabels(ArrayImgs.floats(labels, 3, 3),
			3, 3);
		assertEquals(3, m.area(true));
		assertEquals(3, m.area(false));
		assertEquals(1, m.overlapArea());
		assertArrayEquals(labels, Pixels.floats(m.labels()), 0f);
		assertEquals(1.0, m.dice(true, ArrayImgs.floats(new float[] { 0, 255, 255,
			255, 0, 0, 0, 0, 0 }, 3, 3)), 1e-12);
		assertEquals(2.0 * 1 / (3 + 1), m.dice(false, ArrayImgs.floats(
			new float[] { 0, 0, 0, 1, 0, 0, 0, 0, 0 }, 3, 3)), 1e-12);
	}

	@Test
	void dilationGrowsBySquareNeighbourhood() {
		final float[] labels = new float[49];
		labels[24] = 3;
		final BoneMasks d = BoneMasks.fromLabels(ArrayImgs.floats(labels, 7, 7), 7,
			7).dilate(2);
		assertEquals(25, d.area(true));
		assertEquals(25, d.overlapArea());
	}

	@Test
	void badMasksAreClearErrors() {
		assertTrue(assertThrows(BoneXRException.class, () -> BoneMasks.fromLabels(
			ArrayImgs.floats(4, 4), 5, 5)).getMessage().contains(
				"does not cover"));
		assertTrue(assertThrows(BoneXRException.class, () -> BoneMasks.fromLabels(
			ArrayImgs.floats(new float[] { 1, 1, 0, 0 }, 2, 2), 2, 2)).getMessage()
				.contains("no pixels of the lower bone"));
		assertTrue(assertThrows(BoneXRException.class, () -> BoneMasks.fromLabels(
			ArrayImgs.floats(new float[] { 1, 2, 7, 0 }, 2, 2), 2, 2)).getMessage()
				.contains("labels must be"));
	}

	@Test
	void largestComponentKeepsTheBiggestBlob() {
		// 5x4 logits: a 3-pixel blob (8-connected, diagonal) and a 2-pixel one
		final float[] logits = { 1, 0, 0, 0, 1, //
			0, 1, 0, 0, 1, //
			0, 0, 1, 0, 0, //
			-1, -1, 0, 0, 0 };
		final byte[] m = JointBoneSegmenter.largestComponent(logits, 5, 4);
		assertArrayEquals(new byte[] { 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
			0, 0, 0, 0, 0 }, m);
	}
}
