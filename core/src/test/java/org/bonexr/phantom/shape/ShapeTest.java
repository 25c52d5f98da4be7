package org.bonexr.phantom.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

	private static final double[] Z = { 0, 0, 1 };

	@Test
	void sphereChordIsTwiceTheHalfChord() {
		final Solid s = ConvexQuadric.sphere(new double[] { 1, 2, 3 }, 5);
		for (final double r : new double[] { 0, 1, 3, 4.99 }) {
			final double len = s.intersect(new double[] { 1 + r, 2, -40 }, Z)
				.length();
			assertEquals(2 * Math.sqrt(25 - r * r), len, 1e-9);
		}
		assertTrue(s.intersect(new double[] { 6.01, 2, 0 }, Z).isEmpty());
	}

	@Test
	void obliqueRayThroughEllipsoidMatchesScaledSphere() {
		// ellipsoid = sphere scaled by (2, 1, 3): chord scales with |S·d|
		final Solid e = ConvexQuadric.ellipsoid(new double[3], 2, 1, 3);
		final double[] d = unit(1, 1, 1);
		final double[] dSphere = { d[0] / 2, d[1], d[2] / 3 };
		final double norm = Math.sqrt(dSphere[0] * dSphere[0] + dSphere[1] *
			dSphere[1] + dSphere[2] * dSphere[2]);
		// ray through the centre: unit-sphere chord 2, scaled back by 1/norm
		assertEquals(2 / norm, e.intersect(new double[3], d).length(), 1e-12);
	}

	@Test
	void cylinderParallelRayIsInsideEverywhereOrNowhere() {
		final Solid c = ConvexQuadric.cylinder(2, new double[3], 2, 3);
		assertEquals(Double.POSITIVE_INFINITY, c.intersect(new double[] { 1, 0,
			0 }, Z).length());
		assertTrue(c.intersect(new double[] { 2.1, 0, 0 }, Z).isEmpty());
		final Solid clipped = ConvexQuadric.cylinder(2, new double[3], 2, 3).above(
			2, -1).below(2, 4);
		assertEquals(5, clipped.intersect(new double[] { 1, 0, 0 }, Z).length(),
			1e-12);
	}

	@Test
	void frustumChordAlongAxisAndAcross() {
		final Solid f = ConvexQuadric.frustum(0, 0, 0, 2, 10, 4);
		assertEquals(10, f.intersect(new double[] { 0, 0, -5 }, Z).length(),
			1e-12);
		// across at height 5: radius 3
		assertEquals(6, f.intersect(new double[] { -10, 0, 5 }, new double[] { 1,
			0, 0 }).length(), 1e-12);
		assertFalse(f.contains(new double[] { 0, 0, 10.5 }));
		assertFalse(f.contains(new double[] { 0, 0, -0.5 }));
		assertTrue(f.contains(new double[] { 3.9, 0, 9.9 }));
	}

	@Test
	void unionAndDifferenceOfIntervals() {
		final Intervals a = Intervals.of(0, 10);
		final Intervals b = Intervals.of(2, 3).union(Intervals.of(5, 12));
		assertEquals(12, a.union(b).length(), 0);
		assertEquals(1 + 5, a.intersect(b).length(), 0);
		final Intervals diff = a.minus(b);
		assertEquals(2, diff.count());
		assertEquals(2 + 2, diff.length(), 0);
		assertEquals(0, Intervals.of(2, 3).minus(a).length(), 0);
	}

	@Test
	void sphereMinusConcentricSphereIsAShell() {
		final Solid shell = ConvexQuadric.sphere(new double[3], 5).minus(
			ConvexQuadric.sphere(new double[3], 4));
		final Intervals iv = shell.intersect(new double[] { 0, 0, -10 }, Z);
		assertEquals(2, iv.count());
		assertEquals(2, iv.length(), 1e-12);
	}

	@Test
	void poseRotatesAboutPivotAndInverts() {
		final Pose p = Pose.rotation(new double[] { 1, 0, 0 }, Math.PI / 2,
			new double[] { 0, 1, 0 });
		final double[] q = p.apply(new double[] { 0, 2, 0 });
		assertEquals(0, q[0], 1e-12);
		assertEquals(1, q[1], 1e-12);
		assertEquals(1, q[2], 1e-12);
		final double[] back = p.toLocalPoint(q);
		assertEquals(2, back[1], 1e-12);
		assertEquals(0, back[2], 1e-12);
		// a placed solid moves with the pose
		final Solid s = ConvexQuadric.sphere(new double[] { 0, 2, 0 }, 0.5).placed(
			p);
		assertTrue(s.contains(new double[] { 0, 1, 1 }));
		assertFalse(s.contains(new double[] { 0, 2, 0 }));
	}

	private static double[] unit(final double x, final double y,
		final double z)
	{
		final double n = Math.sqrt(x * x + y * y + z * z);
		return new double[] { x / n, y / n, z / n };
	}
}
