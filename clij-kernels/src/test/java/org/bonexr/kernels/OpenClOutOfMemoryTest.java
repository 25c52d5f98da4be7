package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.kernels.drr.DrrTrilinearJava;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCL device runs out of memory. A separate JVM sees PoCL's CPU device
 * limited to 1 GiB ({@code POCL_MEMORY_LIMIT=1}: the largest buffer is then
 * 256 MiB), a real device limit, not a simulated exception:
 * <ul>
 * <li>the attenuation transform of an 8200 × 8200 image (two 269 MB buffers)
 * fails as a whole with CL_INVALID_BUFFER_SIZE, is retried in blocks of half
 * the rows (one warning), stays on the device and equals the Java twin within
 * the usual 1e-5;</li>
 * <li>a DRR of a 410³ volume (275 MB) cannot be uploaded and runs on the Java
 * twin (one warning), giving exactly the twin's result.</li>
 * </ul>
 * Needs a PoCL device (skipped without one, failing under {@code CI=true}).
 */
class OpenClOutOfMemoryTest {

	@Test
	void retriesWithSmallerBlocksThenFallsBackToJava(@TempDir final Path tmp) throws Exception {
		final PoclLimitedJvm.Output out = PoclLimitedJvm.run(Probe.class, tmp);
		final List<String> warnings = out.warnings;
		final List<String> lines = out.lines;
		final String all = out.all;
		assertEquals(2, warnings.size(), all);
		assertTrue(warnings.get(0).contains("ran out of memory for 8200 rows") && warnings.get(0).contains(
			"CL_INVALID_BUFFER_SIZE") && warnings.get(0).contains("blocks of 4100 rows"), warnings.get(0));
		assertTrue(warnings.get(1).contains("does not fit the OpenCL device") && warnings.get(1).contains(
			"run in Java"), warnings.get(1));
		assertTrue(lines.contains("openCL=true"), all);
		final double difference = out.number("difference");
		assertTrue(difference <= 1e-5, "OpenCL vs Java: " + difference);
		assertTrue(lines.contains("drrEqualsJava=true"), all);
	}

	/** Runs in the probe JVM. */
	public static final class Probe {

		public static void main(final String[] args) {
			try (ComputeBackend backend = new ComputeBackend("")) {
				final AttenuationParameters p = new AttenuationParameters(20000, 1, 0.4, 1.2);
				final Img<FloatType> in = TestImages.radiograph(20000, 7, 8200, 8200);
				final Img<FloatType> out = backend.attenuation(in, p);
				System.out.println("openCL=" + backend.isOpenCL());
				System.out.println("difference=" + ImageComparison.maxRelativeDifference(out, AttenuationTransformJava
					.attenuation(in, p)));
				System.out.println("drrEqualsJava=" + drrEqualsJava(backend));
			}
		}

		private static boolean drrEqualsJava(final ComputeBackend backend) {
			final int n = 410;
			final int[] dims = { n, n, n };
			final float[] padded = new float[(n + 2) * (n + 2) * (n + 2)];
			for (int z = 100; z < 300; z++)
				for (int y = 150; y < 250; y++)
					for (int x = 120; x < 280; x++)
						padded[((z + 1) * (n + 2) + y + 1) * (n + 2) + x + 1] = 1;
			final int[] lo = { 120, 150, 100 };
			final int[] hi = { 279, 249, 299 };
			final double[] spacing = { 1, 1, 1 };
			// Parallel rays along z in index coordinates, from (6.4u, 6.4v, -10) to (6.4u, 6.4v, 420).
			final double[] ray = { 0, 0, -10, 6.4, 0, 0, 0, 6.4, 0, 0, 0, 420, 6.4, 0, 0, 0, 6.4, 0 };
			final int side = 64;
			final double[][] rays = { ray };
			final float[] drr = backend.drrTrilinear(padded, dims, lo, hi, spacing, rays, new int[] { side },
				new int[] { side }, 0.5, 1)[0];
			final float[] twin = new float[side * side];
			for (int v = 0; v < side; v++)
				DrrTrilinearJava.projectRow(padded, dims, lo, hi, spacing, ray, side, v, 0.5, 1, twin);
			double sum = 0;
			for (final float f : drr) sum += f;
			assertArrayEquals(twin, drr);
			return sum > 0;
		}
	}
}
