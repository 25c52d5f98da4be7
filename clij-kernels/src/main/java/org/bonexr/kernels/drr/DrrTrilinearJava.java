package org.bonexr.kernels.drr;

/**
 * Java twin of {@link DrrTrilinear}: the DRR line integral of a volume by
 * fixed-step ray marching with trilinear interpolation.
 * <p>
 * Conventions shared with the OpenCL kernel {@code drr_project.cl}:
 * <ul>
 * <li>The volume of nx·ny·nz voxels of size (sx, sy, sz) mm is stored with one
 * voxel of zeros on every side: (nx+2)·(ny+2)·(nz+2) floats, x fastest. All
 * voxels outside the box [lo, hi] (voxel indices, inclusive) are 0: rays are
 * clipped to that box's support (pass 0 and n−1 when unknown).</li>
 * <li>Index coordinates h: voxel (i, j, k) is centred at h = (i, j, k). The
 * volume is the trilinear interpolant of the voxel values, zero from one voxel
 * spacing beyond the outer voxel centres (support h ∈ [−1, n]).</li>
 * <li>Rays: 18 coefficients (s0, su, sv, e0, eu, ev), each an (x, y, z)
 * triple in index coordinates; the ray of detector pixel (u, v) runs from
 * s0 + u·su + v·sv to e0 + u·eu + v·ev.</li>
 * <li>The ray's stretch inside the support is split into the fewest equal
 * steps no longer than {@code stepMm} and integrated by the midpoint rule;
 * the result is ∫ f dl (value × mm) times {@code scale}.</li>
 * </ul>
 */
public final class DrrTrilinearJava {

	private DrrTrilinearJava() {}

	/**
	 * Fills row {@code v} of {@code out} (columns × rows, row-major).
	 *
	 * @param padded padded volume (see class description)
	 * @param dims nx, ny, nz (without padding)
	 * @param lo smallest x, y, z index of a non-zero voxel
	 * @param hi largest x, y, z index of a non-zero voxel
	 * @param spacingMm sx, sy, sz
	 * @param rays the 18 ray coefficients
	 * @param columns detector width in pixels
	 * @param v the row to compute
	 * @param stepMm largest marching step, mm
	 * @param scale factor applied to ∫ f dl
	 * @param out receives the row
	 */
	public static void projectRow(final float[] padded, final int[] dims,
		final int[] lo, final int[] hi, final double[] spacingMm, final double[] rays, final int columns,
		final int v, final double stepMm, final double scale, final float[] out)
	{
		final double[] a = new double[3], b = new double[3];
		for (int u = 0; u < columns; u++) {
			for (int d = 0; d < 3; d++) {
				a[d] = rays[d] + u * rays[3 + d] + v * rays[6 + d];
				b[d] = rays[9 + d] + u * rays[12 + d] + v * rays[15 + d];
			}
			out[v * columns + u] = (float) (scale * rayIntegral(padded, dims, lo, hi,
				spacingMm, a, b, stepMm));
		}
	}

	/** The whole image, single-threaded. */
	public static float[] project(final float[] padded, final int[] dims,
		final int[] lo, final int[] hi, final double[] spacingMm, final double[] rays, final int columns,
		final int rows, final double stepMm, final double scale)
	{
		final float[] out = new float[columns * rows];
		for (int v = 0; v < rows; v++)
			projectRow(padded, dims, lo, hi, spacingMm, rays, columns, v, stepMm,
				scale, out);
		return out;
	}

	/**
	 * Midpoint steps along a ray of this length: the whole number of steps of
	 * at most {@code stepMm}, except that a length within 1e-3 steps above a
	 * whole number takes that number. Rays whose length is a whole number of
	 * steps (parallel rays along the voxel grid) then get the same count in
	 * float (the OpenCL kernel) and double arithmetic.
	 */
	static int stepCount(final double lengthMm, final double stepMm) {
		return Math.max(1, (int) Math.ceil(lengthMm / stepMm - 1e-3));
	}

	/** ∫ f dl (value × mm) along the segment from {@code a} to {@code b} (index coordinates). */
	static double rayIntegral(final float[] v, final int[] dims, final int[] lo,
		final int[] hi, final double[] s, final double[] a, final double[] b, final double stepMm)
	{
		final int nx = dims[0], ny = dims[1], nz = dims[2];
		final double dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
		// padded coordinates p = h + 1; voxel i's support p ∈ (i, i + 2)
		final double[] range = { 0, 1 };
		if (hi[0] < lo[0] || !clip(a[0] + 1 - lo[0], dx, hi[0] + 2 - lo[0],
			range) || !clip(a[1] + 1 - lo[1], dy, hi[1] + 2 - lo[1], range) || !clip(
				a[2] + 1 - lo[2], dz, hi[2] + 2 - lo[2], range)) return 0;
		final double lx = dx * s[0], ly = dy * s[1], lz = dz * s[2];
		final double lengthMm = Math.sqrt(lx * lx + ly * ly + lz * lz) * (range[1] -
			range[0]);
		if (!(lengthMm > 0)) return 0;
		final int steps = stepCount(lengthMm, stepMm);
		final double dt = (range[1] - range[0]) / steps;
		final int px = nx + 2, pxy = px * (ny + 2);
		double sum = 0;
		for (int k = 0; k < steps; k++) {
			final double t = range[0] + (k + 0.5) * dt;
			final double x = a[0] + 1 + t * dx, y = a[1] + 1 + t * dy, z = a[2] + 1 +
				t * dz;
			int i = (int) x, j = (int) y, l = (int) z; // truncation = floor for p ≥ 0
			double fx = x - i, fy = y - j, fz = z - l;
			if (i > nx) {
				i = nx;
				fx = 1;
			}
			if (j > ny) {
				j = ny;
				fy = 1;
			}
			if (l > nz) {
				l = nz;
				fz = 1;
			}
			final int o = l * pxy + j * px + i;
			final double c00 = v[o] + fx * (v[o + 1] - v[o]);
			final double c10 = v[o + px] + fx * (v[o + px + 1] - v[o + px]);
			final double c01 = v[o + pxy] + fx * (v[o + pxy + 1] - v[o + pxy]);
			final double c11 = v[o + pxy + px] + fx * (v[o + pxy + px + 1] - v[o +
				pxy + px]);
			final double c0 = c00 + fy * (c10 - c00);
			final double c1 = c01 + fy * (c11 - c01);
			sum += c0 + fz * (c1 - c0);
		}
		return sum * lengthMm / steps;
	}

	/** Narrows {@code range} to where p + t·d lies in [0, n]; false if empty. */
	private static boolean clip(final double p, final double d, final double n,
		final double[] range)
	{
		if (d == 0) return p >= 0 && p <= n;
		double ta = -p / d, tb = (n - p) / d;
		if (ta > tb) {
			final double tmp = ta;
			ta = tb;
			tb = tmp;
		}
		if (ta > range[0]) range[0] = ta;
		if (tb < range[1]) range[1] = tb;
		return range[1] > range[0];
	}
}
