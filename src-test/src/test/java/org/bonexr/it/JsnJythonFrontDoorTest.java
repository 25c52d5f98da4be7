package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * Front door 4: a {@code #@} Jython script that measures the sample joint
 * with BoneXR's JSW algorithm, no UI, through SciJava's ScriptService.
 */
class JsnJythonFrontDoorTest {

	private static final String SCRIPT = String.join("\n",
		"#@ String path",
		"#@ int x",
		"#@ int y",
		"#@ int width",
		"#@ int height",
		"#@output double minJsw",
		"#@output double meanJsw",
		"#@output int positions",
		"#@output String unit",
		"from java.nio.file import Paths",
		"from org.bonexr.core.io import RadiographReader",
		"from org.bonexr.jsn import JointImage, JointAxis, JointSpaceWidth",
		"radiograph = RadiographReader.read(Paths.get(path))",
		"axis = JointAxis.ofRectangle(x, y, width, height)",
		"m = JointSpaceWidth().measure(JointImage.ofRadiograph(radiograph), axis)",
		"minJsw = m.minJsw()",
		"meanJsw = m.meanJsw()",
		"positions = m.validCount()",
		"unit = m.unit()", "");

	@Test
	void scriptMeasuresTheSampleJointWithinTheAccuracyGoal() throws Exception {
		final int[] r = JsnSample.REGION;
		try (Context context = new Context()) {
			final ScriptModule m = context.service(ScriptService.class).run(
				"jsw.py", SCRIPT, true, "path", JsnSample.image().toString(), "x", r[0],
				"y", r[1], "width", r[2], "height", r[3]).get();
			assertEquals("mm", m.getOutput("unit"));
			assertEquals(JsnSample.trueMeanJswInRegion(), (Double) m.getOutput(
				"meanJsw"), JsnSample.ACCURACY_MM);
			assertEquals(JsnSample.TRUE_MIN_JSW_MM, (Double) m.getOutput("minJsw"),
				JsnSample.ACCURACY_MM);
			assertTrue((Integer) m.getOutput("positions") >= 55);
		}
	}
}
