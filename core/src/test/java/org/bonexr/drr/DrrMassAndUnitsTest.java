package org.bonexr.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonexr.ct.CtVolume;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.Test;

/** Mass conservation of parallel projection, and the HU → μ / density mappings and selections. */
class DrrMassAndUnitsTest {

	private static final TestPhantoms GRID = TestPhantoms.rotatedGrid(new int[] {
		48, 40, 36 }, new double[] { 1.0, 1.25, 1.5 }, 35);

	/** Ellipsoid of non-uniform density (mg/cm³), all values ≥ 0. */
	private static CtVolume texturedEllipsoid() {
		return GRID.volume(q -> {
			final double r = sq((q[0] - 23) / 20) + sq((q[1] - 25) / 16) + sq((q[2] -
				26) / 19);
			return r <= 1 ? 800 * (1 + 0.5 * Math.sin(q[0] / 7) * Math.cos(q[1] / 5))
				: 0;
		});
	}

	private static double sq(final double x) {
		return x * x;
	}

	/**
	 * Σ DRR × pixel area equals the volume's mass within 0.1% (parallel beam at
	 * an oblique angle, 0.5 mm pixels covering the whole shadow), for both
	 * Java projectors.
	 */
	@Test
	void parallelProjectionConservesMass() {
		final ProjectionVolume vol = ProjectionVolume.ofValues(texturedEllipsoid(),
			DrrUnit.AREAL_DENSITY_G_PER_CM2);
		// mg/cm³ · mm³ → g: × 1e-6
		final double massG = vol.integralMm3() * 1e-6;
		final ParallelBeamGeometry g = new ParallelBeamGeometry(200, 200, 0.5, 0.5)
			.withGantryAngleDeg(35).withIsocenterMm(3.7, -2.9, 5.3);
		for (final Projector p : new Projector[] { new SiddonProjector(2),
			new TrilinearProjector(0.5, 2) })
		{
			final Drr drr = p.project(vol, g);
			double sum = 0;
			for (final float v : drr.values())
				sum += v;
			// g/cm² × cm² (pixel area mm² × 0.01)
			final double projectedG = sum * 0.5 * 0.5 * 0.01;
			assertEquals(massG, projectedG, 1e-3 * massG, p.description());
		}
	}

	/**
	 * Axis-aligned views whose rays run exactly in voxel faces (pixel centres
	 * on voxel boundaries: 9 voxels of 1 mm, detector pixels of 1 and 0.5 mm
	 * centred on the volume): each face belongs to one voxel, so the mass is
	 * exact (1e-6), in the lateral and AP views.
	 */
	@Test
	void raysInVoxelFacesConserveMass() {
		final TestPhantoms cube = new TestPhantoms(new int[] { 9, 9, 9 },
			new double[] { 1, 1, 1 }, null, null);
		final ProjectionVolume vol = ProjectionVolume.ofValues(cube.volume(q -> 1 +
			q[0] + 10 * q[2]), DrrUnit.ATTENUATION);
		final double mass = vol.integralMm3();
		for (final double px : new double[] { 1, 0.5 })
			for (final double deg : new double[] { 0, 90 }) {
				// 10 pixels of 1 mm or 19 of 0.5 mm: centres at 4 ± 0.5, ±1.5 … (faces)
				final int n = px == 1 ? 10 : 19;
				final ParallelBeamGeometry g = new ParallelBeamGeometry(n, n, px, px)
					.withGantryAngleDeg(deg).withIsocenterMm(4, 4, 4);
				double sum = 0;
				for (final float v : new SiddonProjector(1).project(vol, g).values())
					sum += v;
				assertEquals(mass, sum * px * px, 1e-6 * mass, "pixel " + px + " mm, " +
					deg + "°");
			}
	}

