package org.bonexr.separation;

import ij.IJ;
import ij.ImagePlus;
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
 * {@code Ext.segmentJointBones(model, overlapArea)}: masks of the two bones
 * of the current image (its ROI if any) with the model file ("" = shipped
 * demo model); shows the label image (1 upper, 2 lower, 3 both), which
 * becomes the current image, and stores the overlap area in pixels.
 */
@Plugin(type = MacroFunction.class, name = "segmentJointBones")
public class SegmentJointBonesMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_NUMBER |
			MacroExtension.ARG_OUTPUT };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		inputs.put("values", SeparationInputs.AUTO);
		inputs.put("model", SeparateBoneLayersMacro.modelFile((String) args[0]));
		inputs.put("tile", 512);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			SegmentJointBonesCommand.class, inputs);
		((ImagePlus) m.getOutput("boneMasks")).show();
		((Double[]) args[1])[0] = ((Long) m.getOutput("overlapArea")).doubleValue();
		return null;
	}
}
