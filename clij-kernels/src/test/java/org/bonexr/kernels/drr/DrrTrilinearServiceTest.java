package org.bonexr.kernels.drr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.kernels.OpenClTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;

/**
 * {@link ComputeBackendService#drrTrilinear} in a real SciJava context: on
 * the first OpenCL device (PoCL here and in CI; skipped without a device
 * unless CI=true) it matches the single-threaded Java twin within 1e-4 of the
 * image maximum for two views at once (volume uploaded once); with device
 * {@code cpu} it is the Java twin bit for bit. One log line per backend
 * choice.
 */
class DrrTrilinearServiceTest {

	/** A cone view (source left of the volume) and an oblique parallel view, index coordinates. */
	private static final double[][] RAYS = { { -300, 17, 14, 0, 0, 0, 0, 0, 0,
		200, -40, -35, 0, 1.1, 0, 0, 0, 1.0 }, { -60, -50, -10, 0.7, 0.4, 0, 0,
			0.1, 0.8, 100, 120, 40, 0.7, 0.4, 0, 0, 0.1, 0.8 } };
	private static final int[] COLS = { 80, 64 }, ROWS = { 70, 60 };
	private static final int[] LO = { 0, 0, 0 }, HI = { 39, 35, 29 };
	private static final double STEP_MM = 0.6, SCALE = 2.5;

	@Test
	void serviceProjectsOnTheDeviceAndOnJava() {
		final String device = OpenClTestSupport.requireDevice();
		Assumptions.assumeTrue(System.getProperty(
			ComputeBackend.DEVICE_PROPERTY) == null,
			"bonexr.device is set; this test checks the default choice");
		final float[] padded = DrrTrilinearEquivalenceTest.phantom();
		final float[] before = padded.clone();
		final int[] dims = DrrTrilinearEquivalenceTest.DIMS;
		final double[] spacing = DrrTrilinearEquivalenceTest.SPACING;
		final Context context = new Context(ComputeBackendService.class);
		try {
			final List<LogMessage> lines = new CopyOnWriteArrayList<>();
			context.service(LogService.class).addLogListener(lines::add);
			final ComputeBackendService service = context.service(
				ComputeBackendService.class);

			final float[][] opencl = service.drrTrilinear(padded, dims, LO, HI,
				spacing, RAYS, COLS, ROWS, STEP_MM, SCALE);
			assertTrue(service.isOpenCL());
			assertEquals(1, lines.size(), lines.toString());
			assertTrue(lines.get(0).text().contains(device), lines.get(0).text());

			service.selectDevice(ComputeBackend.CPU);
			final float[][] java = service.drrTrilinear(padded, dims, LO, HI,
				spacing, RAYS, COLS, ROWS, STEP_MM, SCALE);
			assertFalse(service.isOpenCL());
			assertEquals(2, lines.size(), lines.toString());

			for (int r = 0; r < RAYS.length; r++) {
				final float[] twin = DrrTrilinearJava.project(padded, dims, LO, HI,
					spacing, RAYS[r], COLS[r], ROWS[r], STEP_MM, SCALE);
				assertArrayEquals(twin, java[r], 0f, "Java path = twin, view " + r);
				double max = 0, maxDiff = 0;
				int nonZero = 0;
				for (int i = 0; i < twin.length; i++) {
					max = Math.max(max, Math.abs(twin[i]));
					maxDiff = Math.max(maxDiff, Math.abs(twin[i] - opencl[r][i]));
					if (twin[i] > 0) nonZero++;
				}
				assertTrue(nonZero > twin.length / 3, "rays must cross the phantom");
				assertTrue(maxDiff <= DrrTrilinearEquivalenceTest.TOLERANCE * max,
					"view " + r + ": max |OpenCL − Java| = " + maxDiff + " vs max " +
						max);
			}
			assertArrayEquals(before, padded, 0f, "input volume unchanged");
		}
		finally {
			context.dispose();
		}
	}
}
