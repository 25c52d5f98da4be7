package org.bonexr.bmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.type.logic.BitType;

import org.bonexr.ct.CtVolume;
import org.bonexr.core.BoneXRException;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.DensityCalibration;
import org.bonexr.drr.Drr;
import org.junit.jupiter.api.Test;

/**
 * Areal BMD from CT phantoms whose BMD, BMC and area are known analytically.
 * Phantoms in HU, calibration ρ = 1·HU + 0 mg/cm³, bone selected by a 200 HU
 * threshold out of 40 HU soft tissue, AP parallel projection (beam along y).
 */
class ArealBmdPhantomTest {

	private static final DensityCalibration CAL = new DensityCalibration(1, 0);

	/** Volume (HU) on a grid of {@code n} voxels of {@code s} mm centred on 0; value from the centre position (mm). */
	private static CtVolume phantom(final int[] n, final double s,
		final java.util.function.ToDoubleFunction<double[]> hu)
	{
		final float[] v = new float[n[0] * n[1] * n[2]];
		final double[] p = new double[3];
		for (int k = 0; k < n[2]; k++)
			for (int j = 0; j < n[1]; j++)
				for (int i = 0; i < n[0]; i++) {
					p[0] = (i - (n[0] - 1) / 2.0) * s;
					p[1] = (j - (n[1] - 1) / 2.0) * s;
					p[2] = (k - (n[2] - 1) / 2.0) * s;
					v[i + n[0] * (j + n[1] * k)] = (float) hu.applyAsDouble(p);
				}
		return new CtVolume("phantom", ArrayImgs.floats(v, n[0], n[1], n[2]),
			new double[] { s, s, s }, new double[] { -(n[0] - 1) / 2.0 * s, -(n[1] -
				1) / 2.0 * s, -(n[2] - 1) / 2.0 * s }, null);
	}

	/**
	 * Ellipsoid of 600 mg/cm³, semi-axes a = 20 (x), b = 15 (y, along the
	 * beam), c = 25 mm (z), 0.5 mm voxels, 0.25 mm detector pixels: analytic
	 * aBMD = ρ·(4/3)·b = 1.2 g/cm², BMC = ρ·(4/3)π·abc = 18.850 g, area
	 * π·a·c = 15.708 cm². Bound: 0.5% (voxelisation of the surface).
	 */
	@Test
	void ellipsoidAgreesWithAnalyticValuesWithinHalfAPercent() {
		final double a = 20, b = 15, c = 25, rho = 600;
		final CtVolume ct = phantom(new int[] { 90, 70, 110 }, 0.5, p -> sq(p[0] /
			a) + sq(p[1] / b) + sq(p[2] / c) <= 1 ? rho : 40);
		final Drr drr = CtArealBmd.boneMineralDrr(ct, BoneSelection.huThreshold(200),
			CAL, CtArealBmd.AP_GANTRY_ANGLE_DEG, 0.25);
		final ArealBmdResult r = ArealBmd.measure(drr);
		final double bmd = rho * 4 / 3 * b * 1e-4;
		final double bmc = rho * 4 / 3 * Math.PI * a * b * c * 1e-6;
		final double area = Math.PI * a * c * 0.01;
		assertEquals(bmd, r.bmdGPerCm2(), 0.005 * bmd, r.toString());
		assertEquals(bmc, r.bmcG(), 0.005 * bmc, r.toString());
		assertEquals(area, r.areaCm2(), 0.005 * area, r.toString());
	}

	/**
	 * Box of 500 mg/cm³, 30 × 20 × 40 mm (x, y along the beam, z) on 1 mm voxels:
	 * inside an ROI aBMD = 500 × 20 × 1e-4 = 1.0 g/cm² exactly, and BMC over
	 * the whole bone = 500 × 24 cm³ × 1e-3 = 12 g (mass conservation).
	 */
	@Test
	void boxInsideAnRoiAndWholeBoneMass() {
		final CtVolume ct = phantom(new int[] { 40, 30, 50 }, 1, p -> Math.abs(
			p[0]) < 15 && Math.abs(p[1]) < 10 && Math.abs(p[2]) < 20 ? 500 : 40);
		final Drr drr = CtArealBmd.boneMineralDrr(ct, BoneSelection.huThreshold(200),
			CAL, CtArealBmd.AP_GANTRY_ANGLE_DEG, 1);
		assertEquals(12, ArealBmd.measure(drr).bmcG(), 12e-5);
		final int w = (int) drr.image().dimension(0), h = (int) drr.image()
			.dimension(1);
		final ArrayImg<BitType, LongArray> roi = ArrayImgs.bits(w, h);
		final net.imglib2.RandomAccess<BitType> ra = roi.randomAccess();
		for (int y = h / 2 - 10; y < h / 2 + 10; y++)
			for (int x = w / 2 - 5; x < w / 2 + 5; x++) {
				ra.setPosition(new int[] { x, y });
				ra.get().set(true);
			}
		final ArealBmdResult r = ArealBmd.measure(drr, roi, 0);
		assertEquals(1.0, r.bmdGPerCm2(), 1e-5, r.toString());
		assertEquals(200, r.pixels());
		assertEquals(2.0, r.areaCm2(), 1e-9);
	}

	@Test
	void tAndZScores() {
		final ArealBmdResult r = new ArealBmdResult(1, 1, 0.858 - 2.5 * 0.120);
		assertEquals(-2.5, r.tScore(
			ReferencePopulation.FEMORAL_NECK_NHANES3_WHITE_WOMEN_20_29), 1e-12);
		assertEquals(0, r.zScore(new ReferencePopulation("age-matched", 0.558, 0.1,
			"test")), 1e-12);
	}

	@Test
	void attenuationDrrIsRefused() {
		final CtVolume ct = phantom(new int[] { 4, 4, 4 }, 1, p -> 0);
		final Drr mu = new org.bonexr.drr.SiddonProjector(1).project(
			org.bonexr.drr.ProjectionVolume.attenuation(ct, org.bonexr.drr.AttenuationModel
				.defaults(), BoneSelection.all()), org.bonexr.drr.ParallelBeamGeometry
					.covering(ct, 90, 1));
		assertThrows(BoneXRException.class, () -> ArealBmd.measure(mu));
	}

	private static double sq(final double x) {
		return x * x;
	}
}
