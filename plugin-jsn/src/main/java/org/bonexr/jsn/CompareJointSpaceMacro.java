package org.bonexr.jsn;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.MacroExtension;

import java.util.HashMap;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.CommandRuns;
import org.bonexr.macro.MacroFunction;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Ext.compareJointSpaceBetweenVisits(secondTitle, deltaJsw,
 * uncertainty, jsnGrade)}: the current image (with its ROI across the joint)
 * is visit 1, the open image titled {@code secondTitle} visit 2; stores ΔJSW
 * (visit 2 − visit 1, mm, or px without calibration), its uncertainty and
 * the JSN grade suggestion (0–4, normal JSW = visit 1's mean) in the output
 * variables. See {@link CompareJointSpaceCommand}.
 */
@Plugin(type = MacroFunction.class, name = "compareJointSpaceBetweenVisits")
public class CompareJointSpaceMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { MacroExtension.ARG_STRING, out, out, out };
	}

	@Override
	public String call(final Object[] args) {
		final String title = (String) args[0];
		final ImagePlus second = WindowManager.getImage(title);
		if (second == null) {
			throw new BoneXRException("No open image is titled '" + title + "'.",
				"Open visit 2 first and pass its title (getTitle() after open()).");
		}
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("first", IJ.getImage());
		inputs.put("second", second);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			CompareJointSpaceCommand.class, inputs);
		((Double[]) args[1])[0] = (Double) m.getOutput("deltaJsw");
		((Double[]) args[2])[0] = (Double) m.getOutput("uncertainty");
		((Double[]) args[3])[0] = ((Integer) m.getOutput("jsnGrade"))
			.doubleValue();
		return null;
	}
}
