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

/**
 * Front door 2: real {@code .ijm} files through the macro interpreter of a
 * plain ImageJ 1 with the built plugin jars in its plugins folder.
 */
class MacroFrontDoorTest {

	@TempDir
	static Path home;

	private static PlainImageJ imageJ;

	@BeforeAll
	static void installImageJ() throws IOException {
		imageJ = PlainImageJ.install(home);
	}

	@Test
	void extConvertToAttenuationRecoversKnownAttenuation() throws Exception {
		final Path in = home.resolve("knee.tif");
		final Path out = home.resolve("knee-attenuation.tif");
		final ImagePlus input = TestImages.knownAttenuation16Bit();
		IJ.saveAsTiff(input, in.toString());
		final byte[] before = Files.readAllBytes(in);
		final PlainImageJ.Run run = imageJ.runMacro(macro(
			"convert-to-attenuation.ijm"), in + "," + out);
		assertTrue(run.output.contains("done"), run.output);
		assertTrue(run.output.contains("i0Used=" + TestImages.I0), run.output);
		assertTrue(run.output.contains("unit=mm pixelWidth=0.1"), run.output);
		assertTrue(run.output.contains("backend="), run.output);
		final ImagePlus a = IJ.openImage(out.toString());
		assertTrue(TestImages.maxErrorBeyondRounding(a) <= 1e-5);
		assertEquals(0.1, a.getCalibration().pixelWidth, 1e-9);
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)),
			"input file modified");
	}

	@Test
	void boneXRErrorBecomesMacroErrorWithTheFix() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(macro("rgb-error.ijm"), "");
		assertTrue(run.output.contains("colour"), run.output);
		assertTrue(run.output.contains("Image>Type>32-bit"), run.output);
		assertFalse(run.output.contains("not reached"), run.output);
	}

	@Test
	void sampleImagesOpenFromTheOpenSamplesMenu() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(macro("open-sample.ijm"), "");
		assertTrue(run.output.contains("title=joint-phantom-intensity.tif"), run
			.output);
		assertTrue(run.output.contains("unit=mm pixelWidth=0.1"), run.output);
	}

	private static Path macro(final String name) throws IOException {
		final Path target = home.resolve(name);
		if (!Files.exists(target)) {
			try (InputStream in = MacroFrontDoorTest.class.getResourceAsStream(
				"/macros/" + name))
			{
				Files.copy(in, target);
			}
		}
		return target;
	}
}
