package org.bonexr.separation;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
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
 * {@code Ext.separateBoneLayers(model, masks, residualRmsPercent)}:
 * separates the current image (its ROI if any) with the model file (""
 * = the shipped demo model) and the masks: "" = predicted, "ROI Manager" =
 * two ROIs of the ROI Manager (see {@link RoiMasks}: named upper/lower, else
 * first = upper, second = lower), otherwise the title of a label image;
 * shows the upper, lower and soft-tissue layers
 * (attenuation; the upper layer becomes the current image), their display
 * stack, the residual and the mask labels, and stores the residual RMS in % of the input range.
 */
@Plugin(type = MacroFunction.class, name = "separateBoneLayers")
public class SeparateBoneLayersMacro implements MacroFunction {

	/** The masks argument that takes the masks from the ROI Manager. */
	static final String ROI_MANAGER = "ROI Manager";

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_STRING,
			MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		inputs.put("values", SeparationInputs.AUTO);
		inputs.put("model", modelFile((String) args[0]));
		final String masks = (String) args[1];
		if (ROI_MANAGER.equalsIgnoreCase(masks == null ? "" : masks.trim())) {
			// read on the macro's thread: a batch-mode macro has its own ROI Manager
			inputs.put("maskRois", RoiMasks.pick(RoiMasks.fromRoiManager()));
			inputs.put("masks", null);
		}
		else inputs.put("masks", image(masks));
		inputs.put("project", true);
		inputs.put("distribution", "proportional");
		inputs.put("tile", 512);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			SeparateBoneLayersCommand.class, inputs);
		for (final String out : new String[] { "display", "residual", "boneMasks",
			"softTissue", "lower", "upper" })
		{
			((ImagePlus) m.getOutput(out)).show();
		}
		((Double[]) args[2])[0] = (Double) m.getOutput("residualRmsPercent");
		return null;
	}

	static File modelFile(final String path) {
		return path == null || path.isEmpty() ? null : new File(path);
	}

	static ImagePlus image(final String title) {
		if (title == null || title.isEmpty()) return null;
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) {
			throw new org.bonexr.core.BoneXRException("No open image is titled '" +
				title + "'.", "Open the mask label image first, or pass \"\" to " +
					"predict the masks.");
		}
		return imp;
	}
}
