package org.bonexr.bmd.radiograph;

import ij.macro.MacroExtension;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.bonexr.core.CommandRuns;
import org.bonexr.macro.MacroFunction;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Ext.calibrateBmdAgainstDxa(csvPath, calibrationPath, modelPath,
 * slope, intercept)}: runs Calibrate BMD Against DXA (femoral neck) on the
 * CSV (columns image, dxa_bmd[, estimate_bmd]; images relative to the CSV's
 * folder) with the model file ("" = the shipped demo model), writes the
 * calibration file and its two plots beside it, and stores the fitted slope
 * and intercept (g/cm²) in the output variables.
 */
@Plugin(type = MacroFunction.class, name = "calibrateBmdAgainstDxa")
public class CalibrateBmdAgainstDxaMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_STRING,
			MacroExtension.ARG_STRING, out, out };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("csv", new File((String) args[0]));
		inputs.put("output", new File((String) args[1]));
		final String model = (String) args[2];
		inputs.put("model", model == null || model.trim().isEmpty() ? null
			: new File(model));
		inputs.put("region", CalibrateBmdAgainstDxaCommand.NECK);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			CalibrateBmdAgainstDxaCommand.class, inputs);
		((Double[]) args[3])[0] = (Double) m.getOutput("slope");
		((Double[]) args[4])[0] = (Double) m.getOutput("intercept");
		return null;
	}
}
