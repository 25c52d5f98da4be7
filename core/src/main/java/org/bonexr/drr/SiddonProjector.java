package org.bonexr.drr;

import org.bonexr.core.BoneXRException;

/**
 * Exact ray tracing through the voxel grid: Siddon's method (Med. Phys. 12:252,
 * 1985, doi:10.1118/1.595715) in the incremental form of Jacobs et al.
 * (J. WSCG 6:182, 1998): the ray is clipped to the volume, then walked from
 * voxel boundary to voxel boundary; each voxel adds its value times the exact
 * length of the ray inside it. For a piecewise-constant volume the result is
 * the exact line integral (up to float rounding of the voxel values). Rays run
 * in parallel over detector rows.
 */
public final class SiddonProjector implements Projector {

	private final int threads;

	/** On all available processors. */
	public SiddonProjector() {
		this(RowTasks.defaultThreads());
	}

	/** On {@code threads} threads (≥ 1). */
	public SiddonProjector(final int threads) {
		if (threads < 1) throw new BoneXRException("The thread count " + threads +
			" is not valid.", "Use 1 or more threads.");
		this.threads = threads;
	}

	@Override
	public String description() {
		return "Siddon-Jacobs exact, " + threads + " thread(s)";
	}

	@Override
	public Drr project(final ProjectionVolume volume,
		final ProjectionGeometry geometry)
	{
		final RayFamily rays = geometry.rays(volume).toIndex(volume);
		final int[] n = volume.dims();
		final int[] lo = volume.nonZeroMin(), hi = volume.nonZeroMax();
		final double[] s = volume.spacingMm();
		final float[] v = volume.paddedValues();
		final int cols = geometry.columns();
		final double scale = volume.unit().perVoxelUnitMm();
		final float[] out = new float[cols * geometry.rows()];
		if (hi[0] < lo[0]) return new Drr(out, geometry, volume.unit());
		RowTasks.forEachRow(geometry.rows(), threads, row -> {
			final double[] a = new double[3], b = new double[3];
			for (int u = 0; u < cols; u++) {
				rays.ray(u, row, a, b);
				// voxel (i,j,k) fills g ∈ [i, i+1): g = h + ½
				for (int d = 0; d < 3; d++) {
					a[d] += 0.5;
					b[d] += 0.5;
				}
				final double lx = (b[0] - a[0]) * s[0], ly = (b[1] - a[1]) * s[1],
						lz = (b[2] - a[2]) * s[2];
				final double lengthMm = Math.sqrt(lx * lx + ly * ly + lz * lz);
				out[row * cols + u] = (float) (scale * lengthMm * integrate(v, n, lo,
					hi, a, b));
			}
		});
		return new Drr(out, geometry, volume.unit());
	}

	/**
	 * ∫ value dt along g(t) = a + t (b − a), t ∈ [0, 1], through the grid of
	 * unit voxels [i, i+1) of size {@code n}, stored padded in {@code v}, all
	 * zero outside the voxel box [lo, hi] (inclusive): the ray is clipped to
	 * that box. The walk goes slab by slab along the axis the ray advances
	 * fastest on (the major axis); within one slab each other axis is crossed
	 * at most once, so the common step is a single, well-predicted test.
	 */
	static double integrate(final float[] v, final int[] n, final int[] lo,
		final int[] hi, final double[] a, final double[] b)
	{
		final double[] d = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
		final double[] range = { 0, 1 };
		for (int k = 0; k < 3; k++)
			if (!clip(a[k] - lo[k], d[k], hi[k] + 1 - lo[k], range)) return 0;
		final double t0 = range[0], t1 = range[1];
		final double ad0 = Math.abs(d[0]), ad1 = Math.abs(d[1]), ad2 = Math.abs(
			d[2]);
		final int m = ad0 >= ad1 && ad0 >= ad2 ? 0 : ad1 >= ad2 ? 1 : 2;
		final int p = (m + 1) % 3, q = (m + 2) % 3;
		final int[] stride = { 1, n[0] + 2, (n[0] + 2) * (n[1] + 2) };

		final int im = entry(a[m] + t0 * d[m], d[m], lo[m], hi[m]);
		final int ip = entry(a[p] + t0 * d[p], d[p], lo[p], hi[p]);
		final int iq = entry(a[q] + t0 * d[q], d[q], lo[q], hi[q]);
		int idx = (im + 1) * stride[m] + (ip + 1) * stride[p] + (iq + 1) * stride[q];
		// per axis: next boundary t, t between boundaries, index step, steps left inside [lo, hi]
		double tnm = next(a[m], d[m], im), tnp = next(a[p], d[p], ip), tnq = next(
			a[q], d[q], iq);
		final double tdm = 1 / Math.abs(d[m]), tdp = 1 / Math.abs(d[p]), tdq = 1 /
			Math.abs(d[q]); // +∞ where the ray is parallel to an axis
		final int sm = d[m] >= 0 ? stride[m] : -stride[m];
		final int sp = d[p] >= 0 ? stride[p] : -stride[p];
		final int sq = d[q] >= 0 ? stride[q] : -stride[q];
		int leftM = d[m] >= 0 ? hi[m] - im : im - lo[m];
		int leftP = d[p] >= 0 ? hi[p] - ip : ip - lo[p];
		int leftQ = d[q] >= 0 ? hi[q] - iq : iq - lo[q];

		double t = t0, sum = 0;
		while (true) {
			final double slabEnd = tnm < t1 ? tnm : t1;
			while (tnp < slabEnd || tnq < slabEnd) {
				if (tnp <= tnq) {
					sum += v[idx] * (tnp - t);
					t = tnp;
					tnp += tdp;
					if (--leftP < 0) return sum;
					idx += sp;
				}
				else {
					sum += v[idx] * (tnq - t);
					t = tnq;
					tnq += tdq;
					if (--leftQ < 0) return sum;
					idx += sq;
				}
			}
			sum += v[idx] * (slabEnd - t);
			if (slabEnd >= t1 || --leftM < 0) return sum;
			t = slabEnd;
			tnm += tdm;
			idx += sm;
		}
	}

	/** Parameter t at which the ray leaves voxel i along an axis (+∞ if it never does). */
	private static double next(final double a, final double d, final int i) {
		if (d == 0) return Double.POSITIVE_INFINITY;
		return (i + (d > 0 ? 1 : 0) - a) / d;
	}

	/**
	 * Narrows {@code range} to where a + t·d lies in [0, n]; false if empty. A
	 * ray parallel to the axis must lie in [0, n): voxels are half-open, so a
	 * ray exactly in a face belongs to the voxel on its + side.
	 */
	static boolean clip(final double a, final double d, final double n,
		final double[] range)
	{
		if (d == 0) return a >= 0 && a < n;
		double ta = -a / d, tb = (n - a) / d;
		if (ta > tb) {
			final double tmp = ta;
			ta = tb;
			tb = tmp;
		}
		if (ta > range[0]) range[0] = ta;
		if (tb < range[1]) range[1] = tb;
		return range[1] > range[0];
	}

	/** Index of the voxel entered at coordinate g moving with sign of d, in [lo, hi]. */
	private static int entry(final double g, final double d, final int lo,
		final int hi)
	{
		final int i = d < 0 ? (int) Math.ceil(g) - 1 : (int) Math.floor(g);
		return Math.max(lo, Math.min(hi, i));
	}
}
