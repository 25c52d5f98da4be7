package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * Front door 4: a {@code #@} Jython script run through SciJava's
 * ScriptService, using BoneXR's algorithms without any UI.
 */
class JythonFrontDoorTest {

	private static final String SCRIPT = String.join("\n",
		"#@ String path",
		"#@ org.bonexr.kernels.ComputeBackendService compute",
		"#@output ij.ImagePlus attenuation",
		"#@output double i0",
		"#@output String unit",
		"from java.nio.file import Paths",
		"from org.bonexr.core.io import RadiographReader, ImagePlusRadiographs",
		"from org.bonexr.attenuation import AttenuationConversion",
		"radiograph = RadiographReader.read(Paths.get(path))",
		"result = AttenuationConversion(compute).convert(radiograph, 0, False)",
		"attenuation = ImagePlusRadiographs.toImagePlus(result.attenuation, 'a')",
		"i0 = result.i0",
		"unit = result.attenuation.spacing().unit()", "");

	@Test
	void scriptConvertsAFileToAttenuation(@TempDir final Path dir)
		throws Exception
	{
		final Path tif = dir.resolve("knee.tif");
		IJ.saveAsTiff(TestImages.knownAttenuation16Bit(), tif.toString());
		try (Context context = new Context()) {
			final ScriptModule m = context.service(ScriptService.class).run(
				"convert.py", SCRIPT, true, "path", tif.toString()).get();
			assertEquals(TestImages.I0, (Double) m.getOutput("i0"), 0);
			assertEquals("mm", m.getOutput("unit"));
			final ImagePlus a = (ImagePlus) m.getOutput("attenuation");
			assertTrue(TestImages.maxErrorBeyondRounding(a) <= 1e-5);
		}
	}
}
