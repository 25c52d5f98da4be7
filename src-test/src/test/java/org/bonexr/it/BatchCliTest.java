package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bonexr batch} through the real script: a bad image does not stop
 * the batch, a batch killed with SIGKILL resumes without losing or redoing
 * images, shards cover every image once, threads give the serial results.
 */
class BatchCliTest {

	private static final String COMMAND = "Convert to Attenuation";

	@TempDir
	Path dir;

	@Test
	void badImageIsRecordedAndTheRestCompletesAlsoWithThreads()
		throws Exception
	{
		final Path in = kneeFolder(6);
		IJ.saveAsTiff(new ImagePlus("photo", new ColorProcessor(8, 8)), in.resolve(
			"knee3b.tif").toString());
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "batch", COMMAND, "--in", in.toString(),
			"--out", out.toString());
		assertEquals(3, run.exitCode, run.toString());
		assertTrue(run.err.contains("knee3b.tif failed") && run.err.contains(
			"Image>Type>32-bit"), run.toString());
		assertTrue(run.out.contains("6 ok, 1 failed"), run.toString());

		final List<List<String>> rows = csv(out.resolve("results.csv"));
		assertEquals(List.of("input", "status", "i0Used", "scale", "outputs",
			"error"), rows.get(0));
		assertEquals(List.of("knee0.tif", "knee1.tif", "knee2.tif", "knee3.tif",
			"knee3b.tif", "knee4.tif", "knee5.tif"), column(rows, 0));
		for (final List<String> row : rows.subList(1, rows.size())) {
			if (row.get(0).equals("knee3b.tif")) {
				assertEquals("failed", row.get(1));
				assertTrue(row.get(5).contains("colour image"), row.toString());
				assertTrue(row.get(4).isEmpty());
				continue;
			}
			assertEquals("ok", row.get(1), row.toString());
			assertEquals(String.valueOf((double) TestImages.I0), row.get(2));
			final String stem = row.get(0).replace(".tif", "");
			assertEquals(stem + "_attenuation.tif;" + stem + "_values.csv", row.get(
				4));
			final ImagePlus a = IJ.openImage(out.resolve(stem + "_attenuation.tif")
				.toString());
			assertTrue(TestImages.maxErrorBeyondRounding(a) <= 1e-5);
		}
		assertFalse(Files.exists(out.resolve(".bonexr-batch")),
			"staging folder left");
		assertEquals(List.of(), hiddenFiles(out));

