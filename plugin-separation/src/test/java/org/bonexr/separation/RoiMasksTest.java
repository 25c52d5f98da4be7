package org.bonexr.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;

/** Which two ROIs are the bones, and the label image they give. */
class RoiMasksTest {

	private static Roi named(final Roi r, final String name) {
		r.setName(name);
		return r;
	}

	@Test
	void namedRoisWinOverOrder() {
		final Roi other = named(new Roi(0, 0, 5, 5), "joint");
		final Roi lower = named(new Roi(0, 0, 5, 5), "Lower (proximal) bone");
		final Roi upper = named(new Roi(0, 0, 5, 5), "upper (distal) bone");
		final Roi[] pair = RoiMasks.pick(new Roi[] { other, lower, upper });
		assertSame(upper, pair[0]);
		assertSame(lower, pair[1]);
		final Roi distal = named(new Roi(0, 0, 5, 5), "DISTAL phalanx");
		final Roi proximal = named(new Roi(0, 0, 5, 5), "proximal phalanx");
		assertSame(distal, RoiMasks.pick(new Roi[] { proximal, distal })[0]);
	}

	@Test
	void otherwiseFirstIsUpperAndSecondIsLower() {
		final Roi a = named(new Roi(0, 0, 5, 5), "a"), b = named(new Roi(0, 0, 5, 5), "b");
		final Roi[] pair = RoiMasks.pick(new Roi[] { a, b, new Roi(1, 1, 2, 2) });
		assertSame(a, pair[0]);
		assertSame(b, pair[1]);
		// two ROIs both named "upper": ambiguous, so order decides
		final Roi u1 = named(new Roi(0, 0, 5, 5), "upper 1"), u2 = named(new Roi(0, 0, 5, 5), "upper 2");
		final Roi l = named(new Roi(0, 0, 5, 5), "lower");
		assertSame(u1, RoiMasks.pick(new Roi[] { u1, l, u2 })[0]);
		assertSame(l, RoiMasks.pick(new Roi[] { u1, l, u2 })[1]);
	}

	@Test
	void fewerThanTwoRoisAreExplained() {
		final BoneXRException e = assertThrows(BoneXRException.class, () -> RoiMasks.pick(new Roi[] { new Roi(0,
			0, 3, 3) }));
		assertTrue(e.problem().contains("need two ROIs") && e.problem().contains("1 is there"), e.getMessage());
		assertThrows(BoneXRException.class, () -> RoiMasks.pick(null));
	}

	/** A 4 x 3 rectangle and an oval overlapping it, clipped by the image edge: labels counted by hand. */
	@Test
	void labelsAreTheFilledRoisWithOverlapThree() {
		final ByteProcessor labels = RoiMasks.labels(new Roi(1, 1, 4, 3), new Roi(3, 2, 10, 10), 6, 5);
		int ones = 0, twos = 0, threes = 0;
		for (int i = 0; i < labels.getPixelCount(); i++) {
			ones += labels.get(i) == 1 ? 1 : 0;
			twos += labels.get(i) == 2 ? 1 : 0;
			threes += labels.get(i) == 3 ? 1 : 0;
		}
		// upper x 1..4, y 1..3 (12 px); lower x 3..5, y 2..4 (9 px) inside the image; both: x 3..4, y 2..3
		assertEquals(4, threes);
		assertEquals(12 - 4, ones);
		assertEquals(9 - 4, twos);
		// an oval fills what ImageJ fills for it
		final OvalRoi oval = new OvalRoi(0, 0, 6, 5);
		final ByteProcessor filled = new ByteProcessor(6, 5);
		filled.setValue(2);
		filled.fill(oval);
		final ByteProcessor fromOval = RoiMasks.labels(new Roi(0, 0, 1, 1), oval, 6, 5);
		for (int i = 1; i < 30; i++) assertEquals(filled.get(i), fromOval.get(i) & 2, "pixel " + i);
	}

	@Test
	void aLineIsNotABoneOutline() {
		final BoneXRException e = assertThrows(BoneXRException.class, () -> RoiMasks.labels(new Roi(0, 0, 3, 3),
			named(new Line(0, 0, 5, 5), "lower"), 8, 8));
		assertTrue(e.problem().contains("lower bone's ROI 'lower'") && e.problem().contains("not an area"), e
			.getMessage());
	}
}
