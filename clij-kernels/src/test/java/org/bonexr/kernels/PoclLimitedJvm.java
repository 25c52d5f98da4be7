package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a probe class in a separate JVM that sees PoCL's CPU device limited to
 * 1 GiB ({@code POCL_MEMORY_LIMIT=1}; its largest buffer is then 256 MiB): a
 * real device limit for out-of-memory tests; or with another PoCL setting in
 * its environment; the probe runs through {@link ProbeMain}, which ends the
 * JVM when it is done. Skips without a PoCL device
 * (fails under {@code CI=true} without any device, see
 * {@link OpenClTestSupport}).
 */
final class PoclLimitedJvm {

	/** What the probe printed and the backend's warning lines among it. */
	static final class Output {

		final List<String> lines;
		final List<String> warnings;
		final String all;

		private Output(final List<String> lines) {
			this.lines = lines;
			this.all = String.join("\n", lines);
			this.warnings = lines.stream().filter(l -> l.contains(ComputeBackend.LOG_PREFIX) && l.contains("WARN"))
				.collect(Collectors.toList());
		}

		/** @return the number printed as {@code key=value} */
		double number(final String key) {
			return Double.parseDouble(lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow(
				() -> new AssertionError(all)).substring(key.length() + 1));
		}
	}

	private PoclLimitedJvm() {}

	/**
	 * @param probe a class with a main method, on the test class path
	 * @param tmp a folder for the probe's output
	 * @return its output; asserts it finished with exit code 0
	 */
	static Output run(final Class<?> probe, final Path tmp) throws IOException, InterruptedException {
		return run(probe, tmp, "POCL_MEMORY_LIMIT", "1");
	}

	/**
	 * @param probe a class with a main method, on the test class path
	 * @param tmp a folder for the probe's output
	 * @param variable an environment variable for the probe (a PoCL setting)
	 * @param value its value
	 * @return its output; asserts it finished with exit code 0
	 */
	static Output run(final Class<?> probe, final Path tmp, final String variable, final String value)
		throws IOException, InterruptedException
	{
		final String device = OpenClTestSupport.requireDevice();
		Assumptions.assumeTrue(device.startsWith("pthread") || device.toLowerCase().contains("cpu"),
			"the probe needs PoCL's CPU device, the first device here is " + device);
		final String classPath = System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path"));
		final ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx2500m", "-Djava.awt.headless=true", "-cp", classPath, ProbeMain.class.getName(), probe
				.getName());
		pb.environment().put(variable, value);
		pb.redirectErrorStream(true);
		final File output = tmp.resolve(probe.getSimpleName() + ".out").toFile();
		pb.redirectOutput(output);
		final Process process = pb.start();
		assertTrue(process.waitFor(300, TimeUnit.SECONDS), "probe JVM did not finish");
		final Output out = new Output(Files.readAllLines(output.toPath(), StandardCharsets.UTF_8));
		assertEquals(0, process.exitValue(), out.all);
		return out;
	}
}