		final Path parallel = dir.resolve("parallel");
		final Cli.Run threaded = Cli.run(dir, "batch", COMMAND, "--in", in
			.toString(), "--out", parallel.toString(), "--threads", "3");
		assertEquals(3, threaded.exitCode, threaded.toString());
		assertSameFiles(out, parallel);
	}

	@Test
	void refusesExistingResultsAndUnwritableOutputBeforeAnyWork()
		throws Exception
	{
		final Path in = kneeFolder(2);
		final Path out = dir.resolve("out");
		assertEquals(0, Cli.run(dir, "batch", COMMAND, "--in", in.toString(),
			"--out", out.toString()).exitCode);
		final byte[] results = Files.readAllBytes(out.resolve("results.csv"));
		final Cli.Run again = Cli.run(dir, "batch", COMMAND, "--in", in.toString(),
			"--out", out.toString(), "i0=1000");
		assertEquals(2, again.exitCode, again.toString());
		assertTrue(again.err.contains("never overwrites") && again.err.contains(
			"--resume"), again.toString());
		assertArrayEquals(results, Files.readAllBytes(out.resolve("results.csv")));

		final Path file = Files.write(dir.resolve("a-file"), new byte[] { 1 });
		final Cli.Run unwritable = Cli.run(dir, "batch", COMMAND, "--in", in
			.toString(), "--out", file.resolve("out").toString());
		assertEquals(2, unwritable.exitCode, unwritable.toString());
		assertTrue(unwritable.err.contains("Cannot create output folder"),
			unwritable.toString());
		assertFalse(unwritable.err.contains("knee"), "work started: " +
			unwritable);
	}

	@Test
	void batchKilledHalfWayResumesWithoutLosingOrRedoingImages()
		throws Exception
	{
		final int n = 60;
		final Path in = Files.createDirectories(dir.resolve("in"));
		for (int k = 0; k < n; k++)
			IJ.saveAsTiff(disc(k), in.resolve(String.format("r%03d.tif", k))
				.toString());
		final Path out = dir.resolve("out");
		final Path results = out.resolve("results.csv");

		final Process p = start("batch", COMMAND, "--in", in.toString(), "--out",
			out.toString());
		final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (lines(results) < 4 && p.isAlive() && System.nanoTime() < deadline)
			Thread.sleep(2);
		p.destroyForcibly(); // SIGKILL; bin/bonexr execs java, so this is the JVM
		assertTrue(p.waitFor(1, TimeUnit.MINUTES));
		final List<List<String>> before = csv(results);
		assertTrue(before.size() - 1 >= 3 && before.size() - 1 < n,
			"the kill did not land half-way: " + (before.size() - 1) + " rows");
		// what a power loss in the middle of the next append would leave
		Files.write(results, "r9".getBytes(StandardCharsets.UTF_8),
			StandardOpenOption.APPEND);
		final Map<String, Object> doneBefore = new HashMap<>();
		for (final List<String> row : before.subList(1, before.size()))
			for (final String f : row.get(4).split(";"))
				doneBefore.put(f, Files.readAttributes(out.resolve(f),
					java.nio.file.attribute.BasicFileAttributes.class).fileKey());

		final Cli.Run resumed = Cli.run(dir, "batch", COMMAND, "--in", in
			.toString(), "--out", out.toString(), "--resume");
		assertEquals(0, resumed.exitCode, resumed.toString());
		assertTrue(resumed.out.contains((before.size() - 1) + " done before"),
			resumed.toString());

		final List<List<String>> rows = csv(results);
		final List<String> expected = new ArrayList<>();
		for (int k = 0; k < n; k++)
			expected.add(String.format("r%03d.tif", k));
		assertEquals(expected, column(rows, 0), "each image exactly once");
		for (final List<String> row : rows.subList(1, rows.size())) {
			assertEquals("ok", row.get(1), row.toString());
			final int k = Integer.parseInt(row.get(0).substring(1, 4));
			final ImagePlus a = IJ.openImage(out.resolve(String.format(
				"r%03d_attenuation.tif", k)).toString());
			assertNotNull(a, row.toString());
			assertEquals(512, a.getWidth());
			assertEquals(32, a.getBitDepth());
			assertEquals(attenuation(k, 256, 256), a.getProcessor().getf(256, 256),
				1e-3);
		}
		for (final Map.Entry<String, Object> f : doneBefore.entrySet())
			assertEquals(f.getValue(), Files.readAttributes(out.resolve(f.getKey()),
				java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
				f.getKey() + " was redone");
		assertEquals(List.of(), hiddenFiles(out));
		assertEquals(2 * n + 1, list(out).size());
	}

	@Test
	void shardsCoverEveryImageOnceAndMergeIntoTheUnsplitResults()
		throws Exception
	{
		final Path in = kneeFolder(7);
		final Path shards = dir.resolve("shards");
		for (final String shard : new String[] { "0/2", "1/2" }) {
			final Cli.Run run = Cli.run(dir, "batch", COMMAND, "--in", in
				.toString(), "--out", shards.toString(), "--shard", shard);
			assertEquals(0, run.exitCode, run.toString());
		}
		final List<String> first = column(csv(shards.resolve(
			"results-shard-0-of-2.csv")), 0);
		final List<String> second = column(csv(shards.resolve(
			"results-shard-1-of-2.csv")), 0);
		assertEquals(List.of("knee0.tif", "knee2.tif", "knee4.tif", "knee6.tif"),
			first, "image k goes to shard k mod 2");
		assertEquals(List.of("knee1.tif", "knee3.tif", "knee5.tif"), second);

		final Cli.Run merge = Cli.run(dir, "batch-merge", "--out", shards
			.toString());
		assertEquals(0, merge.exitCode, merge.toString());
		final Path whole = dir.resolve("whole");
		assertEquals(0, Cli.run(dir, "batch", COMMAND, "--in", in.toString(),
			"--out", whole.toString()).exitCode);
		assertArrayEquals(Files.readAllBytes(whole.resolve("results.csv")), Files
			.readAllBytes(shards.resolve("results.csv")));
	}

	// -- helpers --

	/** n copies of the known-attenuation knee, knee0.tif ... */
	private Path kneeFolder(final int n) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		for (int k = 0; k < n; k++)
			IJ.saveAsTiff(TestImages.knownAttenuation16Bit(), in.resolve("knee" + k +
				".tif").toString());
		return in;
	}

	/** Attenuation of image k at (x, y): a disc whose height grows with k. */
	private static double attenuation(final int k, final int x, final int y) {
		final double dx = (x - 256) / 170.0;
		final double dy = (y - 256) / 130.0;
		final double r2 = dx * dx + dy * dy;
		return r2 < 1 ? (1 + 0.02 * k) * Math.sqrt(1 - r2) : 0;
	}

	/** 512² 16-bit radiograph-like image I = round(I0 exp(−A)), 0.1 mm. */
	private static ImagePlus disc(final int k) {
		final ShortProcessor ip = new ShortProcessor(512, 512);
		for (int y = 0; y < 512; y++)
			for (int x = 0; x < 512; x++)
				ip.set(x, y, (int) Math.round(TestImages.I0 * Math.exp(-attenuation(k,
					x, y))));
		final ImagePlus imp = new ImagePlus("r" + k, ip);
		imp.getCalibration().pixelWidth = TestImages.SPACING_MM;
		imp.getCalibration().pixelHeight = TestImages.SPACING_MM;
		imp.getCalibration().setUnit("mm");
		return imp;
	}

	private Process start(final String... args) throws Exception {
		final List<String> command = new ArrayList<>();
		command.add(BuiltArtifacts.root().resolve("bin/bonexr").toString());
		command.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(command).directory(dir
			.toFile()).redirectOutput(dir.resolve("killed.out").toFile())
			.redirectError(dir.resolve("killed.err").toFile());
		pb.environment().put("BONEXR_JAVA_OPTS", "-Xmx2g");
		return pb.start();
	}

	/** Parses a results file; asserts it ends with a complete line. */
	private static List<List<String>> csv(final Path file) throws Exception {
		final String text = new String(Files.readAllBytes(file),
			StandardCharsets.UTF_8);
		assertTrue(text.endsWith("\n"), file + " ends with a torn line");
		return Arrays.stream(text.split("\n")).map(l -> Arrays.asList(l.split(",",
			-1))).collect(Collectors.toList());
	}

	private static List<String> column(final List<List<String>> rows,
		final int c)
	{
		return rows.subList(1, rows.size()).stream().map(r -> r.get(c)).collect(
			Collectors.toList());
	}

	private static int lines(final Path file) throws Exception {
		if (!Files.exists(file)) return 0;
		final byte[] bytes = Files.readAllBytes(file);
		int count = 0;
		for (final byte b : bytes)
			if (b == '\n') count++;
		return count;
	}

	private static List<Path> list(final Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().collect(Collectors.toList());
		}
	}

	private static List<String> hiddenFiles(final Path dir) throws Exception {
		return list(dir).stream().map(p -> p.getFileName().toString()).filter(
			n -> n.startsWith(".")).collect(Collectors.toList());
	}

	private static void assertSameFiles(final Path a, final Path b)
		throws Exception
	{
		final Set<String> names = new HashSet<>();
		for (final Path p : list(a))
			names.add(p.getFileName().toString());
		assertEquals(names, list(b).stream().map(p -> p.getFileName().toString())
			.collect(Collectors.toSet()));
		for (final String name : names)
			assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(
				b.resolve(name)), name);
	}
}
