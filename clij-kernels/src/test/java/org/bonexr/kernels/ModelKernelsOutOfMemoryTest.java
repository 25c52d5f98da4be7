package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model runtime's kernels when the OpenCL device runs out of memory, in a
 * separate JVM that sees PoCL's CPU device limited to 1 GiB
 * ({@code POCL_MEMORY_LIMIT=1}: the largest buffer is then 256 MiB), a real
 * device limit as in {@code OpenClOutOfMemoryTest}:
 * <ul>
 * <li>normalising a 5 × 3000 × 4600 stack (276 MB per buffer) fails as a
 * whole with CL_INVALID_BUFFER_SIZE, is retried in blocks of half the rows
 * (one warning), stays on the device and equals the Java twin within the
 * usual 1e-6;</li>
 * <li>tile sums of a 5 × 3000 × 4600 output (276 MB) cannot be allocated: the
 * blending runs in the Java twin (one warning) and gives exactly its
 * result.</li>
 * </ul>
 * Needs a PoCL device (skipped without one, failing under {@code CI=true}).
 */
class ModelKernelsOutOfMemoryTest {

	@Test
	void normalisationRetriesInBlocksAndTileSumsFallBackToJava(@TempDir final Path tmp) throws Exception {
		final PoclLimitedJvm.Output out = PoclLimitedJvm.run(Probe.class, tmp);
		final List<String> warnings = out.warnings;
		final List<String> lines = out.lines;
		final String all = out.all;
		assertEquals(2, warnings.size(), all);
		assertTrue(warnings.get(0).contains("ran out of memory for 15000 rows") && warnings.get(0).contains(
			"CL_INVALID_BUFFER_SIZE") && warnings.get(0).contains("blocks of 7500 rows"), warnings.get(0));
		assertTrue(warnings.get(1).contains("tile sums of a 5 x 3000 x 4600 output") && warnings.get(1).contains(
			"runs in Java"), warnings.get(1));
		assertTrue(lines.contains("openCL=true"), all);
		final double difference = out.number("difference");
		System.out.println("normalisation in row blocks, OpenCL vs Java: max relative difference " + difference);
		assertTrue(difference <= 1e-6, "OpenCL vs Java: " + difference);
		assertTrue(lines.contains("blendEqualsJava=true"), all);
	}

	/** Runs in the probe JVM. */
	public static final class Probe {

		private static final int C = 5, H = 3000, W = 4600;

		public static void main(final String[] args) {
			try (ComputeBackend backend = new ComputeBackend("")) {
				final Random r = new Random(3);
				final float[] stack = new float[C * H * W];
				for (int i = 0; i < stack.length; i++) stack[i] = (float) (5 * r.nextDouble());
				final ChannelAffineParameters p = new ChannelAffineParameters(new double[] { 1, 2, 3, 4, 5 },
					new double[] { 0.5, 0.25, 2, 3, 1.5 }, new double[5]);
				final float[] twin = stack.clone();
				ChannelAffineJava.applyInPlace(twin, H * W, p);
				backend.channelAffineInPlace(stack, W, H, p);
				System.out.println("openCL=" + backend.isOpenCL());
				System.out.println("difference=" + ImageComparison.maxRelativeDifference(FloatImages.wrap(stack, W, H,
					C), FloatImages.wrap(twin, W, H, C)));
				System.out.println("blendEqualsJava=" + blendEqualsJava(backend, stack));
			}
		}

		/** Two tiles of the whole output overlapping in the middle third; the sums had to leave the device. */
		private static boolean blendEqualsJava(final ComputeBackend backend, final float[] values) {
			final TileAccumulator accumulator = backend.tileAccumulator(C, H, W);
			return TestImages.twoTilesBlendLikeJava(accumulator, values, C, H, W) && !accumulator.onDevice();
		}
	}
}
