package org.bonexr.drr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.OpenClContext;
import org.bonexr.kernels.drr.DrrTrilinear;

/**
 * The {@link TrilinearProjector} on an OpenCL device through CLIJ2
 * ({@link DrrTrilinear}); the same image within 1e-4 of its maximum. The
 * caller owns the {@link OpenClContext} ({@code OpenClContext.open(name)},
 * closed when done). Each call uploads the volume once: project several
 * views of one volume with {@link #projectAll}.
 */
public final class OpenClTrilinearProjector implements Projector {

	private final OpenClContext cl;
	private final double stepMm;

	/** Step {@code stepMm} (mm, &gt; 0) on the device of {@code cl}. */
	public OpenClTrilinearProjector(final OpenClContext cl, final double stepMm) {
		if (!(stepMm > 0) || Double.isInfinite(stepMm)) {
			throw new BoneXRException("The ray-marching step " + stepMm +
				" mm is not valid.", "Give a positive step in mm, e.g. half the voxel size.");
		}
		this.cl = cl;
		this.stepMm = stepMm;
	}

	@Override
	public String description() {
		return "trilinear ray marching, step " + stepMm + " mm, OpenCL on " + cl
			.deviceName();
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
		final float[][] out = DrrTrilinear.project(cl, volume.paddedValues(), volume
			.dims(), volume.nonZeroMin(), volume.nonZeroMax(), volume.spacingMm(), rays, cols, rows, stepMm, volume.unit()
				.perVoxelUnitMm());
		final List<Drr> drrs = new ArrayList<>();
		for (int i = 0; i < n; i++)
			drrs.add(new Drr(out[i], geometries.get(i), volume.unit()));
		return drrs;
	}
}
