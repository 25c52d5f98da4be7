package org.bonexr.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonexr.ct.CtVolume;
import org.junit.jupiter.api.Test;

/**
 * DRRs against analytic line integrals, in both geometries, on a grid of
 * anisotropic voxels (1.0 × 1.25 × 1.5 mm) rotated 35° about an oblique axis.
 * Rays are rebuilt in the test from the geometry's documented definition.
 * <p>
 * Error bounds asserted (c = phantom value, s = voxel size, h = step):
 * <ul>
 * <li>Siddon vs the voxelised box (the union of voxels whose centre lies in
 * the box, itself a box): exact, |error| ≤ 1e-5 · c · (longest chord) (float
 * voxel values and sums).</li>
 * <li>Siddon vs the continuous ellipsoid E: the voxelised ellipsoid V obeys
 * (1−k)E ⊂ V ⊂ (1+k)E with k = δ/r_min, δ = half the voxel diagonal, r_min
 * the smallest semi-axis; so every ray's result lies between c × its chords
 * through (1−k)E and (1+k)E.</li>
 * <li>Trilinear (step h): the interpolant equals c on the box shrunk by s/2 per
 * side and 0 outside the box grown by s/2 (for the ellipsoid: (1∓2k)E); the
 * midpoint rule on an integrand that rises once and falls once between 0 and c
 * adds at most 2·c·h.</li>
 * </ul>
 */
class DrrAnalyticTest {

	private static final double C = 0.025; // μ in 1/mm
	private static final int[] N = { 48, 40, 36 };
	private static final double[] S = { 1.0, 1.25, 1.5 };
	private static final TestPhantoms GRID = TestPhantoms.rotatedGrid(N, S, 35);

	// box: voxel index ranges (inclusive)
	private static final int[] LO = { 8, 6, 5 };
	private static final int[] HI = { 37, 30, 28 };
	// ellipsoid: local centre and semi-axes, mm
	private static final double[] EC = { 23.1, 24.6, 26.0 };
	private static final double[] ER = { 19, 15, 17 };

	private static final double SAD = 300, SID = 450;
	private static final int COLS = 64, ROWS = 56;
	private static final double PU = 1.3, PV = 1.45;
	private static final double CONE_DEG = 30;
	private static final double[] ISO = { 2, -1.5, 3 };
	private static final double OFF_U = 4.2, OFF_V = -3.1;
	private static final double PAR_DEG = -50;
	private static final double PP = 0.9;

	private static CtVolume box() {
		return GRID.volume(q -> {
			for (int d = 0; d < 3; d++) {
				final long i = Math.round(q[d] / S[d]);
				if (i < LO[d] || i > HI[d]) return 0;
			}
			return C;
		});
	}

	private static CtVolume ellipsoid() {
		return GRID.volume(q -> {
			double r = 0;
			for (int d = 0; d < 3; d++)
				r += (q[d] - EC[d]) * (q[d] - EC[d]) / (ER[d] * ER[d]);
			return r <= 1 ? C : 0;
		});
	}

	private static ConeBeamGeometry cone() {
		return new ConeBeamGeometry(SAD, SID, COLS, ROWS, COLS * PU, ROWS * PV)
			.withGantryAngleDeg(CONE_DEG).withIsocenterMm(ISO[0], ISO[1], ISO[2])
			.withDetectorOffsetMm(OFF_U, OFF_V);
	}

	private static ParallelBeamGeometry parallel() {
		return new ParallelBeamGeometry(COLS, ROWS, PP, PP).withGantryAngleDeg(
			PAR_DEG).withIsocenterMm(ISO[0], ISO[1], ISO[2]);
	}

	private static double[][] ray(final boolean isCone, final int u,
		final int v)
	{
		return isCone ? TestPhantoms.coneRay(SAD, SID, COLS, ROWS, PU, PV, CONE_DEG,
			ISO, OFF_U, OFF_V, u, v) : TestPhantoms.parallelRay(COLS, ROWS, PP, PP,
				PAR_DEG, ISO, u, v);
	}

