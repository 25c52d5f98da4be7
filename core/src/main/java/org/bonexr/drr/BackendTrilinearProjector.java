package org.bonexr.drr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.drr.DrrTrilinear;

/**
 * The {@link TrilinearProjector}'s ray marching run by a {@link ComputeBackend}:
 * on its OpenCL device through CLIJ2 ({@link DrrTrilinear}; the same image
 * within 1e-4 of its maximum) or, where there is none, on the Java twin (the
 * same image as {@link TrilinearProjector}). In a SciJava context, take the
 * backend from {@code ComputeBackendService.compute()}; it chooses the device
 * and logs the one line saying which. Each call uploads the volume once:
 * project several views of one volume with {@link #projectAll}.
 */
public final class BackendTrilinearProjector implements Projector {

	private final ComputeBackend backend;
	private final double stepMm;

	/** Step {@code stepMm} (mm, &gt; 0) on {@code backend}. */
	public BackendTrilinearProjector(final ComputeBackend backend,
		final double stepMm)
	{
		if (!(stepMm > 0) || Double.isInfinite(stepMm)) {
			throw new BoneXRException("The ray-marching step " + stepMm +
				" mm is not valid.", "Give a positive step in mm, e.g. half the voxel size.");
		}
		this.backend = Objects.requireNonNull(backend, "compute backend");
		this.stepMm = stepMm;
	}

	@Override
	public String description() {
		return "trilinear ray marching, step " + stepMm + " mm, " + backend
			.backend().name();
	}

	@Override
	public Drr project(final ProjectionVolume volume,
		final ProjectionGeometry geometry)
	{
		return projectAll(volume, Collections.singletonList(geometry)).get(0);
	}

	/** One DRR per geometry, the volume uploaded once. */
	public List<Drr> projectAll(final ProjectionVolume volume,
		final List<? extends ProjectionGeometry> geometries)
	{
		final int n = geometries.size();
		final double[][] rays = new double[n][];
		final int[] cols = new int[n], rows = new int[n];
		for (int i = 0; i < n; i++) {
			final ProjectionGeometry g = geometries.get(i);
			rays[i] = g.rays(volume).toIndex(volume).coefficients();
			cols[i] = g.columns();
			rows[i] = g.rows();
		}
		final float[][] out = backend.drrTrilinear(volume.paddedValues(), volume
			.dims(), volume.nonZeroMin(), volume.nonZeroMax(), volume.spacingMm(),
			rays, cols, rows, stepMm, volume.unit().perVoxelUnitMm());
		final List<Drr> drrs = new ArrayList<>();
		for (int i = 0; i < n; i++)
			drrs.add(new Drr(out[i], geometries.get(i), volume.unit()));
		return drrs;
	}
}
