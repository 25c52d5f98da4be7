package org.bonexr.jsn;

import ij.IJ;
import ij.macro.MacroExtension;

import java.util.HashMap;
import java.util.Map;

import org.bonexr.core.CommandRuns;
import org.bonexr.macro.MacroFunction;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Ext.measureJointSpaceWidth(minJsw, meanJsw, medianJsw)}: measures
 * the current image in its ROI (rectangle or line across the joint) and
 * stores min, mean and median JSW (mm, or px without calibration) in the
 * output variables.
 */
@Plugin(type = MacroFunction.class, name = "measureJointSpaceWidth")
public class MeasureJointSpaceWidthMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { out, out, out };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		final CommandModule m = CommandRuns.runOrThrow(commands,
			MeasureJointSpaceWidthCommand.class, inputs);
		((Double[]) args[0])[0] = (Double) m.getOutput("minJsw");
		((Double[]) args[1])[0] = (Double) m.getOutput("meanJsw");
		((Double[]) args[2])[0] = (Double) m.getOutput("medianJsw");
		return null;
	}
}
