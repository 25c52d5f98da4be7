package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.scijava.log.StderrLogService;

/**
 * Guard for tests that need an OpenCL device. Without one they are skipped
 * (a user's machine without OpenCL), except in CI (environment variable
 * {@code CI=true}), where a missing device is a failure: CI installs PoCL.
 * Shared with other modules through the test-jar.
 */
public final class OpenClTestSupport {

	private OpenClTestSupport() {}

	/**
	 * @return the name of the first OpenCL device (the one the default backend
	 *         uses)
	 */
	public static String requireDevice() {
		final List<String> devices = ComputeBackend.openClDeviceNames();
		if (devices.isEmpty()) {
			final String message = "No OpenCL device found (CLIJ2 sees none). Install an OpenCL runtime, e.g. " +
				"Debian's pocl-opencl-icd ocl-icd-opencl-dev; `clinfo -l` lists the devices.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true: " + message);
			Assumptions.abort(message);
		}
		return devices.get(0);
	}

	/**
	 * @return a backend on the first OpenCL device (skips or fails as
	 *         {@link #requireDevice}); the caller closes it
	 */
	public static ComputeBackend requireBackend() {
		final String device = requireDevice();
		final ComputeBackend backend = new ComputeBackend(device,
			new StderrLogService());
		if (!backend.isOpenCL()) {
			backend.close();
			fail("expected OpenCL on '" + device + "', got " + backend.backend());
		}
		return backend;
	}

	/**
	 * Fails when the backend no longer runs on its OpenCL device: after a
	 * kernel build failure it falls back to the Java twins, and an equivalence
	 * test would then compare Java with Java.
	 */
	public static void assertStillOnDevice(final ComputeBackend backend) {
		assertTrue(backend.isOpenCL(), "the operation left the OpenCL device: " + backend.backend());
	}
}