	private static Drr project(final Projector p, final CtVolume v,
		final boolean isCone)
	{
		return p.project(ProjectionVolume.ofValues(v, DrrUnit.ATTENUATION), isCone
			? cone() : parallel());
	}

	private static double[] boxLo(final double grow) {
		final double[] lo = new double[3];
		for (int d = 0; d < 3; d++)
			lo[d] = (LO[d] - 0.5) * S[d] - grow * S[d];
		return lo;
	}

	private static double[] boxHi(final double grow) {
		final double[] hi = new double[3];
		for (int d = 0; d < 3; d++)
			hi[d] = (HI[d] + 0.5) * S[d] + grow * S[d];
		return hi;
	}

	@Test
	void siddonIsExactThroughTheVoxelisedBoxConeAndParallel() {
		for (final boolean isCone : new boolean[] { true, false }) {
			final float[] drr = project(new SiddonProjector(2), box(), isCone)
				.values();
			double maxErr = 0, maxChord = 0;
			int hits = 0;
			for (int v = 0; v < ROWS; v++)
				for (int u = 0; u < COLS; u++) {
					final double[][] r = ray(isCone, u, v);
					final double chord = GRID.boxChord(r[0], r[1], boxLo(0), boxHi(0));
					maxChord = Math.max(maxChord, chord);
					if (chord > 0) hits++;
					maxErr = Math.max(maxErr, Math.abs(drr[v * COLS + u] - C * chord));
				}
			assertTrue(hits > COLS * ROWS / 4, "box must fill the view: " + hits);
			assertTrue(maxErr <= 1e-5 * C * maxChord, (isCone ? "cone" : "parallel") +
				": max error " + maxErr + " vs bound " + 1e-5 * C * maxChord);
		}
	}

	@Test
	void siddonLiesBetweenTheChordsOfTheBoundingEllipsoids() {
		final double k = halfDiagonal() / min(ER);
		for (final boolean isCone : new boolean[] { true, false }) {
			final float[] drr = project(new SiddonProjector(2), ellipsoid(), isCone)
				.values();
			final double tol = 1e-5 * C * 2 * max(ER);
			for (int v = 0; v < ROWS; v++)
				for (int u = 0; u < COLS; u++) {
					final double[][] r = ray(isCone, u, v);
					final double inner = C * GRID.ellipsoidChord(r[0], r[1], EC, ER, 1 -
						k);
					final double outer = C * GRID.ellipsoidChord(r[0], r[1], EC, ER, 1 +
						k);
					final double got = drr[v * COLS + u];
					assertTrue(got >= inner - tol && got <= outer + tol, "pixel " + u +
						"," + v + ": " + got + " not in [" + inner + ", " + outer + "]");
				}
		}
	}

	@Test
	void trilinearLiesWithinItsBoundsThroughBoxAndEllipsoid() {
		final double h = 0.4;
		final TrilinearProjector p = new TrilinearProjector(h, 2);
		for (final boolean isCone : new boolean[] { true, false }) {
			final float[] boxDrr = project(p, box(), isCone).values();
			final float[] ellDrr = project(p, ellipsoid(), isCone).values();
			final double k2 = 2 * halfDiagonal() / min(ER);
			for (int v = 0; v < ROWS; v++)
				for (int u = 0; u < COLS; u++) {
					final double[][] r = ray(isCone, u, v);
					final double lo = C * GRID.boxChord(r[0], r[1], boxLo(-0.5), boxHi(
						-0.5)) - 2 * C * h;
					final double hi = C * GRID.boxChord(r[0], r[1], boxLo(0.5), boxHi(
						0.5)) + 2 * C * h;
					final double got = boxDrr[v * COLS + u];
					assertTrue(got >= lo && got <= hi, "box pixel " + u + "," + v + ": " +
						got + " not in [" + lo + ", " + hi + "]");
					final double elo = C * GRID.ellipsoidChord(r[0], r[1], EC, ER, 1 -
						k2) - 2 * C * h;
					final double ehi = C * GRID.ellipsoidChord(r[0], r[1], EC, ER, 1 +
						k2) + 2 * C * h;
					final double egot = ellDrr[v * COLS + u];
					assertTrue(egot >= elo && egot <= ehi, "ellipsoid pixel " + u + "," +
						v + ": " + egot + " not in [" + elo + ", " + ehi + "]");
				}
		}
	}

