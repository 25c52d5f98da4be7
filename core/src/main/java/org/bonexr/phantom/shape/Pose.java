package org.bonexr.phantom.shape;

/**
 * A rigid transform p ↦ R·p + c (lengths in mm). R is a rotation matrix,
 * row-major. Immutable.
 */
public final class Pose {

	/** No motion. */
	public static final Pose IDENTITY = new Pose(new double[] { 1, 0, 0, 0, 1,
		0, 0, 0, 1 }, new double[3]);

	private final double[] r;
	private final double[] c;

	private Pose(final double[] r, final double[] c) {
		this.r = r;
		this.c = c;
	}

	/** A translation by (x, y, z) mm. */
	public static Pose translation(final double x, final double y,
		final double z)
	{
		return new Pose(IDENTITY.r, new double[] { x, y, z });
	}

	/**
	 * A rotation by {@code angleRad} (right-handed) about the axis through
	 * {@code pivot} with direction {@code axis} (normalised here).
	 */
	public static Pose rotation(final double[] axis, final double angleRad,
		final double[] pivot)
	{
		final double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] +
			axis[2] * axis[2]);
		final double x = axis[0] / n, y = axis[1] / n, z = axis[2] / n;
		final double cs = Math.cos(angleRad), sn = Math.sin(angleRad),
				t = 1 - cs;
		final double[] m = { //
			t * x * x + cs, t * x * y - sn * z, t * x * z + sn * y, //
			t * x * y + sn * z, t * y * y + cs, t * y * z - sn * x, //
			t * x * z - sn * y, t * y * z + sn * x, t * z * z + cs };
		// p' = M (p - pivot) + pivot
		final double[] rp = mul(m, pivot);
		return new Pose(m, new double[] { pivot[0] - rp[0], pivot[1] - rp[1],
			pivot[2] - rp[2] });
	}

	/** This transform followed by {@code next}. */
	public Pose then(final Pose next) {
		final double[] m = new double[9];
		for (int i = 0; i < 3; i++) {
			for (int j = 0; j < 3; j++) {
				m[3 * i + j] = next.r[3 * i] * r[j] + next.r[3 * i + 1] * r[3 + j] +
					next.r[3 * i + 2] * r[6 + j];
			}
		}
		final double[] cc = next.apply(c);
		return new Pose(m, cc);
	}

	/** R·p + c. */
	public double[] apply(final double[] p) {
		final double[] q = mul(r, p);
		q[0] += c[0];
		q[1] += c[1];
		q[2] += c[2];
		return q;
	}

	/** R·v (a direction). */
	public double[] applyToDirection(final double[] v) {
		return mul(r, v);
	}

	/** Rᵀ·(p − c): where a world point lies in the local frame. */
	public double[] toLocalPoint(final double[] p) {
		return mulTransposed(r, new double[] { p[0] - c[0], p[1] - c[1], p[2] -
			c[2] });
	}

	/** Rᵀ·v. */
	public double[] toLocalDirection(final double[] v) {
		return mulTransposed(r, v);
	}

	private static double[] mul(final double[] m, final double[] v) {
		return new double[] { m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] *
			v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] *
				v[2] };
	}

	private static double[] mulTransposed(final double[] m, final double[] v) {
		return new double[] { m[0] * v[0] + m[3] * v[1] + m[6] * v[2], m[1] *
			v[0] + m[4] * v[1] + m[7] * v[2], m[2] * v[0] + m[5] * v[1] + m[8] *
				v[2] };
	}
}
