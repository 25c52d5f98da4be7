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

	/**
	 * Runs many macro files in ONE ImageJ JVM ({@link MacroBatch}), one after
	 * the other; returns each one's output (what it printed, its abort
	 * message) by id. Much faster than {@link #runMacro} per file.
	 *
	 * @param macros macro file by id (ids without tabs or line breaks)
	 */
	java.util.Map<String, String> runMacros(
		final java.util.Map<String, Path> macros) throws IOException,
		InterruptedException
	{
		final Path runner = home.resolve("macro-batch.jar");
		if (!Files.exists(runner)) writeRunnerJar(runner);
		final StringBuilder list = new StringBuilder();
		macros.forEach((id, file) -> list.append(id).append('\t').append(file
			.toAbsolutePath()).append('\n'));
		final Path listFile = Files.write(home.resolve("macros-" + System
			.nanoTime() + ".txt"), list.toString().getBytes(StandardCharsets.UTF_8));
		final String output = launch(Arrays.asList("-cp", ijJar + java.io.File
			.pathSeparator + runner, MacroBatch.class.getName(), listFile
				.toString()), 10).output;
		final java.util.Map<String, String> byId = new java.util.LinkedHashMap<>();
		String id = null;
		StringBuilder text = null;
		for (final String line : output.split("\n")) {
			if (line.startsWith(MacroBatch.BEGIN)) {
				id = line.substring(MacroBatch.BEGIN.length());
				text = new StringBuilder();
			}
			else if (id != null && line.startsWith(MacroBatch.END + id)) {
				byId.put(id, text.append(line).toString());
				id = null;
			}
			else if (id != null) text.append(line).append('\n');
		}
		if (id != null) byId.put(id, text + "\n[the ImageJ JVM ended here]\n" +
			output.substring(Math.max(0, output.length() - 2000)));
		return byId;
	}

	/** A jar holding only {@link MacroBatch}, the runner for {@link #runMacros}. */
	private static void writeRunnerJar(final Path jar) throws IOException {
		final String entry = MacroBatch.class.getName().replace('.', '/') +
			".class";
		try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
			Files.newOutputStream(jar));
				java.io.InputStream in = MacroBatch.class.getResourceAsStream("/" +
					entry))
		{
			out.putNextEntry(new java.util.jar.JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
	}

	/** Runs the macro file headless with the given argument. */
	Run runMacro(final Path macro, final String argument) throws IOException,
		InterruptedException
	{
		return launch(Arrays.asList("-cp", ijJar.toString(), "ij.ImageJ",
			"-batch", macro.toString(), argument), 5);
	}

	/** Starts java with ImageJ's plugins folder set and these arguments. */
	private Run launch(final List<String> args, final int minutes)
		throws IOException, InterruptedException
	{
		final Path java = Paths.get(System.getProperty("java.home"), "bin",
			"java");
		final Path log = home.resolve("macro-" + System.nanoTime() + ".log");
		final List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) {
			command.addAll(Arrays.asList(xvfbRun(), "-a"));
		}
		command.addAll(Arrays.asList(java.toString(), "-Dplugins.dir=" + home,
			"-Xmx2g"));
		command.addAll(args);
		final Process p = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("ImageJ did not finish in " + minutes +
				" minutes");
		}
		return new Run(p.exitValue(), new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8));
	}
}
