package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;

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
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Visual Turing Test with its real dialog reader (not a scripted one), in
 * a JVM with a virtual display (xvfb-run; skipped without it unless
 * {@code CI=true}): {@link VisualTuringDialogDriver} presses the dialogs'
 * buttons from another thread as a reader would. A first session answers
 * three images and presses Cancel at the fourth; a second session resumes and
 * answers the rest. The answers CSV must hold exactly the buttons pressed, in
 * order, against each image's truth, and no image twice.
 */
class SeparationVisualTuringDialogTest {

	@Test
	void realDialogAnswersAreSavedAndTheStudyResumes(@TempDir final Path dir) throws Exception {
		final Path real = Files.createDirectories(dir.resolve("real"));
		final Path gen = Files.createDirectories(dir.resolve("gen"));
		for (int i = 0; i < 3; i++) {
			for (final Path f : new Path[] { real, gen }) {
				final FloatProcessor fp = new FloatProcessor(16, 16);
				fp.set(f == gen ? 2 : 1);
				IJ.saveAsTiff(new ImagePlus("x", fp), f.resolve("layer" + i + ".tif").toString());
			}
		}
		final Path csv = dir.resolve("answers.csv");
		final List<String> first = drive(dir, real, gen, csv, 4);
		final List<String> second = drive(dir, real, gen, csv, 0);

		final List<String> pressed = new ArrayList<>();
		for (final String line : concat(first, second)) {
			if (line.startsWith("pressed ")) pressed.add(line);
		}
		// session 1: images 1-3 answered, Cancel at 4; session 2: images 4-6
		assertEquals(Arrays.asList("1/6", "2/6", "3/6", "4/6", "4/6", "5/6", "6/6"), pressed.stream().map(l -> l
			.split(" ")[1]).collect(Collectors.toList()), String.join("\n", concat(first, second)));
		assertEquals("Cancel", pressed.get(3).split(" ")[2]);
		pressed.remove(3);

		final List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertEquals("reader,key,truth,answer,response_ms", rows.get(0));
		assertEquals(7, rows.size(), String.join("\n", rows));
		final Set<String> keys = new HashSet<>();
		int correct = 0;
		for (int i = 0; i < 6; i++) {
			final String[] f = rows.get(i + 1).split(",");
			final String button = pressed.get(i).split(" ")[2];
			assertEquals("R1", f[0]);
			assertTrue(keys.add(f[1]), "image answered twice: " + f[1]);
			assertEquals(f[1].startsWith("generated/") ? "generated" : "real", f[2], rows.get(i + 1));
			assertEquals(button.toLowerCase(), f[3], "CSV row " + (i + 1) + " vs " + pressed.get(i));
			// the simulated reader is right except at image 2, which it always calls real
			if (i != 1) assertEquals(f[2], f[3], rows.get(i + 1));
			assertTrue(Long.parseLong(f[4]) >= 0);
			correct += f[2].equals(f[3]) ? 1 : 0;
		}
		final String summary = second.stream().filter(l -> l.startsWith("answered ")).findFirst().orElse("none");
		assertEquals("answered 6 accuracy " + correct / 6.0, summary);
		assertTrue(first.stream().anyMatch(l -> l.equals("answered 3 accuracy " + (rows.subList(1, 4).stream()
			.filter(r -> r.split(",")[2].equals(r.split(",")[3])).count() / 3.0))), String.join("\n", first));
	}

	private static List<String> concat(final List<String> a, final List<String> b) {
		final List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** Runs one session in a JVM with a display; returns what it printed. */
	private static List<String> drive(final Path dir, final Path real, final Path gen, final Path csv,
		final int stopAt) throws IOException, InterruptedException
	{
		final List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) command.addAll(Arrays.asList(PlainImageJ.xvfbRun(), "-a"));
		command.addAll(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=false", "-cp", System.getProperty("surefire.test.class.path", System.getProperty(
				"java.class.path")), VisualTuringDialogDriver.class.getName(), real.toString(), gen.toString(), csv
					.toString(), "R1", Integer.toString(stopAt)));
		final Path log = dir.resolve("session-" + System.nanoTime() + ".log");
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!p.waitFor(3, TimeUnit.MINUTES)) {
			dumpThreadsAndKill(p);
			throw new AssertionError("the dialog session did not finish in 3 minutes (its threads at the end):\n" +
				new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
		}
		final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), String.join("\n", lines));
		return lines;
	}

	/**
	 * Asks each Java process under {@code p} for a thread dump (SIGQUIT, which
	 * the JVM prints to the session's log), then ends them all.
	 */
	private static void dumpThreadsAndKill(final Process p) throws IOException, InterruptedException {
		final List<ProcessHandle> all = p.descendants().collect(Collectors.toList());
		all.add(p.toHandle());
		for (final ProcessHandle h : all) {
			if (h.info().command().orElse("").endsWith("java")) {
				new ProcessBuilder("kill", "-QUIT", Long.toString(h.pid())).start().waitFor(10, TimeUnit.SECONDS);
			}
		}
		Thread.sleep(2000);
		for (final ProcessHandle h : all) h.destroyForcibly();
	}
}
