package org.bonexr.it.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's screenshot generator ({@link GuideScreenshots}) in its own JVM
 * under a virtual X server ({@code xvfb-run}, Debian package xvfb): the fast
 * test makes one command's screenshots and checks they are real window
 * pictures; with {@code -Dbonexr.guide.regenerate=true} the second test
 * rewrites all of {@code docs/images/commands/}. Skipped without xvfb-run,
 * except where {@code CI=true} (CI installs it).
 */
class GuideScreenshotsTest {

	private static final Path ROOT = Paths.get("..").toAbsolutePath()
		.normalize();

	@Test
	void convertToAttenuationDialogAndResultArePictures(@TempDir final Path out)
		throws Exception
	{
		final String output = generate(out, 3, "convert-to-attenuation");
		for (final String name : new String[] {
			"convert-to-attenuation-dialog.png", "convert-to-attenuation-result.png" })
		{
			final Path png = out.resolve(name);
			assertTrue(Files.isRegularFile(png), name + " missing\n" + output);
			final BufferedImage image = ImageIO.read(png.toFile());
			assertTrue(image.getWidth() >= 100 && image.getHeight() >= 80, name +
				" " + image.getWidth() + "x" + image.getHeight());
			// not blank: no colour covers (nearly) all of it
			assertTrue(dominantFraction(image) <= 0.97, name + " is blank");
		}
		// the dialog: background, text, fields, buttons (AWT draws no
		// anti-aliasing here, so a handful of colours)
		assertTrue(distinctColours(ImageIO.read(out.resolve(
			"convert-to-attenuation-dialog.png").toFile())) >= 3);
		// the result is the 240×320 joint phantom in its window: a radiograph's
		// many grey levels
		final BufferedImage result = ImageIO.read(out.resolve(
			"convert-to-attenuation-result.png").toFile());
		assertTrue(result.getWidth() >= 240 && result.getHeight() >= 320, result
			.getWidth() + "x" + result.getHeight());
		assertTrue(distinctColours(result) >= 64, "grey levels " +
			distinctColours(result));
	}

	/** Rewrites docs/images/commands (run on request only: ~3 minutes). */
	@Test
	@EnabledIfSystemProperty(named = "bonexr.guide.regenerate", matches = "true")
	void regenerateAllScreenshotsOfTheGuide() throws Exception {
		final Path out = ROOT.resolve("docs/images/commands");
		final String output = generate(out, 20, GuideScreenshots.COMMANDS.toArray(
			new String[0]));
		for (final String slug : GuideScreenshots.COMMANDS)
			assertTrue(output.contains(slug + ":"), slug + "\n" + output);
	}

	/** Runs the generator under xvfb-run; returns what it printed. */
	private static String generate(final Path out, final int minutes,
		final String... slugs) throws IOException, InterruptedException
	{
		final Path xvfb = Paths.get("/usr/bin/xvfb-run");
		final boolean present = Files.isExecutable(xvfb);
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI=true but xvfb-run is missing: apt-get install xvfb");
		}
		Assumptions.assumeTrue(present, "no xvfb-run: apt-get install xvfb");
		final List<String> command = new ArrayList<>(Arrays.asList(xvfb.toString(),
			"-a", "-s", "-screen 0 2400x1400x24", Paths.get(System.getProperty(
				"java.home"), "bin", "java").toString(), "-Xmx2g",
			"-Dbonexr.samples=" + ROOT.resolve("sample-images"), "-cp", System
				.getProperty("java.class.path"), GuideScreenshots.class.getName(), out
					.toString()));
		command.addAll(Arrays.asList(slugs));
		final Path log = Files.createTempFile("guide-screenshots", ".log");
		final Process p = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile()).start();
		if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("generator did not finish in " + minutes +
				" minutes:\n" + new String(Files.readAllBytes(log),
					StandardCharsets.UTF_8));
		}
		final String output = new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), output);
		return output;
	}

	private static double dominantFraction(final BufferedImage image) {
		final java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				counts.merge(image.getRGB(x, y), 1, Integer::sum);
		return (double) java.util.Collections.max(counts.values()) / (image
			.getWidth() * image.getHeight());
	}

	private static int distinctColours(final BufferedImage image) {
		final Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				colours.add(image.getRGB(x, y));
		return colours.size();
	}
}
