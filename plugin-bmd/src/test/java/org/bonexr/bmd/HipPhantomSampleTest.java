package org.bonexr.bmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.gui.PolygonRoi;
import ij.gui.Roi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.type.logic.BitType;

import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.DensityCalibration;
import org.bonexr.drr.Drr;
import org.bonexr.drr.ParallelBeamGeometry;
import org.bonexr.drr.ProjectionVolume;
import org.bonexr.drr.SiddonProjector;
import org.junit.jupiter.api.Test;

/**
 * The hip CT phantom of sample-images, made by org.bonexr.phantom.HipPhantom
 * independently of the DRR code, with its truth in hip-phantom-ct.json:
 * calibration mg/cm³ = 0.8·(HU − 40) (soft tissue and air carry no mineral),
 * mineral mass 13.5891 g in the voxels (analytic 13.5992 g), and per ROI
 * (polygon in patient x, z) the BMC in the ROI, the projected bone area
 * (pixels whose ray crosses a mask voxel) and their ratio, on 1 mm pixels
 * centred on the voxel columns. AP parallel projection at 1 mm.
 */
class HipPhantomSampleTest {

	private static final DensityCalibration CAL = new DensityCalibration(0.8, -32);

	private static Path samples() {
		final Path samples = Paths.get("..", "sample-images");
		assumeTrue(Files.isRegularFile(samples.resolve("hip-phantom-ct.tif")),
			"sample-images absent");
		return samples;
	}

	/** Mass conservation on an independent phantom: within 0.1%. */
	@Test
	void wholeBoneBmcEqualsThePhantomsMineralMass() throws Exception {
		final Path samples = samples();
		final CtVolume ct = CtFiles.read(samples.resolve("hip-phantom-ct.tif"));
		final ArealBmdResult all = ArealBmd.measure(CtArealBmd.boneMineralDrr(ct,
			BoneSelection.all(), CAL, CtArealBmd.AP_GANTRY_ANGLE_DEG, 0.5));
		assertEquals(13.5891, all.bmcG(), 0.001 * 13.5891, all.toString());
	}

	/**
	 * Femoral neck and total hip ROIs: BMC and aBMD within 0.5% of the truth,
	 * area within one pixel.
	 */
	@Test
	void femoralNeckAndTotalHipMatchThePhantomTruth() throws Exception {
		final Path samples = samples();
		final CtVolume ct = CtFiles.read(samples.resolve("hip-phantom-ct.tif"));
		final CtVolume mask = CtFiles.read(samples.resolve(
			"hip-phantom-ct-mask.tif"));
		final ParallelBeamGeometry g = ParallelBeamGeometry.covering(ct,
			CtArealBmd.AP_GANTRY_ANGLE_DEG, 1);
		final SiddonProjector p = new SiddonProjector();
		final Drr mineral = p.project(ProjectionVolume.mineralDensity(ct, CAL,
			BoneSelection.all()), g);
		final Drr bone = p.project(ProjectionVolume.mineralDensity(mask,
			new DensityCalibration(1, 0), BoneSelection.mask(mask)), g);
		// truth from hip-phantom-ct.json: x and z vertices (mm), BMC g, area cm², aBMD g/cm²
		final double[][][] rois = { //
			{ { -3.647668993624883, -10.542068981695685, -27.511661877420323,
				-20.61726188934952 }, { 15.257536139329835, 21.04262462650869,
					0.819051328167669, -4.966037159011185 }, { 0.8088541715929413, 1.5,
						0.5392361143952942 } }, //
			{ { -49.34423825046853, 60, 60, 3.9488951234521252 }, { -25.2, -25.2,
				38.31228315897233, 38.31228315897233 }, { 7.320493854376048, 11.24,
					0.6512894888234918 } } };
		for (final double[][] roi : rois) {
			final ArealBmdResult r = ArealBmd.measure(mineral, bone, mask(g, roi[0],
				roi[1]), 0);
			assertEquals(roi[2][0], r.bmcG(), 0.005 * roi[2][0], r.toString());
			assertEquals(roi[2][1], r.areaCm2(), 0.0101, r.toString());
			assertEquals(roi[2][2], r.bmdGPerCm2(), 0.005 * roi[2][2], r.toString());
		}
		assertTrue(bone.values().length == mineral.values().length);
	}

	/** The ROI polygon (patient x, z in mm) on the AP DRR's pixels (pixel centres inside). */
	private static ArrayImg<BitType, LongArray> mask(final ParallelBeamGeometry g,
		final double[] xMm, final double[] zMm)
	{
		final double px = g.detectorSpacing().xMm();
		final double[] iso = g.isocenterMm();
		// AP: columns along +x, rows along −z; ImageJ pixel u spans [u, u+1)
		final double xLeft = iso[0] - (g.columns() - 1) / 2.0 * px - px / 2;
		final double zTop = iso[2] + (g.rows() - 1) / 2.0 * px + px / 2;
		final float[] xs = new float[xMm.length], ys = new float[zMm.length];
		for (int i = 0; i < xs.length; i++) {
			xs[i] = (float) ((xMm[i] - xLeft) / px);
			ys[i] = (float) ((zTop - zMm[i]) / px);
		}
		final Roi roi = new PolygonRoi(xs, ys, Roi.POLYGON);
		final ArrayImg<BitType, LongArray> m = ArrayImgs.bits(g.columns(), g
			.rows());
		final RandomAccess<BitType> ra = m.randomAccess();
		for (int y = 0; y < g.rows(); y++)
			for (int x = 0; x < g.columns(); x++)
				if (roi.contains(x, y)) {
					ra.setPosition(new int[] { x, y });
					ra.get().set(true);
				}
		return m;
	}
}
