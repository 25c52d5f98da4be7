package org.bonexr.drr;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.ct.CtVolume;

/**
 * Phantoms and analytic chord lengths for the DRR tests, written from the
 * geometry conventions in the javadoc (not from the projector code).
 * Positions in the phantom's local frame: q = D·(p − origin) in mm, voxel
 * (i, j, k) centred at q = (i·sx, j·sy, k·sz).
 */
final class TestPhantoms {

	final int[] n;
	final double[] s;
	final double[] origin;
	final double[] dir; // rows: voxel axes in patient space

	TestPhantoms(final int[] n, final double[] s, final double[] origin,
		final double[] dir)
	{
		this.n = n;
		this.s = s;
		this.origin = origin;
		this.dir = dir;
	}

	/** A grid rotated by {@code deg} about the axis (1, 2, 3)/√14, with an origin away from 0. */
	static TestPhantoms rotatedGrid(final int[] n, final double[] s,
		final double deg)
	{
		final double[] k = { 1 / Math.sqrt(14), 2 / Math.sqrt(14), 3 / Math.sqrt(
			14) };
		final double c = Math.cos(Math.toRadians(deg)), sn = Math.sin(Math
			.toRadians(deg));
		final double[] r = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				final double cross = i == j ? 0 : (levi(i, j) * k[3 - i - j]);
				r[3 * i + j] = (i == j ? c : 0) + (1 - c) * k[i] * k[j] - sn * cross;
			}
		// centre the grid near the patient origin, slightly off
		final double[] centreLocal = { (n[0] - 1) * s[0] / 2, (n[1] - 1) * s[1] / 2,
			(n[2] - 1) * s[2] / 2 };
		final double[] origin = { 3.7, -2.9, 5.3 };
		for (int d = 0; d < 3; d++)
			for (int r2 = 0; r2 < 3; r2++)
				origin[r2] -= r[3 * d + r2] * centreLocal[d];
		return new TestPhantoms(n, s, origin, r);
	}

	private static int levi(final int i, final int j) {
		// sign of the permutation (i, j, 3−i−j)
		return ((j - i + 3) % 3) == 1 ? 1 : -1;
	}

	/** Local mm coordinates of patient point p. */
	double[] local(final double[] p) {
		final double[] q = new double[3];
		for (int d = 0; d < 3; d++)
			for (int r = 0; r < 3; r++)
				q[d] += dir[3 * d + r] * (p[r] - origin[r]);
		return q;
	}

	/** Volume whose voxel (i,j,k) = value.at(centre in local mm). */
	CtVolume volume(final java.util.function.ToDoubleFunction<double[]> value) {
		final float[] data = new float[n[0] * n[1] * n[2]];
		final double[] q = new double[3];
		for (int k = 0; k < n[2]; k++)
			for (int j = 0; j < n[1]; j++)
				for (int i = 0; i < n[0]; i++) {
					q[0] = i * s[0];
					q[1] = j * s[1];
					q[2] = k * s[2];
					data[i + n[0] * (j + n[1] * k)] = (float) value.applyAsDouble(q);
				}
		return new CtVolume("phantom", ArrayImgs.floats(data, n[0], n[1], n[2]), s,
			origin, dir);
	}

	/** Length (mm) of segment p0→p1 (patient) inside the local box [lo, hi] (mm). */
	double boxChord(final double[] p0, final double[] p1, final double[] lo,
		final double[] hi)
	{
		final double[] a = local(p0), b = local(p1);
		double t0 = 0, t1 = 1;
		for (int d = 0; d < 3; d++) {
			final double dd = b[d] - a[d];
			if (dd == 0) {
				if (a[d] < lo[d] || a[d] > hi[d]) return 0;
				continue;
			}
			double ta = (lo[d] - a[d]) / dd, tb = (hi[d] - a[d]) / dd;
			if (ta > tb) {
				final double t = ta;
				ta = tb;
				tb = t;
			}
			t0 = Math.max(t0, ta);
			t1 = Math.min(t1, tb);
		}
		return t1 > t0 ? (t1 - t0) * dist(p0, p1) : 0;
	}

	/**
	 * Length (mm) of segment p0→p1 inside the ellipsoid with local centre c and
	 * semi-axes r (along the local axes), scaled by f about its centre.
	 */
	double ellipsoidChord(final double[] p0, final double[] p1,
		final double[] c, final double[] r, final double f)
	{
		final double[] a = local(p0), b = local(p1);
		double qa = 0, qb = 0, qc = -1;
		for (int d = 0; d < 3; d++) {
			final double e = (a[d] - c[d]) / (f * r[d]), g = (b[d] - a[d]) / (f *
				r[d]);
			qa += g * g;
			qb += 2 * e * g;
			qc += e * e;
		}
		final double disc = qb * qb - 4 * qa * qc;
		if (disc <= 0) return 0;
		final double t0 = Math.max(0, (-qb - Math.sqrt(disc)) / (2 * qa));
		final double t1 = Math.min(1, (-qb + Math.sqrt(disc)) / (2 * qa));
		return t1 > t0 ? (t1 - t0) * dist(p0, p1) : 0;
	}

	static double dist(final double[] a, final double[] b) {
		return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] -
			b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
	}

	/**
	 * Ray of pixel (u, v) of a cone beam, from the javadoc's definition: source
	 * iso − SAD·n, pixel iso + (SID−SAD)·n + (u − (C−1)/2)·pu·ê_u + offU·ê_u
	 * + (v − (R−1)/2)·pv·ê_v + offV·ê_v, n = (−cos θ, sin θ, 0),
	 * ê_u = (sin θ, cos θ, 0), ê_v = (0, 0, −1).
	 */
	static double[][] coneRay(final double sad, final double sid,
		final int cols, final int rows, final double pu, final double pv,
		final double deg, final double[] iso, final double offU, final double offV,
		final int u, final int v)
	{
		final double t = Math.toRadians(deg);
		final double[] nrm = { -Math.cos(t), Math.sin(t), 0 };
		final double[] eu = { Math.sin(t), Math.cos(t), 0 };
		final double[] src = new double[3], px = new double[3];
		final double du = (u - (cols - 1) / 2.0) * pu + offU;
		final double dv = (v - (rows - 1) / 2.0) * pv + offV;
		for (int d = 0; d < 3; d++) {
			src[d] = iso[d] - sad * nrm[d];
			px[d] = iso[d] + (sid - sad) * nrm[d] + du * eu[d];
		}
		px[2] -= dv;
		return new double[][] { src, px };
	}

	/** A 4 m long segment along the parallel ray of pixel (u, v), centred on the detector plane through iso. */
	static double[][] parallelRay(final int cols, final int rows,
		final double pu, final double pv, final double deg, final double[] iso,
		final int u, final int v)
	{
		final double t = Math.toRadians(deg);
		final double[] nrm = { -Math.cos(t), Math.sin(t), 0 };
		final double[] eu = { Math.sin(t), Math.cos(t), 0 };
		final double du = (u - (cols - 1) / 2.0) * pu;
		final double dv = (v - (rows - 1) / 2.0) * pv;
		final double[] a = new double[3], b = new double[3];
		for (int d = 0; d < 3; d++) {
			final double p = iso[d] + du * eu[d] - (d == 2 ? dv : 0);
			a[d] = p - 2000 * nrm[d];
			b[d] = p + 2000 * nrm[d];
		}
		return new double[][] { a, b };
	}
}
