package org.bonexr.phantom.shape;

import java.util.Arrays;

/**
 * A solid bounded by one quadric surface with axis-aligned quadratic part,
 * {@code Σ a_i·p_i² + Σ b_i·p_i + c ≤ 0}, cut by half-spaces
 * {@code n·p ≤ h}: ellipsoids, elliptic cylinders, cone frustums and their
 * slices. Ray chords are solved in closed form (a quadratic in t), so line
 * integrals through these solids are exact up to rounding. Place it
 * elsewhere with {@link #placed(Pose)}. Lengths in mm. Immutable.
 */
public final class ConvexQuadric implements Solid {

	private final double[] a;
	private final double[] b;
	private final double c;
	/** n_x, n_y, n_z, h for each half-space n·p ≤ h. */
	private final double[] planes;

	private ConvexQuadric(final double[] a, final double[] b, final double c,
		final double[] planes)
	{
		this.a = a;
		this.b = b;
		this.c = c;
		this.planes = planes;
	}

	/** Ellipsoid with centre (cx, cy, cz) and semi-axes (sx, sy, sz) mm. */
	public static ConvexQuadric ellipsoid(final double[] centre,
		final double sx, final double sy, final double sz)
	{
		final double[] s = { sx, sy, sz };
		final double[] qa = new double[3];
		final double[] qb = new double[3];
		double qc = -1;
		for (int i = 0; i < 3; i++) {
			qa[i] = 1 / (s[i] * s[i]);
			qb[i] = -2 * centre[i] * qa[i];
			qc += centre[i] * centre[i] * qa[i];
		}
		return new ConvexQuadric(qa, qb, qc, new double[0]);
	}

	/** Sphere with centre and radius (mm). */
	public static ConvexQuadric sphere(final double[] centre,
		final double radius)
	{
		return ellipsoid(centre, radius, radius, radius);
	}

	/**
	 * Unbounded elliptic cylinder whose axis runs along coordinate
	 * {@code axis} (0 = x, 1 = y, 2 = z) through {@code centre}; semi-axes
	 * {@code s} along the other two coordinates in increasing order (for
	 * axis 1: s[0] along x, s[1] along z).
	 */
	public static ConvexQuadric cylinder(final int axis, final double[] centre,
		final double s0, final double s1)
	{
		final double[] qa = new double[3];
		final double[] qb = new double[3];
		double qc = -1;
		int k = 0;
		for (int i = 0; i < 3; i++) {
			if (i == axis) continue;
			final double s = k++ == 0 ? s0 : s1;
			qa[i] = 1 / (s * s);
			qb[i] = -2 * centre[i] * qa[i];
			qc += centre[i] * centre[i] * qa[i];
		}
		return new ConvexQuadric(qa, qb, qc, new double[0]);
	}

	/**
	 * Circular cone frustum along z with its axis through (x, y): radius r0
	 * at z0 and r1 at z1 &gt; z0.
	 */
	public static ConvexQuadric frustum(final double x, final double y,
		final double z0, final double r0, final double z1, final double r1)
	{
		// (px-x)² + (py-y)² - (r0 + k (pz - z0))² ≤ 0, with r0 + k (pz - z0) ≥ 0
		final double k = (r1 - r0) / (z1 - z0);
		final double m = r0 - k * z0; // radius = m + k·pz
		final double[] qa = { 1, 1, -k * k };
		final double[] qb = { -2 * x, -2 * y, -2 * m * k };
		final double qc = x * x + y * y - m * m;
		final ConvexQuadric doubleCone = new ConvexQuadric(qa, qb, qc,
			new double[0]);
		return doubleCone.clip(new double[] { 0, 0, 1 }, z1).clip(new double[] {
			0, 0, -1 }, -z0);
	}

	/** This solid cut by the half-space {@code n·p ≤ h}. */
	public ConvexQuadric clip(final double[] n, final double h) {
		final double[] p = Arrays.copyOf(planes, planes.length + 4);
		p[planes.length] = n[0];
		p[planes.length + 1] = n[1];
		p[planes.length + 2] = n[2];
		p[planes.length + 3] = h;
		return new ConvexQuadric(a, b, c, p);
	}

	/** Points with coordinate {@code axis} ≤ value. */
	public ConvexQuadric below(final int axis, final double value) {
		final double[] n = new double[3];
		n[axis] = 1;
		return clip(n, value);
	}

	/** Points with coordinate {@code axis} ≥ value. */
	public ConvexQuadric above(final int axis, final double value) {
		final double[] n = new double[3];
		n[axis] = -1;
		return clip(n, -value);
	}

	@Override
	public Intervals intersect(final double[] o, final double[] d) {
		double lo = Double.NEGATIVE_INFINITY;
		double hi = Double.POSITIVE_INFINITY;
		for (int i = 0; i < planes.length; i += 4) {
			final double nd = planes[i] * d[0] + planes[i + 1] * d[1] + planes[i +
				2] * d[2];
			final double slack = planes[i + 3] - (planes[i] * o[0] + planes[i + 1] *
				o[1] + planes[i + 2] * o[2]);
			if (nd == 0) {
				if (slack < 0) return Intervals.EMPTY;
			}
			else if (nd > 0) hi = Math.min(hi, slack / nd);
			else lo = Math.max(lo, slack / nd);
		}
		if (!(hi > lo)) return Intervals.EMPTY;
		final Intervals slab = Intervals.of(lo, hi);
		double qa = 0, qb = 0, qc = c;
		for (int i = 0; i < 3; i++) {
			qa += a[i] * d[i] * d[i];
			qb += 2 * a[i] * o[i] * d[i] + b[i] * d[i];
			qc += a[i] * o[i] * o[i] + b[i] * o[i];
		}
		return quadraticNonPositive(qa, qb, qc).intersect(slab);
	}

	/** {t : qa·t² + qb·t + qc ≤ 0}. */
	private static Intervals quadraticNonPositive(final double qa,
		final double qb, final double qc)
	{
		// a direction (almost) parallel to a cylinder axis: qa vanishes
		final double scale = Math.abs(qb) + Math.abs(qc) + Double.MIN_NORMAL;
		if (Math.abs(qa) <= 1e-14 * scale) {
			if (qb == 0) return qc <= 0 ? Intervals.ALL : Intervals.EMPTY;
			final double root = -qc / qb;
			return qb > 0 ? Intervals.of(Double.NEGATIVE_INFINITY, root) : Intervals
				.of(root, Double.POSITIVE_INFINITY);
		}
		final double disc = qb * qb - 4 * qa * qc;
		if (disc < 0) return qa > 0 ? Intervals.EMPTY : Intervals.ALL;
		final double q = -0.5 * (qb + Math.copySign(Math.sqrt(disc), qb));
		double t1 = q / qa;
		double t2 = q == 0 ? -t1 : qc / q;
		if (t1 > t2) {
			final double t = t1;
			t1 = t2;
			t2 = t;
		}
		if (qa > 0) return Intervals.of(t1, t2);
		return Intervals.of(Double.NEGATIVE_INFINITY, t1).union(Intervals.of(t2,
			Double.POSITIVE_INFINITY));
	}
}
