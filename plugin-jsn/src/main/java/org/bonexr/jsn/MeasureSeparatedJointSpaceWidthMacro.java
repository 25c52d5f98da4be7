package org.bonexr.jsn;

import ij.IJ;
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
 * {@code Ext.measureSeparatedJointSpaceWidth(model, minJsw, meanJsw,
 * medianJsw)}: separates the current image's bone layers with the model file
 * ("" = the shipped demo model, trained on phantoms) and measures each
 * margin in its own bone's layer, in the image's ROI (rectangle or line
 * across the joint; none: placed from the separated layers); stores min,
 * mean and median JSW (mm, or px without calibration) in the output
 * variables.
 */
@Plugin(type = MacroFunction.class, name = "measureSeparatedJointSpaceWidth")
public class MeasureSeparatedJointSpaceWidthMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { MacroExtension.ARG_STRING, out, out, out };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		inputs.put("separate", true);
		final String model = (String) args[0];
		inputs.put("model", model == null || model.isEmpty() ? null : new File(
			model));
		final CommandModule m = CommandRuns.runOrThrow(commands,
			MeasureJointSpaceWidthCommand.class, inputs);
		((Double[]) args[1])[0] = (Double) m.getOutput("minJsw");
		((Double[]) args[2])[0] = (Double) m.getOutput("meanJsw");
		((Double[]) args[3])[0] = (Double) m.getOutput("medianJsw");
		return null;
	}
}
