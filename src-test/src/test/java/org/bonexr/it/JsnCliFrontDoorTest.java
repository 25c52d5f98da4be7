package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Front door 3 for JSW: {@code bin/bonexr run} on the sample joint phantom. */
class JsnCliFrontDoorTest {

	@TempDir
	Path dir;

	/** Column of a one-row CSV (header + row). */
	private static String column(final Path csv, final String name)
		throws Exception
	{
		final List<String> lines = Files.readAllLines(csv);
		final List<String> header = Arrays.asList(lines.get(0).split(","));
		assertTrue(header.contains(name), name + " not in " + header);
		return lines.get(1).split(",")[header.indexOf(name)];
	}

	@Test
	void measureWritesResultsProfileAndCalibratedOverlay() throws Exception {
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Measure Joint Space Width",
			"image=" + JsnSample.image(), "region=" + JsnSample.REGION_TEXT, "--out",
			out.toString());
		assertEquals(0, run.exitCode, run.toString());
		final Path values = out.resolve("joint-phantom_values.csv");
		assertEquals("mm", column(values, "unit"));
		assertEquals(JsnSample.trueMeanJswInRegion(), Double.parseDouble(column(
			values, "meanJsw")), JsnSample.ACCURACY_MM);
		assertEquals(JsnSample.TRUE_MIN_JSW_MM, Double.parseDouble(column(values,
			"minJsw")), JsnSample.ACCURACY_MM);
		final List<String> summary = Files.readAllLines(out.resolve(
			"joint-phantom_summary.csv"));
		assertEquals(2, summary.size(), summary.toString());
		assertTrue(summary.get(1).contains("radiograph"), summary.toString());
		final List<String> profile = Files.readAllLines(out.resolve(
			"joint-phantom_profile.csv"));
		assertEquals(1 + 61, profile.size(), profile.toString());
		assertTrue(profile.get(0).contains("JSW (mm)"), profile.get(0));
		final ImagePlus overlay = IJ.openImage(out.resolve(
			"joint-phantom_overlay.tif").toString());
		assertEquals("mm", overlay.getCalibration().getUnit());
		assertEquals(0.1, overlay.getCalibration().pixelWidth, 1e-9);
		assertTrue(overlay.getOverlay() != null && overlay.getOverlay().size() >= 3);
	}

	@Test
	void measureWithoutCalibrationReportsPixelsAndWarns() throws Exception {
		final ImagePlus plain = JsnSample.open();
		plain.setCalibration(new ij.measure.Calibration());
		plain.setTitle("plain");
		final Path in = dir.resolve("plain.tif");
		IJ.saveAsTiff(plain, in.toString());
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Measure Joint Space Width",
			"image=" + in, "region=" + JsnSample.REGION_TEXT, "--out", out
				.toString());
		assertEquals(0, run.exitCode, run.toString());
		final Path values = out.resolve("plain_values.csv");
		assertEquals("px", column(values, "unit"));
		assertEquals(JsnSample.trueMeanJswInRegion() / JsnSample.SPACING_MM,
			Double.parseDouble(column(values, "meanJsw")), JsnSample.ACCURACY_MM /
				JsnSample.SPACING_MM);
		assertTrue((run.out + run.err).contains("no pixel spacing"), run
			.toString());
	}

	@Test
	void colourImageExitsWithCode2AndTheFix() throws Exception {
		final Path rgb = dir.resolve("photo.tif");
		IJ.saveAsTiff(new ImagePlus("photo", new ColorProcessor(64, 64)), rgb
			.toString());
		final Cli.Run run = Cli.run(dir, "run", "Measure Joint Space Width",
			"image=" + rgb, "region=10,10,30,30", "--out", dir.resolve("o")
				.toString());
		assertEquals(2, run.exitCode, run.toString());
		assertTrue(run.err.contains("Image>Type>32-bit"), run.toString());
		assertEquals(0, Files.list(dir.resolve("o")).count(), "partial output");
	}

	private Path visit2(final double spacingMm) {
		final Path f = dir.resolve("visit2-" + spacingMm + ".tif");
		IJ.saveAsTiff(ImagePlusRadiographs.toImagePlus(JointPhantom.render(
			JointPhantomParameters.builder().jswMm(1.4).spacingMm(spacingMm).seed(7)
				.build()).attenuation(), "visit2"), f.toString());
		return f;
	}

	@Test
	void compareMeasuresANarrowingOf0point1mm() throws Exception {
		final Path out = dir.resolve("cmp");
		final Cli.Run run = Cli.run(dir, "run",
			"Compare Joint Space Between Visits", "first=" + JsnSample.image(),
			"second=" + visit2(0.1), "region=" + JsnSample.REGION_TEXT, "--out", out
				.toString());
		assertEquals(0, run.exitCode, run.toString());
		final Path values = out.resolve("joint-phantom_values.csv");
		assertEquals(-0.1, Double.parseDouble(column(values, "deltaJsw")), 0.03);
		assertEquals(-0.1, Double.parseDouble(column(values, "deltaJswPaired")),
			0.03);
		assertEquals("mm", column(values, "unit"));
	}

	@Test
	void compareOfDifferentSpacingsExitsWithCode2AndTheFix() throws Exception {
		final Cli.Run run = Cli.run(dir, "run",
			"Compare Joint Space Between Visits", "first=" + JsnSample.image(),
			"second=" + visit2(0.2), "region=" + JsnSample.REGION_TEXT, "--out", dir
				.resolve("o").toString());
		assertEquals(2, run.exitCode, run.toString());
		assertTrue(run.err.contains("same pixel spacing"), run.toString());
	}
}
