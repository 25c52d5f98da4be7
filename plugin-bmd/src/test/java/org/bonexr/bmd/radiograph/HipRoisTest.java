package org.bonexr.bmd.radiograph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bonexr.bmd.ArealBmdResult;
import org.bonexr.core.BoneXRException;
import org.bonexr.phantom.HipDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the phantoms' true bone mineral DRRs: the truth ROIs give the true aBMD
 * through {@link RegionBmd}, and the automatic regions ({@link HipRois}) find
 * the same neck and total hip.
 */
class HipRoisTest {

	@Test
	void truthAndAutomaticRegionsGiveTheTrueArealBmd(@TempDir final Path dir) {
		new HipDataset(4, 21, 1, 20).write(dir);
		for (int i = 0; i < 4; i++) {
			final HipPhantomSample s = new HipPhantomSample(dir.resolve(String.format(
				"sample-%05d", i)));
			final double neckTruthMask = RegionBmd.measure(s.trueMineral, s.neckMask,
				"neck").bmdGPerCm2();
			final double totalTruthMask = RegionBmd.measure(s.trueMineral,
				s.totalHipMask, "total hip").bmdGPerCm2();
			// the threshold drops only the thinnest rim: within 3% of the truth
			assertEquals(s.neckBmd, neckTruthMask, 0.03 * s.neckBmd, "sample " + i);
			assertEquals(s.totalHipBmd, totalTruthMask, 0.03 * s.totalHipBmd,
				"sample " + i);
			final HipRois.Result auto = HipRois.find(s.trueMineral);
			final ArealBmdResult neck = RegionBmd.measure(s.trueMineral,
				auto.femoralNeck.mask(), "neck");
			final ArealBmdResult total = RegionBmd.measure(s.trueMineral,
				auto.totalHip.mask(), "total hip");
			System.out.printf("sample %d: neck %.4f / auto %.4f, total %.4f / auto %.4f, R %.1f%n",
				i, s.neckBmd, neck.bmdGPerCm2(), s.totalHipBmd, total.bmdGPerCm2(),
				auto.headRadius);
			assertEquals(s.neckBmd, neck.bmdGPerCm2(), 0.08 * s.neckBmd, "sample " +
				i);
			assertEquals(s.totalHipBmd, total.bmdGPerCm2(), 0.05 * s.totalHipBmd,
				"sample " + i);
			assertTrue(auto.headRadius > 15 && auto.headRadius < 26, "head radius " +
				auto.headRadius + " px at 1 mm");
		}
	}

	@Test
	void aRegionWithoutBoneIsRefused() {
		final BoneDrr drr = new BoneDrr(new float[100], 10, 10, 1);
		final boolean[] all = new boolean[100];
		java.util.Arrays.fill(all, true);
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> RegionBmd.measure(drr, all, "my ROI"));
		assertTrue(e.getMessage().contains("no bone"), e.getMessage());
		assertThrows(BoneXRException.class, () -> HipRois.find(drr));
	}

	@Test
	void regionBmdIsMineralOverBoneArea() {
		// a 4×4 block of 0.8 g/cm² and one pixel of 0.01 (soft tissue), 0.5 mm pixels
		final float[] v = new float[100];
		for (int y = 2; y < 6; y++)
			for (int x = 2; x < 6; x++) v[x + 10 * y] = 0.8f;
		v[0] = 0.01f;
		final boolean[] all = new boolean[100];
		java.util.Arrays.fill(all, true);
		final ArealBmdResult r = RegionBmd.measure(new BoneDrr(v, 10, 10, 0.5),
			all, "all");
		assertEquals(16, r.pixels());
		assertEquals(16 * 0.0025, r.areaCm2(), 1e-12);
		assertEquals(16 * 0.0025 * 0.8, r.bmcG(), 1e-6);
		assertEquals(0.8, r.bmdGPerCm2(), 1e-6);
	}
}
