package org.bonexr.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Assumptions;

/**
 * A plain ImageJ 1 installation in a folder, as a macro writer without Fiji
 * has it: only {@code ij.jar} on the class path, the BoneXR plugin jar in
 * {@code plugins/} and its library jars in {@code plugins/jars/}, all taken
 * from the built command-line distribution. Macros run in a separate JVM
 * with {@code ij.ImageJ -batch}. ImageJ 1 builds its command table from AWT
 * menus even in batch mode, so without a display the JVM runs under a
 * virtual X server ({@code xvfb-run}, Debian package xvfb); nothing is shown.
 */
final class PlainImageJ {

	private final Path home;
	private final Path ijJar;

	private PlainImageJ(final Path home, final Path ijJar) {
		this.home = home;
		this.ijJar = ijJar;
	}

	/** Lays out ImageJ in {@code home}. */
	static PlainImageJ install(final Path home) throws IOException {
		final Path plugins = Files.createDirectories(home.resolve("plugins"));
		final Path jars = Files.createDirectories(plugins.resolve("jars"));
		Path ij = null;
		for (final Path jar : BuiltArtifacts.cliJars()) {
			final String name = jar.getFileName().toString();
			if (name.startsWith("ij-")) {
				ij = Files.copy(jar, home.resolve("ij.jar"));
			}
			else if (hasPluginsConfig(jar)) Files.copy(jar, plugins.resolve(name));
			else Files.copy(jar, jars.resolve(name));
		}
		if (ij == null) throw new IllegalStateException("no ij jar in CLI lib");
		return new PlainImageJ(home, ij);
	}

	private static boolean hasPluginsConfig(final Path jar) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			return j.getEntry("plugins.config") != null;
		}
	}

	/**
	 * The xvfb-run launcher; skips the test where it is missing, fails where
	 * {@code CI=true} (CI installs it).
	 */
	static String xvfbRun() {
		final Path xvfb = Paths.get("/usr/bin/xvfb-run");
		final boolean present = Files.isExecutable(xvfb);
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI=true but xvfb-run is missing: apt-get install xvfb");
		}
		Assumptions.assumeTrue(present,
			"no display and no xvfb-run: apt-get install xvfb");
		return xvfb.toString();
	}

	/** Output of one macro run: exit code and what it printed. */
	static final class Run {

		final int exitCode;
		final String output;

		Run(final int exitCode, final String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	/** Runs the macro file headless with the given argument. */
	Run runMacro(final Path macro, final String argument) throws IOException,
		InterruptedException
	{
		final Path java = Paths.get(System.getProperty("java.home"), "bin",
			"java");
		final Path log = home.resolve("macro-" + System.nanoTime() + ".log");
		final List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) {
			command.addAll(Arrays.asList(xvfbRun(), "-a"));
		}
		command.addAll(Arrays.asList(java.toString(), "-Dplugins.dir=" + home,
			"-Xmx2g", "-cp", ijJar.toString(), "ij.ImageJ", "-batch", macro
				.toString(), argument));
		final Process p = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("macro did not finish in 5 minutes");
		}
		return new Run(p.exitValue(), new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8));
	}
}
