package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.kernels.drr.DrrTrilinearJava;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernels that cannot be built on the OpenCL device: a probe JVM sees PoCL
 * with an option its compiler rejects ({@code POCL_EXTRA_BUILD_FLAGS}), so
 * every kernel build fails, as it does when the compiler is broken or was
 * disturbed. CLIJ2 then fails with a NullPointerException of its own. Each
 * of four backends starts with another operation (normalisation, tile
 * blending, attenuation, DRR); each must give exactly the Java twin's result,
 * warn once naming the operation and the fix, and run its later operations in
 * Java without another warning.
 * Needs a PoCL device (skipped without one, failing under {@code CI=true}).
 */
class KernelBuildFailureTest {

	private static final String[] OPERATIONS = { "the normalisation", "the tile blending",
		"the attenuation transform", "the DRR projection" };

	@Test
	void everyOperationFallsBackToItsJavaTwinWithOneWarning(@TempDir final Path tmp) throws Exception {
		final PoclLimitedJvm.Output out = PoclLimitedJvm.run(Probe.class, tmp, "POCL_EXTRA_BUILD_FLAGS",
			"--no-such-flag");
		assertEquals(OPERATIONS.length, out.warnings.size(), String.join("\n", out.warnings));
		for (int k = 0; k < OPERATIONS.length; k++) {
			final String w = out.warnings.get(k);
			assertTrue(w.contains("an OpenCL kernel for " + OPERATIONS[k] + " could not be built") && w.contains(
				"libjsig.so") && w.contains("run in Java"), w);
			assertTrue(out.lines.contains(k + ": equalsJava=true"), out.all);
			assertTrue(out.lines.contains(k + ": laterEqualsJava=true"), out.all);
			assertTrue(out.lines.contains(k + ": openCL=false"), out.all);
		}
	}

	/** Runs in the probe JVM; one backend per operation that goes first. */
	public static final class Probe {

		private static final int C = 3, H = 40, W = 50;

		public static void main(final String[] args) {
			for (int k = 0; k < OPERATIONS.length; k++) {
				try (ComputeBackend backend = new ComputeBackend("")) {
					if (!backend.isOpenCL()) throw new IllegalStateException("no OpenCL device: " + backend);
					System.out.println(k + ": equalsJava=" + run(k, backend));
					System.out.println(k + ": laterEqualsJava=" + run((k + 1) % OPERATIONS.length, backend));
					System.out.println(k + ": openCL=" + backend.isOpenCL());
				}
			}
		}

		private static boolean run(final int operation, final ComputeBackend backend) {
			switch (operation) {
				case 0:
					return normalisation(backend);
				case 1:
					return tileBlending(backend);
				case 2:
					return attenuation(backend);
				default:
					return drr(backend);
			}
		}

		private static float[] stack() {
			final Random r = new Random(5);
			final float[] s = new float[C * H * W];
			for (int i = 0; i < s.length; i++) s[i] = (float) (4 * r.nextDouble());
			return s;
		}

		private static boolean normalisation(final ComputeBackend backend) {
			final ChannelAffineParameters p = new ChannelAffineParameters(new double[] { 1, 2, 0.5 }, new double[] {
				0.5, 2, 3 }, new double[] { 0, 1, -1 });
			final float[] device = stack(), twin = stack();
			backend.channelAffineInPlace(device, W, H, p);
			ChannelAffineJava.applyInPlace(twin, H * W, p);
			return Arrays.equals(device, twin);
		}

		private static boolean tileBlending(final ComputeBackend backend) {
			return TestImages.twoTilesBlendLikeJava(backend.tileAccumulator(C, H, W), stack(), C, H, W);
		}

		private static boolean attenuation(final ComputeBackend backend) {
			final Img<FloatType> intensity = TestImages.radiograph(20000, 7, W, H);
			final AttenuationParameters p = new AttenuationParameters(20000, 1, 0, 1);
			return Arrays.equals(FloatImages.toArray(backend.attenuation(intensity, p)), FloatImages.toArray(
				AttenuationTransformJava.attenuation(intensity, p)));
		}

		/** Rays along z through a cube of ones (8³ voxels). */
		private static boolean drr(final ComputeBackend backend) {
			final int n = 8, p = n + 2;
			final float[] padded = new float[p * p * p];
			for (int z = 1; z <= n; z++)
				for (int y = 1; y <= n; y++)
					for (int x = 1; x <= n; x++)
						padded[(z * p + y) * p + x] = 1;
			final int[] dims = { n, n, n }, lo = { 0, 0, 0 }, hi = { n - 1, n - 1, n - 1 };
			final double[] spacing = { 1, 1, 1 };
			final double[] rays = { 0, 0, -5, 1, 0, 0, 0, 1, 0, 0, 0, n + 4, 1, 0, 0, 0, 1, 0 };
			final float[] device = backend.drrTrilinear(padded, dims, lo, hi, spacing, new double[][] { rays },
				new int[] { n }, new int[] { n }, 0.5, 1)[0];
			return Arrays.equals(device, DrrTrilinearJava.project(padded, dims, lo, hi, spacing, rays, n, n, 0.5, 1));
		}
	}
}
