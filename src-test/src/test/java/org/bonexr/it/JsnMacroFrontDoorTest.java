package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.phantom.JswProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Front door 2 for JSW: real {@code .ijm} files in a plain ImageJ 1 (its own
 * JVM, under xvfb-run): {@code Ext.measureJointSpaceWidth} on the sample
 * joint phantom, and the shipped {@code macros/batch-jsw.ijm} over a folder
 * of phantoms of known JSW.
 */
class JsnMacroFrontDoorTest {

	@TempDir
	static Path home;

	private static PlainImageJ imageJ;

	@BeforeAll
	static void installImageJ() throws IOException {
		imageJ = PlainImageJ.install(home);
	}

	private static double printed(final String output, final String key) {
		final Matcher m = Pattern.compile("(?m)^" + key + "=([-0-9.eE]+)$")
			.matcher(output);
		assertTrue(m.find(), key + " not printed:\n" + output);
		return Double.parseDouble(m.group(1));
	}

	@Test
	void extMeasuresTheSampleJointWithinTheAccuracyGoal() throws Exception {
		final byte[] before = Files.readAllBytes(JsnSample.image());
		final PlainImageJ.Run run = imageJ.runMacro(resource("jsn-measure.ijm"),
			JsnSample.image() + ";" + JsnSample.REGION_TEXT + ";calibrated");
		assertTrue(run.output.contains("done"), run.output);
		assertEquals(JsnSample.trueMeanJswInRegion(), printed(run.output,
			"meanJsw"), JsnSample.ACCURACY_MM, run.output);
		assertEquals(JsnSample.TRUE_MIN_JSW_MM, printed(run.output, "minJsw"),
			JsnSample.ACCURACY_MM, run.output);
		assertTrue(printed(run.output, "medianJsw") >= printed(run.output,
			"minJsw"));
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(JsnSample
			.image())), "sample image modified");
	}

	/** Separate-first (shipped demo model): the goal holds without flexion. */
	@Test
	void extSeparatesFirstAndMeetsTheAccuracyGoal() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(resource(
			"jsn-measure-separated.ijm"), JsnSample.image() + ";" +
				JsnSample.REGION_TEXT);
		assertTrue(run.output.contains("done"), run.output);
		assertEquals(JsnSample.trueMeanJswInRegion(), printed(run.output,
			"meanJsw"), JsnSample.ACCURACY_MM, run.output);
		assertEquals(JsnSample.TRUE_MIN_JSW_MM, printed(run.output, "minJsw"),
			JsnSample.ACCURACY_MM, run.output);
	}

	@Test
	void extWithoutCalibrationMeasuresInPixelsAndWarns() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(resource("jsn-measure.ijm"),
			JsnSample.image() + ";" + JsnSample.REGION_TEXT + ";uncalibrated");
		assertTrue(run.output.contains("done"), run.output);
		assertEquals(JsnSample.trueMeanJswInRegion() / JsnSample.SPACING_MM,
			printed(run.output, "meanJsw"), JsnSample.ACCURACY_MM /
				JsnSample.SPACING_MM, run.output);
		assertTrue(run.output.contains("no pixel spacing"), run.output);
		assertTrue(run.output.contains("Image>Properties"), run.output);
	}

	@Test
	void extOnAColourImageStopsTheMacroWithTheFix() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(resource("jsn-rgb.ijm"), "");
		assertTrue(run.output.contains("colour"), run.output);
		assertTrue(run.output.contains("Image>Type>32-bit"), run.output);
		assertFalse(run.output.contains("not reached"), run.output);
	}

	@Test
	void extComparesTwoVisitsWithinTheProgressionGoal() throws Exception {
		final Path visit2 = home.resolve("visit2.tif");
		IJ.saveAsTiff(ImagePlusRadiographs.toImagePlus(JointPhantom.render(
			JointPhantomParameters.builder().jswMm(1.4).seed(7).build())
			.attenuation(), "visit2"), visit2.toString());
		final PlainImageJ.Run run = imageJ.runMacro(resource("jsn-compare.ijm"),
			JsnSample.image() + ";" + visit2 + ";" + JsnSample.REGION_TEXT);
		assertTrue(run.output.contains("done"), run.output);
		assertEquals(-0.1, printed(run.output, "deltaJsw"), 0.03, run.output);
		final double u = printed(run.output, "uncertainty");
		assertTrue(u > 0 && u < 0.03, run.output);
		assertEquals(0, printed(run.output, "grade"), 0, run.output);
	}

	/**
	 * macros/batch-jsw.ijm headless over phantoms at 0.5, 1 and 2 mm (one of
	 * them with its own .roi), one CSV row each within the accuracy goal.
	 */
	@Test
	void batchMacroMeasuresAFolderIntoOneCsv() throws Exception {
		final Path folder = Files.createDirectories(home.resolve("joints"));
		final double[] widths = { 0.5, 1.0, 2.0 };
		final double[] truth = new double[widths.length];
		for (int i = 0; i < widths.length; i++) {
			final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
				.builder().jswMm(widths[i]).seed(40 + i).build());
			final JswProfile t = r.jsw();
			IJ.saveAsTiff(ImagePlusRadiographs.toImagePlus(r.attenuation(), "j" + i),
				folder.resolve("joint-" + i + ".tif").toString());
			// joint 2 carries its own region (shifted 4 px left): a .roi beside it
			final int x = i == 2 ? 86 : 90;
			truth[i] = JsnSample.trueMeanJsw(t.uMm(), t.jswMm(), x, 61, 120);
			if (i == 2) {
				final ij.gui.Roi roi = new ij.gui.Roi(x, 140, 61, 41);
				new ij.io.RoiEncoder(folder.resolve("joint-2.roi").toString()).write(
					roi);
			}
		}
		Files.write(folder.resolve("notes.txt"), "not an image".getBytes(
			StandardCharsets.UTF_8));
		final Path csv = home.resolve("joints-jsw.csv");
		final PlainImageJ.Run run = imageJ.runMacro(BuiltArtifacts.root().resolve(
			"macros/batch-jsw.ijm"), "folder=" + folder + ";csv=" + csv +
				";region=90,140,61,41");
		assertTrue(run.output.contains("measured 3 images"), run.output);
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(4, lines.size(), lines.toString());
		final List<String> header = java.util.Arrays.asList(lines.get(0).split(
			","));
		for (int i = 0; i < widths.length; i++) {
			final String[] f = lines.get(i + 1).split(",");
			assertEquals("joint-" + i + ".tif", f[header.indexOf("image")]);
			assertEquals("mm", f[header.indexOf("unit")]);
			final double mean = Double.parseDouble(f[header.indexOf("meanJsw")]);
			assertEquals(truth[i], mean, JsnSample.ACCURACY_MM, "joint-" + i +
				" true mean " + truth[i]);
			final double min = Double.parseDouble(f[header.indexOf("minJsw")]);
			assertEquals(widths[i], min, JsnSample.ACCURACY_MM, "joint-" + i);
		}
		final PlainImageJ.Run again = imageJ.runMacro(BuiltArtifacts.root()
			.resolve("macros/batch-jsw.ijm"), "folder=" + folder + ";csv=" + csv +
				";region=90,140,61,41");
		assertTrue(again.output.contains("already exists"), again.output);
	}

	private static Path resource(final String name) throws IOException {
		final Path target = home.resolve(name);
		if (!Files.exists(target)) {
			try (InputStream in = JsnMacroFrontDoorTest.class.getResourceAsStream(
				"/macros/" + name))
			{
				Files.copy(in, target);
			}
		}
		return target;
	}
}
