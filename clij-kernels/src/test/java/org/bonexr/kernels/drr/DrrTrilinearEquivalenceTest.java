package org.bonexr.kernels.drr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonexr.kernels.OpenClContext;
import org.bonexr.kernels.OpenClTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL trilinear DRR kernel against its Java twin on the first OpenCL
 * device (PoCL here and in CI; skipped without a device unless CI=true).
 * Measure: max |OpenCL − Java| over all pixels, relative to the Java image's
 * maximum. Bound: 1e-4 (single-precision positions and sums over ~100–300
 * samples per ray, under CLIJ's relaxed-math build options).
 */
class DrrTrilinearEquivalenceTest {

	static final double TOLERANCE = 1e-4;
	static final int[] DIMS = { 40, 36, 30 };
	static final double[] SPACING = { 1.0, 1.2, 1.5 };

	private static OpenClContext cl;

	@BeforeAll
	static void openDevice() {
		cl = OpenClContext.open(OpenClTestSupport.requireDevice());
	}

	@AfterAll
	static void closeDevice() {
		if (cl != null) cl.close();
	}

	/** Padded volume: a textured ellipsoid (sharp edges) on a smooth background. */
	static float[] phantom() {
		final int px = DIMS[0] + 2, py = DIMS[1] + 2;
		final float[] v = new float[px * py * (DIMS[2] + 2)];
		for (int k = 0; k < DIMS[2]; k++)
			for (int j = 0; j < DIMS[1]; j++)
				for (int i = 0; i < DIMS[0]; i++) {
					final double r = sq((i - 19.5) / 15) + sq((j - 17) / 13) + sq((k -
						14) / 11);
					final double bg = 0.01 * (1 + Math.sin(i / 5.0) * Math.cos(k / 4.0));
					v[(k + 1) * px * py + (j + 1) * px + i + 1] = (float) (bg + (r <= 1
						? 0.03 * (1 + 0.3 * Math.cos(j / 3.0)) : 0));
				}
		return v;
	}

	private static double sq(final double x) {
		return x * x;
	}

	@Test
	void coneRaysMatchJavaTwin() {
		// source left of the volume, detector plane right of it, index coordinates
		final double[] rays = { -300, 17, 14, 0, 0, 0, 0, 0, 0, //
			200, -40, -35, 0, 1.1, 0, 0, 0, 1.0 };
		assertTwinsAgree(rays, 80, 70, 0.5);
	}

	@Test
	void obliqueParallelRaysMatchJavaTwin() {
		final double[] rays = { -60, -50, -10, 0.7, 0.4, 0, 0, 0.1, 0.8, //
			100, 120, 40, 0.7, 0.4, 0, 0, 0.1, 0.8 };
		assertTwinsAgree(rays, 64, 60, 0.8);
	}

	private static void assertTwinsAgree(final double[] rays, final int cols,
		final int rows, final double stepMm)
	{
		final float[] padded = phantom();
		// the whole grid, and a smaller box (both twins then ignore the voxels outside it)
		for (final int[][] box : new int[][][] { { { 0, 0, 0 }, { DIMS[0] - 1,
			DIMS[1] - 1, DIMS[2] - 1 } }, { { 1, 1, 2 }, { 38, 34, 27 } } })
		{
			final float[] java = DrrTrilinearJava.project(padded, DIMS, box[0], box[1],
				SPACING, rays, cols, rows, stepMm, 1);
			final float[] opencl = DrrTrilinear.project(cl, padded, DIMS, box[0],
				box[1], SPACING, new double[][] { rays }, new int[] { cols }, new int[] {
					rows }, stepMm, 1)[0];
			assertAgree(java, opencl);
		}
	}

	private static void assertAgree(final float[] java, final float[] opencl) {
		double max = 0, maxDiff = 0;
		int nonZero = 0;
		for (int i = 0; i < java.length; i++) {
			max = Math.max(max, Math.abs(java[i]));
			maxDiff = Math.max(maxDiff, Math.abs(java[i] - opencl[i]));
			if (java[i] > 0) nonZero++;
		}
		assertTrue(nonZero > java.length / 3, "rays must cross the phantom: " +
			nonZero);
		assertTrue(maxDiff <= TOLERANCE * max, "max |OpenCL − Java| = " + maxDiff +
			" vs max " + max + " on " + cl.deviceName());
	}
}
