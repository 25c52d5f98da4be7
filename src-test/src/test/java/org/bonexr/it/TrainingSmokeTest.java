package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training scripts' smoke test ({@code training/smoke_test.py}): trains
 * a tiny model for a few steps and exports a bioimage.io package. Skipped
 * where Debian's python3 with PyTorch is absent (training is not part of the
 * build), except when {@code CI=true}, where {@code .ci/run} installs it and
 * its absence fails.
 */
class TrainingSmokeTest {

	@Test
	void trainingScriptsTrainAndExportATinyModel(@TempDir final Path dir)
		throws Exception
	{
		final Path python = Paths.get("/usr/bin/python3");
		Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
		final Process probe = new ProcessBuilder(python.toString(), "-c",
			"import torch, numpy, yaml, tifffile").start();
		final boolean present = probe.waitFor(2, TimeUnit.MINUTES) && probe
			.exitValue() == 0;
		final String missing = "PyTorch (or NumPy, PyYAML, tifffile) is not installed for /usr/bin/python3 " +
			"(apt-get install python3-torch python3-numpy python3-yaml python3-tifffile)";
		if (!present && "true".equals(System.getenv("CI"))) fail("CI=true: " +
			missing);
		Assumptions.assumeTrue(present, missing);
		final Path log = dir.resolve("smoke.log");
		final Process p = new ProcessBuilder(python.toString(), BuiltArtifacts
			.root().resolve("training/smoke_test.py").toString()).directory(dir
				.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
				.start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "smoke test took too long");
		final String out = new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("smoke test passed"), out);
	}
}
