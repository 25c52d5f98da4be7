package org.bonexr.kernels.drr;

import java.util.HashMap;
import java.util.Map;

import net.haesleinhuepf.clij.clearcl.ClearCLBuffer;
import net.haesleinhuepf.clij2.CLIJ2;

import org.bonexr.kernels.OpenClContext;

/**
 * OpenCL DRR by trilinear ray marching, kernel {@code drr_project.cl} next to
 * this class; one work item per detector pixel. Conventions (padded volume,
 * index coordinates, ray coefficients, midpoint rule) and Java twin:
 * {@link DrrTrilinearJava}. The kernel works in single precision and computes
 * each sample position directly from the ray parameter (no accumulated
 * increments); against the twin, pixels agree within 1e-4 of the image's
 * maximum (see {@code DrrTrilinearEquivalenceTest}).
 */
public final class DrrTrilinear {

	static final String KERNEL_FILE = "drr_project.cl";
	static final String KERNEL_NAME = "drr_project_trilinear";

	private DrrTrilinear() {}

	/**
	 * CLIJ2-style entry point on buffers already on the device.
	 *
	 * @param clij2 the CLIJ2 instance owning the buffers
	 * @param paddedVolume float buffer (nx+2, ny+2, nz+2), zero padding
	 * @param rays float buffer of the 18 ray coefficients
	 * @param drr float buffer (columns, rows) receiving the DRR
	 * @param dims nx, ny, nz
	 * @param lo smallest x, y, z index of a non-zero voxel
	 * @param hi largest x, y, z index of a non-zero voxel
	 * @param spacingMm sx, sy, sz
	 * @param stepMm largest marching step, mm
	 * @param scale factor applied to ∫ f dl
	 * @return true (CLIJ2 convention)
	 */
	public static boolean drrProjectTrilinear(final CLIJ2 clij2,
		final ClearCLBuffer paddedVolume, final ClearCLBuffer rays,
		final ClearCLBuffer drr, final int[] dims, final int[] lo, final int[] hi,
		final double[] spacingMm, final double stepMm, final double scale)
	{
		final Map<String, Object> p = new HashMap<>();
		p.put("vol", paddedVolume);
		p.put("rays", rays);
		p.put("drr", drr);
		p.put("nx", dims[0]);
		p.put("ny", dims[1]);
		p.put("nz", dims[2]);
		p.put("lox", lo[0]);
		p.put("loy", lo[1]);
		p.put("loz", lo[2]);
		p.put("hix", hi[0]);
		p.put("hiy", hi[1]);
		p.put("hiz", hi[2]);
		p.put("sx", (float) spacingMm[0]);
		p.put("sy", (float) spacingMm[1]);
		p.put("sz", (float) spacingMm[2]);
		p.put("step_mm", (float) stepMm);
		p.put("scale", (float) scale);
		final long[] size = { drr.getWidth(), drr.getHeight() };
		clij2.execute(DrrTrilinear.class, KERNEL_FILE, KERNEL_NAME, size, size, p);
		return true;
	}

	/**
	 * Uploads the volume once, projects it along each ray family in turn,
	 * downloads the DRRs and releases the buffers, holding the context's lock
	 * throughout (see {@link OpenClContext}). Arguments as in
	 * {@link DrrTrilinearJava#project}, one ray family and detector size per
	 * image.
	 *
	 * @return one DRR per ray family
	 */
	public static float[][] project(final OpenClContext cl, final float[] padded,
		final int[] dims, final int[] lo, final int[] hi, final double[] spacingMm, final double[][] rays,
		final int[] columns, final int[] rows, final double stepMm,
		final double scale)
	{
		synchronized (cl) {
			return projectLocked(cl, padded, dims, lo, hi, spacingMm, rays, columns,
				rows, stepMm, scale);
		}
	}

	private static float[][] projectLocked(final OpenClContext cl,
		final float[] padded, final int[] dims, final int[] lo, final int[] hi,
		final double[] spacingMm, final double[][] rays, final int[] columns,
		final int[] rows, final double stepMm, final double scale)
	{
		final CLIJ2 clij2 = cl.clij2();
		final float[][] out = new float[rays.length][];
		ClearCLBuffer vol = null, rayBuffer = null, drr = null;
		try {
			vol = cl.push(padded, dims[0] + 2, dims[1] + 2, dims[2] + 2);
			for (int r = 0; r < rays.length; r++) {
				final float[] rayFloats = new float[18];
				for (int i = 0; i < 18; i++)
					rayFloats[i] = (float) rays[r][i];
				rayBuffer = cl.push(rayFloats, 18);
				drr = cl.push(new float[columns[r] * rows[r]], columns[r], rows[r]);
				drrProjectTrilinear(clij2, vol, rayBuffer, drr, dims, lo, hi, spacingMm,
					stepMm, scale);
				out[r] = cl.pull(drr);
				clij2.release(rayBuffer);
				clij2.release(drr);
				rayBuffer = drr = null;
			}
			return out;
		}
		finally {
			for (final ClearCLBuffer b : new ClearCLBuffer[] { vol, rayBuffer, drr })
				if (b != null) clij2.release(b);
		}
	}
}
