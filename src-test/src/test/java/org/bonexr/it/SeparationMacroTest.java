package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ext.separateBoneLayers / Ext.segmentJointBones in a plain ImageJ 1 (xvfb). */
class SeparationMacroTest {

	@TempDir
	static Path home;

	private static PlainImageJ imageJ;

	@BeforeAll
	static void installImageJ() throws IOException {
		imageJ = PlainImageJ.install(home);
	}

	@Test
	void separatesTheFlexedPhantomAndAddsMasksToTheRoiManager()
		throws Exception
	{
		final Path in = BuiltArtifacts.root().resolve(
			"sample-images/joint-phantom-flexed.tif");
		final byte[] before = Files.readAllBytes(in);
		final Path out = Files.createDirectories(home.resolve("out"));
		final PlainImageJ.Run run = imageJ.runMacro(macro("separation-layers.ijm"),
			in + "," + out);
		assertTrue(run.output.contains("done"), run.output);
		assertTrue(run.output.contains("current=joint-phantom-flexed-upper"), run
			.output);
		assertTrue(run.output.contains("unit=mm pixelWidth=0.1"), run.output);
		assertTrue(run.output.contains("rois=2"), run.output);
		assertTrue(run.output.contains("labels=joint-phantom-flexed-bone-masks"),
			run.output);
		final double rms = number(run.output, "residualRmsPercent=");
		assertTrue(rms > 0 && rms < 100, run.output);
		assertTrue(number(run.output, "overlap=") > 0, run.output);
		// masks from the ROI Manager (the predicted ones the first run added): same layers, same residual
		assertEquals(rms, number(run.output, "roiRms="), 0, run.output);
		final ImagePlus upper = IJ.openImage(out.resolve("upper.tif").toString());
		assertEquals(32, upper.getBitDepth());
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)));
	}

	@Test
	void stackIsAMacroErrorWithTheFix() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(macro(
			"separation-stack-error.ijm"), "");
		assertTrue(run.output.contains("stack of 3"), run.output);
		assertFalse(run.output.contains("not reached"), run.output);
	}

	private static double number(final String output, final String key) {
		final int i = output.indexOf(key);
		assertTrue(i >= 0, output);
		int j = i + key.length();
		while (j < output.length() && !Character.isWhitespace(output.charAt(j)))
			j++;
		return Double.parseDouble(output.substring(i + key.length(), j));
	}

	private static Path macro(final String name) throws IOException {
		final Path target = home.resolve(name);
		if (!Files.exists(target)) {
			try (InputStream in = SeparationMacroTest.class.getResourceAsStream(
				"/macros/" + name))
			{
				Files.copy(in, target);
			}
		}
		return target;
	}
}
