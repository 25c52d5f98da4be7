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
		final double[] s = volume.spacingMm();
		final float[] v = volume.paddedValues();
		final int cols = geometry.columns();
		final double scale = volume.unit().perVoxelUnitMm();
		final float[] out = new float[cols * geometry.rows()];
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
				out[row * cols + u] = (float) (scale * lengthMm * integrate(v, n[0],
					n[1], n[2], a, b));
			}
		});
		return new Drr(out, geometry, volume.unit());
	}

	/**
	 * ∫ value dt along g(t) = a + t (b − a), t ∈ [0, 1], through the grid of
	 * {@code nx·ny·nz} unit voxels [i, i+1) stored padded in {@code v}.
	 */
	static double integrate(final float[] v, final int nx, final int ny,
		final int nz, final double[] a, final double[] b)
	{
		final double dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
		final double[] range = { 0, 1 };
		if (!clip(a[0], dx, nx, range) || !clip(a[1], dy, ny, range) || !clip(a[2],
			dz, nz, range)) return 0;
		final double t0 = range[0], t1 = range[1];
		if (!(t1 > t0)) return 0;

		int ix = entry(a[0] + t0 * dx, dx, nx);
		int iy = entry(a[1] + t0 * dy, dy, ny);
		int iz = entry(a[2] + t0 * dz, dz, nz);
		final int sx = dx >= 0 ? 1 : -1, sy = dy >= 0 ? 1 : -1, sz = dz >= 0 ? 1
			: -1;
		final double tdx = 1 / Math.abs(dx), tdy = 1 / Math.abs(dy), tdz = 1 / Math
			.abs(dz); // +∞ where the ray is parallel to an axis
		double tnx = dx == 0 ? Double.POSITIVE_INFINITY : (ix + (dx > 0 ? 1 : 0) -
			a[0]) / dx;
		double tny = dy == 0 ? Double.POSITIVE_INFINITY : (iy + (dy > 0 ? 1 : 0) -
			a[1]) / dy;
		double tnz = dz == 0 ? Double.POSITIVE_INFINITY : (iz + (dz > 0 ? 1 : 0) -
			a[2]) / dz;
		final int px = nx + 2, pxy = px * (ny + 2);
		final int stepX = sx, stepY = sy * px, stepZ = sz * pxy;
		int idx = (iz + 1) * pxy + (iy + 1) * px + ix + 1;
		double t = t0, sum = 0;
		while (true) {
			if (tnx <= tny && tnx <= tnz) {
				if (tnx >= t1) break;
				sum += v[idx] * (tnx - t);
				t = tnx;
				tnx += tdx;
				ix += sx;
				if (ix < 0 || ix >= nx) return sum;
				idx += stepX;
			}
			else if (tny <= tnz) {
				if (tny >= t1) break;
				sum += v[idx] * (tny - t);
				t = tny;
				tny += tdy;
				iy += sy;
				if (iy < 0 || iy >= ny) return sum;
				idx += stepY;
			}
			else {
				if (tnz >= t1) break;
				sum += v[idx] * (tnz - t);
				t = tnz;
				tnz += tdz;
				iz += sz;
				if (iz < 0 || iz >= nz) return sum;
				idx += stepZ;
			}
		}
		return sum + v[idx] * (t1 - t);
	}

	/** Narrows {@code range} to where a + t·d lies in [0, n]; false if empty. */
	static boolean clip(final double a, final double d, final double n,
		final double[] range)
	{
		if (d == 0) return a >= 0 && a <= n;
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

	/** Index of the voxel entered at coordinate g moving with sign of d, in [0, n−1]. */
	private static int entry(final double g, final double d, final int n) {
		final int i = d < 0 ? (int) Math.ceil(g) - 1 : (int) Math.floor(g);
		return Math.max(0, Math.min(n - 1, i));
	}
}
