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

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with CLIJ2 but no OpenCL device: a separate JVM whose OpenCL ICD
 * loader finds no driver (OCL_ICD_VENDORS points to an empty folder) must run
 * the Java twin, say why in exactly one log line, and give the twin's result.
 */
class NoOpenClDeviceTest {

	@Test
	void fallsBackToJavaWithOneLogLine(@TempDir final Path tmp) throws Exception {
		Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
			"OCL_ICD_VENDORS hides drivers from the ICD loaders used on Linux");
		final Path emptyVendors = Files.createDirectory(tmp.resolve("vendors"));
		final String classPath = System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path"));
		final ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=true", "-cp", classPath, Probe.class.getName());
		pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
		pb.environment().remove("OCL_ICD_FILENAMES");
		pb.environment().remove(ComputeBackend.DEVICE_PROPERTY);
		pb.redirectErrorStream(true);
		final File output = tmp.resolve("probe.out").toFile();
		pb.redirectOutput(output);
		final Process process = pb.start();
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
		final List<String> lines = Files.readAllLines(output.toPath(), StandardCharsets.UTF_8);
		assertEquals(0, process.exitValue(), String.join("\n", lines));

		final List<String> logLines = lines.stream().filter(l -> l.contains(ComputeBackend.LOG_PREFIX)).collect(
			Collectors.toList());
		assertEquals(1, logLines.size(), String.join("\n", lines));
		assertTrue(logLines.get(0).contains("Java (no"), logLines.get(0));
		assertTrue(lines.contains("openCL=false"), String.join("\n", lines));
		assertTrue(lines.contains("difference=0.0"), String.join("\n", lines));
	}

	/** Runs in the probe JVM. */
	public static final class Probe {

		public static void main(final String[] args) throws IOException {
			final AttenuationParameters p = new AttenuationParameters(20000, 1, 0.4, 1.2);
			final Img<FloatType> in = TestImages.radiograph(20000, 13, 64, 48);
			try (ComputeBackend backend = new ComputeBackend("")) {
				final Img<FloatType> out = backend.attenuation(in, p);
				System.out.println("openCL=" + backend.isOpenCL());
				System.out.println("difference=" + ImageComparison.maxRelativeDifference(out, AttenuationTransformJava
					.attenuation(in, p)));
			}
		}
	}
}
