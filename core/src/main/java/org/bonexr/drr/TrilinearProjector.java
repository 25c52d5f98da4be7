package org.bonexr.drr;

import org.bonexr.core.BoneXRException;

/**
 * Fixed-step ray marching with trilinear interpolation: the volume is the
 * trilinear interpolant of the voxel values (voxel centres at integer index
 * coordinates, zero beyond the outer voxel centres' neighbours), and the ray's
 * stretch through its support (the volume grown by one voxel centre spacing)
 * is integrated by the midpoint rule with the largest step ≤ {@code stepMm}
 * that divides it evenly. Summed over all rays of a parallel beam this
 * conserves the volume's integral exactly in the limit of fine detector
 * sampling (each voxel's hat function integrates to the voxel volume). Rays run
 * in parallel over detector rows. {@code DrrProjectTrilinear} in
 * bonexr-clij-kernels is the OpenCL twin of {@link #integrate}.
 */
public final class TrilinearProjector implements Projector {

	private final double stepMm;
	private final int threads;

	/** Step {@code stepMm} (e.g. half the smallest voxel size), all available processors. */
	public TrilinearProjector(final double stepMm) {
		this(stepMm, RowTasks.defaultThreads());
	}

	/** Step {@code stepMm} (mm, &gt; 0) on {@code threads} threads. */
	public TrilinearProjector(final double stepMm, final int threads) {
		if (!(stepMm > 0) || Double.isInfinite(stepMm)) {
			throw new BoneXRException("The ray-marching step " + stepMm +
				" mm is not valid.", "Give a positive step in mm, e.g. half the voxel size.");
		}
		if (threads < 1) throw new BoneXRException("The thread count " + threads +
			" is not valid.", "Use 1 or more threads.");
		this.stepMm = stepMm;
		this.threads = threads;
	}

	public double stepMm() {
		return stepMm;
	}

	@Override
	public String description() {
		return "trilinear ray marching, step " + stepMm + " mm, " + threads +
			" thread(s)";
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
				out[row * cols + u] = (float) (scale * integrate(v, n[0], n[1], n[2], s,
					a, b, stepMm));
			}
		});
		return new Drr(out, geometry, volume.unit());
	}

	/**
	 * ∫ f dl (value × mm) of the trilinear interpolant f along the segment from
	 * {@code a} to {@code b} (index coordinates h, voxel centres at integers),
	 * through the padded grid {@code v} of {@code nx·ny·nz} voxels of size
	 * {@code s} (mm), midpoint rule with step ≤ {@code stepMm}.
	 */
	static double integrate(final float[] v, final int nx, final int ny,
		final int nz, final double[] s, final double[] a, final double[] b,
		final double stepMm)
	{
		final double dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
		// support of the interpolant: h ∈ [−1, n]; shift by 1 to [0, n+1]
		final double[] range = { 0, 1 };
		if (!SiddonProjector.clip(a[0] + 1, dx, nx + 1, range) || !SiddonProjector
			.clip(a[1] + 1, dy, ny + 1, range) || !SiddonProjector.clip(a[2] + 1, dz,
				nz + 1, range)) return 0;
		final double lx = dx * s[0], ly = dy * s[1], lz = dz * s[2];
		final double lengthMm = Math.sqrt(lx * lx + ly * ly + lz * lz) * (range[1] -
			range[0]);
		if (!(lengthMm > 0)) return 0;
		final int steps = (int) Math.ceil(lengthMm / stepMm);
		final double dt = (range[1] - range[0]) / steps;
		// padded coordinates: p = h + 1 ∈ [0, n+1]
		double x = a[0] + 1 + (range[0] + dt / 2) * dx;
		double y = a[1] + 1 + (range[0] + dt / 2) * dy;
		double z = a[2] + 1 + (range[0] + dt / 2) * dz;
		final double ix = dt * dx, iy = dt * dy, iz = dt * dz;
		final int px = nx + 2, pxy = px * (ny + 2);
		double sum = 0;
		for (int k = 0; k < steps; k++, x += ix, y += iy, z += iz) {
			int i = (int) x, j = (int) y, l = (int) z; // floor: coordinates ≥ 0
			double fx = x - i, fy = y - j, fz = z - l;
			if (i > nx) { i = nx; fx = 1; }
			if (j > ny) { j = ny; fy = 1; }
			if (l > nz) { l = nz; fz = 1; }
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
}
