package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * What we ship: never the test-only CLIJ2 stand-ins (or any other
 * {@code net/imagej/} or {@code fiji/} class), and jars Fiji discovers.
 */
class ShippedJarsTest {

	@Test
	void noShippedJarContainsImageJ2OrFijiClasses() throws IOException {
		final List<Path> jars = new ArrayList<>(BuiltArtifacts.moduleJars());
		jars.addAll(BuiltArtifacts.cliJars());
		assertTrue(jars.size() >= 10, "jars found: " + jars);
		final List<String> offending = new ArrayList<>();
		for (final Path jar : jars) {
			try (JarFile j = new JarFile(jar.toFile())) {
				j.stream().map(e -> e.getName()).filter(n -> n.startsWith(
					"net/imagej/") || n.startsWith("fiji/")).forEach(n -> offending.add(
						jar.getFileName() + "!" + n));
			}
		}
		assertEquals(List.of(), offending);
	}

	@Test
	void classesAreJava11BytecodeSoTheyRunInCurrentFiji() throws IOException {
		for (final Path jar : BuiltArtifacts.moduleJars()) {
			try (JarFile j = new JarFile(jar.toFile())) {
				final java.util.jar.JarEntry cls = j.stream().filter(e -> e.getName()
					.endsWith(".class")).findFirst().orElseThrow();
				final byte[] head = j.getInputStream(cls).readNBytes(8);
				final int major = (head[6] & 0xff) << 8 | head[7] & 0xff;
				assertEquals(55, major, jar.getFileName() + "!" + cls.getName());
			}
		}
	}

	@Test
	void coreJarIsAnImageJ1PluginJarWithMacroExtensionAndCommandIndex()
		throws IOException
	{
		final Path core = BuiltArtifacts.moduleJars().stream().filter(p -> p
			.getFileName().toString().startsWith("bonexr_core")).findFirst()
			.orElseThrow();
		assertTrue(core.getFileName().toString().contains("_"),
			"ImageJ 1 scans only jars with '_' for plugins.config");
		try (JarFile j = new JarFile(core.toFile())) {
			assertNotNull(j.getEntry("plugins.config"));
			final String config = new String(j.getInputStream(j.getEntry(
				"plugins.config")).readAllBytes());
			assertTrue(config.contains("BoneXR Macro Extensions"));
			assertNotNull(j.getEntry("META-INF/json/org.scijava.plugin.Plugin"),
				"SciJava plugin index missing");
			final String index = new String(j.getInputStream(j.getEntry(
				"META-INF/json/org.scijava.plugin.Plugin")).readAllBytes());
			assertTrue(index.contains("ConvertToAttenuationCommand"));
			assertFalse(index.contains("JythonScriptLanguage"));
		}
	}
}
