package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.phantom.shape.Intervals;
import org.bonexr.phantom.shape.Solid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HipPhantomTest {

	/** A child-sized femur keeps the 0.5 mm volume small (≈ 4 M voxels). */
	private static final HipPhantomParameters SMALL = HipPhantomParameters
		.builder().scale(0.6).voxelMm(0.5).marginsMm(8, 2).build();
	private static HipPhantomResult neutral;

	@BeforeAll
	static void render() {
		neutral = HipPhantom.render(SMALL);
	}

	@Test
	void closedFormPieceVolumesMatchIntegratedChords() {
		final FemurGeometry f = new FemurGeometry(SMALL);
		for (final FemurGeometry.Piece piece : f.pieces) {
			assertEquals(piece.outerVolume, chordVolume(piece.outer, f.bounds),
				2e-4 * piece.outerVolume, piece.name + " outer");
			assertEquals(piece.coreVolume, chordVolume(piece.core, f.bounds), 2e-4 *
				piece.coreVolume, piece.name + " core");
		}
	}

	/** ∫∫ chord length along z over a 0.05 mm grid in (x, y). */
	private static double chordVolume(final Solid s, final double[] b) {
		final double h = 0.05;
		double sum = 0;
		final double[] d = { 0, 0, 1 };
		for (double x = b[0] - 1 + h / 2; x < b[1] + 1; x += h) {
			for (double y = b[2] - 1 + h / 2; y < b[3] + 1; y += h) {
				final Intervals iv = s.intersect(new double[] { x, y, 0 }, d);
				if (!iv.isEmpty()) sum += iv.length();
			}
		}
		return sum * h * h;
	}

	@Test
	void piecesDoNotOverlap() {
		final FemurGeometry f = new FemurGeometry(SMALL);
		final SplittableRandom random = new SplittableRandom(1);
		final double[] b = f.bounds;
		int inside = 0;
		for (int i = 0; i < 300000; i++) {
			final double[] p = { b[0] + (b[1] - b[0]) * random.nextDouble(), b[2] +
				(b[3] - b[2]) * random.nextDouble(), b[4] + (b[5] - b[4]) * random
					.nextDouble() };
			int count = 0;
			for (final FemurGeometry.Piece piece : f.pieces) {
				if (piece.outer.contains(p)) count++;
			}
			assertTrue(count <= 1, "point in two pieces");
			if (count == 1) inside++;
		}
		assertTrue(inside > 10000);
	}

	@Test
	void voxelisedMineralMassEqualsTheAnalyticMass() {
		final double rel = neutral.voxelMassMg() / neutral.analyticMassMg() - 1;
		System.out.printf("hip phantom (scale 0.6, 0.5 mm voxels): analytic %.2f " +
			"mg, voxels %.2f mg, relative difference %.2e%n", neutral
				.analyticMassMg(), neutral.voxelMassMg(), rel);
		// stated tolerance: 0.02% at 0.5 mm voxels, 0.1% at 1 mm (2×2 sub-rays)
		assertTrue(Math.abs(rel) < 2e-4, "relative mass error " + rel);
		final HipPhantomResult coarse = HipPhantom.render(SMALL.toBuilder()
			.voxelMm(1).build());
		assertEquals(neutral.analyticMassMg(), coarse.analyticMassMg(), 1e-9);
		assertEquals(1, coarse.voxelMassMg() / coarse.analyticMassMg(), 1e-3);
	}

	/** The memory checks' voxel count, without rendering, is the rendered volume's. */
	@Test
	void voxelsAreTheRenderedVolumesVoxels() {
		assertEquals(neutral.hu().dimension(0) * neutral.hu().dimension(1) * neutral
			.hu().dimension(2), HipPhantom.voxels(SMALL));
		final HipPhantomParameters coarse = SMALL.toBuilder().voxelMm(1.5).scale(1)
			.build();
		final HipPhantomResult r = HipPhantom.render(coarse);
		assertEquals(r.hu().dimension(0) * r.hu().dimension(1) * r.hu().dimension(2),
			HipPhantom.voxels(coarse));
	}

	@Test
	void rotationAboutTheShaftKeepsTheMass() {
		final HipPhantomResult turned = HipPhantom.render(SMALL.toBuilder()
			.rotationDeg(25).build());
		assertEquals(neutral.analyticMassMg(), turned.analyticMassMg(), 1e-9);
		assertEquals(1, turned.voxelMassMg() / turned.analyticMassMg(), 2e-4);
		// the same grid, a different image: the pose changes the projection
		assertEquals(neutral.hu().dimension(0), turned.hu().dimension(0));
		final double neck0 = neutral.rois().get(0).areaBmdGcm2();
		final double neck25 = turned.rois().get(0).areaBmdGcm2();
		assertTrue(Math.abs(neck25 - neck0) > 0.005, "neck aBMD " + neck0 +
			" vs " + neck25);
	}

	@Test
	void huAndMineralFollowTheStatedCalibrationInEveryBoneVoxel() {
		final float[] hu = values(neutral.hu());
		final float[] rho = values(neutral.mineral());
		final float[] mask = values(neutral.boneMask());
		int bone = 0;
		double maskVolume = 0;
		for (int i = 0; i < hu.length; i++) {
			if (rho[i] > 0) {
				assertEquals(rho[i], 0.8 * (hu[i] - 40), 0.02);
				bone++;
			}
			maskVolume += mask[i];
			assertTrue(hu[i] >= -1000.01 && hu[i] <= 40 + 1000 / 0.8 + 0.01);
		}
		assertTrue(bone > 0);
		// the mask holds the bone volume up to partial-volume rounding
		double boneVolume = 0;
		for (final FemurGeometry.Piece p : new FemurGeometry(SMALL).pieces) {
			boneVolume += p.outerVolume;
		}
		assertEquals(boneVolume, maskVolume * 0.125, 0.01 * boneVolume);
	}

	@Test
	void roiTruthIsConsistentAndPlausible() {
		final HipPhantomResult.RoiTruth neck = neutral.rois().get(0);
		final HipPhantomResult.RoiTruth total = neutral.rois().get(1);
		assertEquals("femoral neck", neck.roi().name());
		assertEquals("total hip", total.roi().name());
		// voxel sums and exact chords agree on the mineral in each ROI
		for (final HipPhantomResult.RoiTruth t : neutral.rois()) {
			assertEquals(t.analyticBmcG(), t.bmcG(), 5e-3 * t.analyticBmcG(), t
				.roi().name());
		}
		assertTrue(total.areaCm2() > 3 * neck.areaCm2());
		// a 2 mm cortex of 1000 and a core of 200 mg/cm³ across a ≈ 17 mm neck
		// (scale 0.6): (ρc·π(r² − ri²) + ρt·π·ri²) / 2r with r = 8.4, ri = 7.2
		final double r = 8.4, ri = 7.2;
		final double crossSection = (1000 * Math.PI * (r * r - ri * ri) + 200 *
			Math.PI * ri * ri) / (2 * r) * 1e-4;
		assertEquals(crossSection, neck.areaBmdGcm2(), 0.1 * crossSection,
			"neck aBMD " + neck.areaBmdGcm2());
		System.out.printf("hip phantom ROIs: neck aBMD %.4f g/cm² (BMC %.4f g, " +
			"area %.3f cm²), total hip aBMD %.4f g/cm²%n", neck.areaBmdGcm2(), neck
				.bmcG(), neck.areaCm2(), total.areaBmdGcm2());
	}

	@Test
	void exactApProjectionsAgreeWithTheVoxelSums() {
		final float[] mineral = Pixels.of(neutral.apMineralGcm2().pixels());
		final double pixelCm2 = 0.5 * 0.5 * 1e-2;
		double massG = 0;
		for (final float m : mineral) massG += m * pixelCm2;
		assertEquals(neutral.analyticMassMg() * 1e-3, massG, 2e-4 * massG);
		// attenuation: Σ_y μ_w·(1 + HU/1000)·voxel along each column
		final double mu = 0.02;
		final float[] a = Pixels.of(neutral.apAttenuation(mu).pixels());
		final float[] hu = values(neutral.hu());
		final int nx = (int) neutral.hu().dimension(0);
		final int ny = (int) neutral.hu().dimension(1);
		final int nz = (int) neutral.hu().dimension(2);
		double total = 0, totalVoxels = 0, maxA = 0;
		for (int k = 0; k < nz; k++) {
			for (int i = 0; i < nx; i++) {
				double column = 0;
				for (int j = 0; j < ny; j++) {
					column += mu * (1 + hu[i + nx * (j + ny * k)] / 1000.0) * 0.5;
				}
				totalVoxels += column;
				total += a[i + nx * (nz - 1 - k)];
				maxA = Math.max(maxA, column);
			}
		}
		assertEquals(totalVoxels, total, 1e-5 * total);
		assertTrue(maxA > 1, "a hip attenuates, max A " + maxA);
	}

	@Test
	void badParametersAreRefused() {
		assertThrows(BoneXRException.class, () -> HipPhantomParameters.builder()
			.rotationDeg(60).build());
		assertThrows(BoneXRException.class, () -> HipPhantomParameters.builder()
			.voxelMm(0).build());
	}

	private static float[] values(final org.bonexr.ct.CtVolume v) {
		final float[] out = new float[(int) (v.dimension(0) * v.dimension(1) * v
			.dimension(2))];
		int i = 0;
		for (final FloatType t : Views.flatIterable(v.voxels())) out[i++] = t.get();
		return out;
	}
}
