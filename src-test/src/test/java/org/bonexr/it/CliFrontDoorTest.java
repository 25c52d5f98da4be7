package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Front door 3: the command line {@code bin/bonexr}. */
class CliFrontDoorTest {

	@TempDir
	Path dir;

	@Test
	void listShowsTheCommandWithItsParameters() throws Exception {
		final Cli.Run run = Cli.run(dir, "list");
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.out.contains("Convert to Attenuation"), run.toString());
		assertTrue(run.out.contains("in   i0 : double"), run.toString());
		assertTrue(run.out.contains("out  attenuation : image file"), run
			.toString());
	}

	@Test
	void runWritesCalibratedImageAndResultsAndNeverOverwrites() throws Exception {
		final Path in = dir.resolve("knee.tif");
		IJ.saveAsTiff(TestImages.knownAttenuation16Bit(), in.toString());
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Convert to Attenuation", "image=" +
			in, "--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.out.contains("i0Used=" + (double) TestImages.I0), run
			.toString());
		final ImagePlus a = IJ.openImage(out.resolve("knee_attenuation.tif")
			.toString());
		assertTrue(TestImages.maxErrorBeyondRounding(a) <= 1e-5);
		assertEquals("mm", a.getCalibration().getUnit());
		assertEquals(0.1, a.getCalibration().pixelWidth, 1e-9);
		final String csv = new String(Files.readAllBytes(out.resolve(
			"knee_values.csv")));
		assertTrue(csv.startsWith("i0Used,scale\n" + (double) TestImages.I0 +
			",1.0"), csv);

		final byte[] firstResult = Files.readAllBytes(out.resolve(
			"knee_attenuation.tif"));
		final Cli.Run again = Cli.run(dir, "run", "Convert to Attenuation",
			"image=" + in, "i0=1000", "--out", out.toString());
		assertEquals(2, again.exitCode, again.toString());
		assertTrue(again.err.contains("never overwrites"), again.toString());
		assertTrue(java.util.Arrays.equals(firstResult, Files.readAllBytes(out
			.resolve("knee_attenuation.tif"))));
	}

	@Test
	void badInputExitsWithCode2AndTheFixOnStandardError() throws Exception {
		final Path rgb = dir.resolve("photo.tif");
		IJ.saveAsTiff(new ImagePlus("photo", new ColorProcessor(8, 8)), rgb
			.toString());
		final Cli.Run run = Cli.run(dir, "run", "Convert to Attenuation",
			"image=" + rgb, "--out", dir.resolve("o").toString());
		assertEquals(2, run.exitCode, run.toString());
		assertTrue(run.err.contains("Image>Type>32-bit"), run.toString());
		assertEquals(0, Files.list(dir.resolve("o")).count(), "partial output");

		final Cli.Run unknown = Cli.run(dir, "run", "Sharpen Bones", "--out", dir
			.toString());
		assertEquals(2, unknown.exitCode);
		assertTrue(unknown.err.contains("bonexr list"), unknown.toString());
	}

	@Test
	void jointDatasetCommandIsReproducibleAndNeverWritesIntoAFullFolder()
		throws Exception
	{
		final Cli.Run a = Cli.run(dir, "run", "Write Joint Phantom Dataset",
			"folder=" + dir.resolve("a"), "samples=2", "seed=5", "sizePx=96");
		assertEquals(0, a.exitCode, a.toString());
		assertTrue(a.err.contains("% ") && a.err.contains("Joint phantoms: 1 of 2"),
			"no progress bar: " + a);
		final Cli.Run b = Cli.run(dir, "run", "Write Joint Phantom Dataset",
			"folder=" + dir.resolve("b"), "samples=2", "seed=5", "sizePx=96");
		assertEquals(0, b.exitCode, b.toString());
		final java.util.List<Path> files;
		try (java.util.stream.Stream<Path> s = Files.walk(dir.resolve("a"))) {
			files = s.filter(Files::isRegularFile).collect(java.util.stream.Collectors
				.toList());
		}
		assertTrue(files.size() >= 8, files.toString());
		for (final Path f : files) {
			final Path twin = dir.resolve("b").resolve(dir.resolve("a").relativize(f));
			assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files
				.readAllBytes(twin)), f + " differs for the same seed");
		}
		final Cli.Run again = Cli.run(dir, "run", "Write Joint Phantom Dataset",
			"folder=" + dir.resolve("a"), "samples=1");
		assertEquals(2, again.exitCode, again.toString());
		assertTrue(again.err.contains("not empty"), again.toString());
	}

	@Test
	void demoWritesCalibratedOutputsForTheSampleImages() throws Exception {
		final Path out = dir.resolve("demo");
		final Cli.Run run = Cli.run(dir, "demo", "--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		final Path attenuation = out.resolve("attenuation");
		final long written = Files.list(attenuation).filter(p -> p.toString()
			.endsWith("_attenuation.tif")).count();
		assertTrue(written >= 1, run.toString());
		Files.list(attenuation).filter(p -> p.toString().endsWith(".tif")).forEach(
			p -> assertEquals("mm", IJ.openImage(p.toString()).getCalibration()
				.getUnit(), p.toString()));
	}
}
