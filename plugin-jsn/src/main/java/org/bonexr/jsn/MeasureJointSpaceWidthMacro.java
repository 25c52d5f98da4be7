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
 * {@code Ext.measureJointSpaceWidth(minJsw, meanJsw, medianJsw[,
 * proximalTitle, distalTitle])}: measures the current image in its ROI
 * (rectangle or line across the joint) and stores min, mean and median JSW
 * (mm, or px without calibration) in the output variables. The optional
 * titles name two open images, the proximal (lower) and distal (upper) bone
 * layers (e.g. {@code Ext.separateBoneLayers}' {@code <stem>-lower} and
 * {@code <stem>-upper}) or masks: each margin is then found in its own
 * layer, and without an ROI the region is placed from them.
 */
@Plugin(type = MacroFunction.class, name = "measureJointSpaceWidth")
public class MeasureJointSpaceWidthMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		final int title = MacroExtension.ARG_STRING | MacroExtension.ARG_OPTIONAL;
		return new int[] { out, out, out, title, title };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		if (given(args[3]) || given(args[4])) {
			inputs.put("proximal", openImage(args[3], "proximal (lower)"));
			inputs.put("distal", openImage(args[4], "distal (upper)"));
		}
		final CommandModule m = CommandRuns.runOrThrow(commands,
			MeasureJointSpaceWidthCommand.class, inputs);
		((Double[]) args[0])[0] = (Double) m.getOutput("minJsw");
		((Double[]) args[1])[0] = (Double) m.getOutput("meanJsw");
		((Double[]) args[2])[0] = (Double) m.getOutput("medianJsw");
		return null;
	}

	private static boolean given(final Object title) {
		return title != null && !((String) title).isEmpty();
	}

	private static ImagePlus openImage(final Object title, final String which) {
		final ImagePlus imp = given(title) ? WindowManager.getImage(
			(String) title) : null;
		if (imp == null) {
			throw new BoneXRException("No open image is titled '" + (given(title)
				? title : "") + "' for the " + which + " bone layer.",
				"Give the titles of both open layers (or masks), e.g. the " +
					"'<name>-lower' and '<name>-upper' images of Ext.separateBoneLayers.");
		}
		return imp;
	}
}