	/** A water slab 50 mm thick along the beam: ∫μ dl = 0.02/mm × 50 mm = 1. */
	@Test
	void attenuationOfWaterAndAirCutoff() {
		final TestPhantoms axes = new TestPhantoms(new int[] { 50, 20, 20 },
			new double[] { 1, 1, 1 }, new double[] { -24.5, -9.5, -9.5 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		final CtVolume water = axes.volume(q -> 0);
		final ParallelBeamGeometry lateral = new ParallelBeamGeometry(4, 4, 1, 1);
		final Drr drr = new SiddonProjector(1).project(ProjectionVolume.attenuation(
			water, AttenuationModel.defaults(), BoneSelection.all()), lateral);
		for (final float v : drr.values())
			assertEquals(1.0, v, 1e-6);
		final Radiograph r = drr.toRadiograph("water");
		assertEquals(ValueDomain.ATTENUATION, r.domain());
		assertEquals(1.0, r.spacing().xMm(), 0);
		final CtVolume air = axes.volume(q -> -900);
		final Drr cut = new SiddonProjector(1).project(ProjectionVolume.attenuation(
			air, AttenuationModel.plastimatch(), BoneSelection.all()), lateral);
		for (final float v : cut.values())
			assertEquals(0, v, 0);
		final Drr kept = new SiddonProjector(1).project(ProjectionVolume.attenuation(
			air, AttenuationModel.defaults(), BoneSelection.all()), lateral);
		assertEquals(0.02 * 0.1 * 50, kept.values()[0], 1e-6);
	}

	/**
	 * Mineral DRR in a lateral view (θ = 0: beam along −x, columns along +y):
	 * 10 mm of 1000 HU bone A (y &lt; 0, label 75) and of 400 HU bone B (y ≥ 0,
	 * label 76) in 40 HU soft tissue, calibration ρ = 0.8·HU + 10 mg/cm³: bone
	 * A gives 810 mg/cm³ × 10 mm = 0.81 g/cm², bone B 0.33 g/cm², the 20 mm of
	 * soft tissue 42 mg/cm³ × 20 mm = 0.084 g/cm².
	 */
	@Test
	void mineralDensityInGramsPerSquareCentimetreWithSelections() {
		final TestPhantoms axes = new TestPhantoms(new int[] { 30, 20, 20 },
			new double[] { 1, 1, 1 }, new double[] { -14.5, -9.5, -9.5 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		final CtVolume ct = axes.volume(q -> q[0] >= 5 && q[0] < 15 ? (q[1] < 9.5
			? 1000 : 400) : 40);
		final CtVolume labels = axes.volume(q -> q[0] >= 5 && q[0] < 15 ? (q[1] < 9.5
			? 75 : 76) : 0);
		final DensityCalibration cal = new DensityCalibration(0.8, 10);
		final ParallelBeamGeometry lateral = new ParallelBeamGeometry(20, 1, 1, 1);
		final float[] byLabel = mineral(ct, cal, BoneSelection.labels(labels, 75),
			lateral);
		final float[] byThreshold = mineral(ct, cal, BoneSelection.huThreshold(700),
			lateral);
		final float[] byMask = mineral(ct, cal, BoneSelection.mask(labels), lateral);
		final float[] all = mineral(ct, cal, BoneSelection.all(), lateral);
		for (int u = 0; u < 20; u++) {
			final boolean boneA = u < 10;
			assertEquals(boneA ? 0.81 : 0, byLabel[u], 1e-6, "label, column " + u);
			assertEquals(boneA ? 0.81 : 0, byThreshold[u], 1e-6, "threshold, column " + u);
			assertEquals(boneA ? 0.81 : 0.33, byMask[u], 1e-6, "mask, column " + u);
			assertEquals((boneA ? 0.81 : 0.33) + 0.084, all[u], 1e-6, "all, column " +
				u);
		}
	}

	private static float[] mineral(final CtVolume ct, final DensityCalibration cal,
		final BoneSelection selection, final ProjectionGeometry g)
	{
		final Drr drr = new SiddonProjector(1).project(ProjectionVolume
			.mineralDensity(ct, cal, selection), g);
		assertEquals(DrrUnit.AREAL_DENSITY_G_PER_CM2, drr.unit());
		return drr.values();
	}

	@Test
	void maskOnAnotherGridIsRefused() {
		final TestPhantoms a = new TestPhantoms(new int[] { 4, 4, 4 }, new double[] {
			1, 1, 1 }, null, null);
		final TestPhantoms b = new TestPhantoms(new int[] { 4, 4, 5 }, new double[] {
			1, 1, 1 }, null, null);
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> ProjectionVolume.mineralDensity(a.volume(q -> 0), new DensityCalibration(1,
				0), BoneSelection.mask(b.volume(q -> 1))));
		assertTrue(e.fix().contains("resample"), e.getMessage());
	}
}