	/**
	 * Geometry conventions: a small cube off the axes projects where
	 * plastimatch's convention puts it: centroid of the DRR within 0.3 mm (a
	 * box sampled on 0.3125 mm pixels has its centroid off by ≤ half a pixel).
	 */
	@Test
	void coneBeamPutsPointsWherePlastimatchConventionSays() {
		final TestPhantoms grid = new TestPhantoms(new int[] { 64, 64, 64 },
			new double[] { 2, 2, 2 }, new double[] { -63, -63, -63 }, new double[] {
				1, 0, 0, 0, 1, 0, 0, 0, 1 });
		// 8 mm cube centred at patient (50, 30, 20) mm
		final CtVolume vol = grid.volume(q -> Math.abs(q[0] - 113) < 4 && Math.abs(
			q[1] - 93) < 4 && Math.abs(q[2] - 83) < 4 ? 0.05 : 0);
		final int cols = 640, rows = 640;
		final double pu = 200.0 / cols, pv = 200.0 / rows;
		final ConeBeamGeometry g = new ConeBeamGeometry(1000, 1500, cols, rows, 200,
			200);
		for (final double deg : new double[] { 0, 90 }) {
			final float[] d = new SiddonProjector(2).project(ProjectionVolume
				.ofValues(vol, DrrUnit.ATTENUATION), g.withGantryAngleDeg(deg))
				.values();
			double sum = 0, su = 0, sv = 0;
			for (int v = 0; v < rows; v++)
				for (int u = 0; u < cols; u++) {
					sum += d[v * cols + u];
					su += u * d[v * cols + u];
					sv += v * d[v * cols + u];
				}
			// θ = 0: source at +x (depth 1000 − 50), u along +y; θ = 90°: source at −y, u along +x
			final double depth = deg == 0 ? 1000 - 50 : 1000 + 30;
			final double lateral = deg == 0 ? 30 : 50;
			final double m = 1500 / depth;
			assertEquals(lateral * m, (su / sum - (cols - 1) / 2.0) * pu, 0.3,
				"u (mm) at " + deg);
			assertEquals(-20 * m, (sv / sum - (rows - 1) / 2.0) * pv, 0.3,
				"v (mm) at " + deg);
		}
	}

	@Test
	void threadCountDoesNotChangeTheImage() {
		final ProjectionVolume v = ProjectionVolume.ofValues(ellipsoid(),
			DrrUnit.ATTENUATION);
		org.junit.jupiter.api.Assertions.assertArrayEquals(new SiddonProjector(1)
			.project(v, cone()).values(), new SiddonProjector(3).project(v, cone())
				.values());
		org.junit.jupiter.api.Assertions.assertArrayEquals(new TrilinearProjector(
			0.5, 1).project(v, parallel()).values(), new TrilinearProjector(0.5, 3)
				.project(v, parallel()).values());
	}

	private static double halfDiagonal() {
		return 0.5 * Math.sqrt(S[0] * S[0] + S[1] * S[1] + S[2] * S[2]);
	}

	private static double min(final double[] a) {
		return Math.min(a[0], Math.min(a[1], a[2]));
	}

	private static double max(final double[] a) {
		return Math.max(a[0], Math.max(a[1], a[2]));
	}
}
