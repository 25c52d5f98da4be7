package org.bonexr.drr;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.drr.DrrTrilinearJava;

/**
 * Fixed-step ray marching with trilinear interpolation: the volume is the
 * trilinear interpolant of the voxel values (voxel centres at integer index
 * coordinates, zero beyond the outer voxel centres' neighbours), and the ray's
 * stretch through its support (the volume grown by one voxel centre spacing)
 * is integrated by the midpoint rule with the largest step ≤ {@code stepMm}
 * that divides it evenly. Summed over all rays of a parallel beam this
 * conserves the volume's integral exactly in the limit of fine detector
 * sampling (each voxel's hat function integrates to the voxel volume). Rays run
 * in parallel over detector rows. The ray integral itself is
 * {@link DrrTrilinearJava}, the Java twin of the OpenCL kernel
 * {@code org.bonexr.kernels.drr.DrrTrilinear} (conventions stated there).
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
		final double[] rays = geometry.rays(volume).toIndex(volume).coefficients();
		final int[] n = volume.dims();
		final int[] lo = volume.nonZeroMin(), hi = volume.nonZeroMax();
		final double[] s = volume.spacingMm();
		final float[] v = volume.paddedValues();
		final int cols = geometry.columns();
		final double scale = volume.unit().perVoxelUnitMm();
		final float[] out = new float[cols * geometry.rows()];
		RowTasks.forEachRow(geometry.rows(), threads, row -> DrrTrilinearJava
			.projectRow(v, n, lo, hi, s, rays, cols, row, stepMm, scale, out));
		return new Drr(out, geometry, volume.unit());
	}
}
