package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn -Dscijava.app.directory=... install} installs the suite into a
 * Fiji-like folder: the ImageJ 1 plugin jar in plugins/, the other modules
 * and the libraries Fiji lacks in jars/, and nothing Fiji ships itself.
 */
class FijiInstallTest {

	@Test
	void installPopulatesAFijiFolder(@TempDir final Path fiji) throws Exception {
		Files.createDirectories(fiji.resolve("jars"));
		Files.createDirectories(fiji.resolve("plugins"));
		final Path log = fiji.resolve("mvn.log");
		final Process p = new ProcessBuilder("mvn", "-B", "-q", "install",
			"-DskipTests", "-Denforcer.skip", "-Dscijava.app.directory=" + fiji,
			"-pl", "clij-kernels,core,plugin-separation,plugin-bmd,plugin-jsn")
				.directory(BuiltArtifacts.root().toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(15, TimeUnit.MINUTES), "mvn install took too long");
		final String output = new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), output);

		final List<String> plugins = names(fiji.resolve("plugins"));
		final List<String> jars = names(fiji.resolve("jars"));
		assertTrue(plugins.stream().anyMatch(n -> n.matches(
			"bonexr_core-.*\\.jar")), "plugins/: " + plugins);
		for (final String module : new String[] { "bonexr-clij-kernels",
			"bonexr_separation", "bonexr_bmd", "bonexr_jsn", "api-0.35.1",
			"pytorch-engine-0.35.1" })
		{
			assertTrue(jars.stream().anyMatch(n -> n.startsWith(module)), module +
				" not in jars/: " + jars);
		}
		final List<String> all = Stream.concat(plugins.stream(), jars.stream())
			.collect(Collectors.toList());
		for (final String fijiShips : new String[] { "ij-", "scijava-common-",
			"imglib2-", "clij2_", "clij_", "clij-core" })
		{
			assertFalse(all.stream().anyMatch(n -> n.startsWith(fijiShips)),
				fijiShips + " must come from Fiji, not from BoneXR: " + all);
		}
	}

	private static List<String> names(final Path dir) throws Exception {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).map(f -> dir.relativize(f)
				.toString()).collect(Collectors.toList());
		}
	}
}
