package org.bonexr.bmd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.DensityCalibration;
import org.junit.jupiter.api.Test;

/**
 * Areal BMD of each femur of the real TotalSegmentator CT (labels 75
 * femur_left, 76 femur_right; skipped when ../shared/data is absent), AP
 * parallel projection at 1 mm. No calibration phantom was scanned with this
 * CT: the typical phantomless slope of ~0.8 mg/cm³ hydroxyapatite per HU is
 * used. Expected range 0.4–1.6 g/cm²: the span of DXA total-hip BMD in adults
 * (osteoporotic to high normal), widened for the 3 mm voxels. The left femur
 * holds a metal implant (up to 3382 HU), excluded by a 2000 HU metal cut-off;
 * without it, that femur's aBMD is higher.
 */
class RealCtArealBmdTest {

	@Test
	void eachFemurHasAPlausibleArealBmd() throws IOException {
		final String data = System.getProperty("bonexr.shared.data");
		assumeTrue(data != null, "bonexr.shared.data not set");
		final Path dir = Paths.get(data, "ct-totalsegmentator");
		assumeTrue(Files.isRegularFile(dir.resolve("example_ct.nii.gz")),
			"real CT absent");
		final CtVolume ct = CtFiles.read(dir.resolve("example_ct.nii.gz"));
		final CtVolume labels = CtFiles.read(dir.resolve(
			"example_seg_fast_force_split.nii.gz"));
		final DensityCalibration cal = new DensityCalibration(0.8, 0);
		for (final int label : new int[] { 75, 76 }) {
			final BoneSelection femur = BoneSelection.labels(labels, label);
			final ArealBmdResult r = ArealBmd.measure(CtArealBmd.boneMineralDrr(ct,
				femur.withMetalCutoffHu(2000), cal, CtArealBmd.AP_GANTRY_ANGLE_DEG, 1));
			final ArealBmdResult withMetal = ArealBmd.measure(CtArealBmd
				.boneMineralDrr(ct, femur, cal, CtArealBmd.AP_GANTRY_ANGLE_DEG, 1));
			System.out.println("femur label " + label + ": " + r + "; metal kept: " +
				withMetal);
			assertTrue(withMetal.bmcG() >= r.bmcG());
			assertTrue(r.bmdGPerCm2() > 0.4 && r.bmdGPerCm2() < 1.6, "label " +
				label + ": " + r);
			// a proximal femur projects over tens of cm²
			assertTrue(r.areaCm2() > 10 && r.areaCm2() < 200, "label " + label +
				": " + r);
		}
	}
}
