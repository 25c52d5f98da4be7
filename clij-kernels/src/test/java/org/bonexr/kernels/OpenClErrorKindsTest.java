package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.haesleinhuepf.clij.clearcl.exceptions.OpenCLException;

import org.junit.jupiter.api.Test;

/**
 * Which device errors {@link ComputeBackend} answers with its Java twins: out
 * of memory (smaller blocks, then Java) and a kernel that cannot be built
 * (Java for the rest of the session); anything else is rethrown. No device
 * needed: the exceptions are made here as CLIJ makes them (the probe JVM of
 * {@link KernelBuildFailureTest} shows CLIJ2's real one).
 */
class OpenClErrorKindsTest {

	@Test
	void buildErrorCodesAreKernelBuildFailuresAlsoAsCauses() {
		for (final int code : new int[] { -3, -11, -44, -45 }) {
			assertTrue(OpenClContext.isKernelBuildFailure(new OpenCLException(code)), "code " + code);
			assertTrue(OpenClContext.isKernelBuildFailure(new RuntimeException("wrapped", new OpenCLException(
				code))), "wrapped code " + code);
			assertFalse(OpenClContext.isOutOfMemory(new OpenCLException(code)), "code " + code);
		}
	}

	@Test
	void outOfMemoryAndOtherCodesAreNotBuildFailures() {
		for (final int code : new int[] { -4, -5, -6, -61 }) {
			assertFalse(OpenClContext.isKernelBuildFailure(new OpenCLException(code)), "code " + code);
			assertTrue(OpenClContext.isOutOfMemory(new OpenCLException(code)), "code " + code);
		}
		assertFalse(OpenClContext.isKernelBuildFailure(new OpenCLException(-30)), "CL_INVALID_VALUE");
	}

	/** CLIJ2 fails inside its own code when the kernel it could not create is null. */
	@Test
	void aNullPointerExceptionInsideClijIsABuildFailureOneInOursIsNot() {
		final NullPointerException inClij = new NullPointerException("kernel is null");
		inClij.setStackTrace(new StackTraceElement[] { new StackTraceElement("net.haesleinhuepf.clij2.CLIJ2",
			"execute", "CLIJ2.java", 537) });
		assertTrue(OpenClContext.isKernelBuildFailure(inClij));
		final NullPointerException inOurs = new NullPointerException("a bug of ours");
		inOurs.setStackTrace(new StackTraceElement[] { new StackTraceElement("org.bonexr.kernels.ChannelAffine",
			"channelAffine", "ChannelAffine.java", 56) });
		assertFalse(OpenClContext.isKernelBuildFailure(inOurs));
		final NullPointerException withoutTrace = new NullPointerException();
		withoutTrace.setStackTrace(new StackTraceElement[0]);
		assertFalse(OpenClContext.isKernelBuildFailure(withoutTrace));
	}
}
