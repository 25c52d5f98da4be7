package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * A {@code #@} Jython script that separates a radiograph with BoneXR's
 * algorithm classes (no UI): the usage shown in docs/separation.md.
 */
class SeparationJythonTest {

	static final String SCRIPT = String.join("\n",
		"#@ String path",
		"#@ org.bonexr.model.ModelService models",
		"#@output double rmsPercent",
		"#@output double projectedMaxPercent",
		"#@output long overlap",
		"#@output String unit",
		"from java.nio.file import Paths",
		"from org.bonexr.core.io import RadiographReader",
		"from org.bonexr.separation import LayerSeparator, SeparationModel, ShippedModel",
		"radiograph = RadiographReader.read(Paths.get(path))  # attenuation TIFF",
		"model = SeparationModel(models.get(ShippedModel.path()))",
		"result = LayerSeparator(model).separate(radiograph, None, None)",
		"rmsPercent = result.networkResidual().rmsPercent()",
		"projectedMaxPercent = result.finalResidual().maxAbsPercent()",
		"overlap = result.masks().overlapArea()",
		"unit = result.layers().spacing().unit()", "");

	@Test
	void scriptSeparatesTheFlexedPhantom() throws Exception {
		try (Context context = new Context()) {
			final ScriptModule m = context.service(ScriptService.class).run(
				"separate.py", SCRIPT, true, "path", BuiltArtifacts.root().resolve(
					"sample-images/joint-phantom-flexed.tif").toString()).get();
			assertEquals("mm", m.getOutput("unit"));
			assertTrue((Double) m.getOutput("projectedMaxPercent") < 1e-3);
			final double rms = (Double) m.getOutput("rmsPercent");
			assertTrue(rms > 0 && rms < 100, "" + rms);
			assertTrue(((Number) m.getOutput("overlap")).longValue() > 0);
		}
	}
}
