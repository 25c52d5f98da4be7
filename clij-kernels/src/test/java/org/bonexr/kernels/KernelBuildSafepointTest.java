package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PoCL builds kernels with LLVM, which replaces the JVM's SIGSEGV handler
 * with its own; the JVM stops running threads at a safepoint through a
 * SIGSEGV, so a safepoint during a kernel build killed the JVM (exit 139,
 * two of three probe runs). The build's test JVMs preload HotSpot's
 * signal-chaining library (pom.xml: LD_PRELOAD), which the probe's JVM
 * inherits: it must survive {@value KernelBuildsUnderSafepointsProbe#BUILDS}
 * uncached kernel builds under constant safepoints.
 */
class KernelBuildSafepointTest {

	@Test
	void kernelBuildsDoNotKillTheJvmAtASafepoint(@TempDir final Path tmp) throws Exception {
		final PoclLimitedJvm.Output out = PoclLimitedJvm.run(KernelBuildsUnderSafepointsProbe.class, tmp,
			"POCL_KERNEL_CACHE", "0");
		assertEquals(KernelBuildsUnderSafepointsProbe.BUILDS, (int) out.number("builds"), out.all);
	}
}
