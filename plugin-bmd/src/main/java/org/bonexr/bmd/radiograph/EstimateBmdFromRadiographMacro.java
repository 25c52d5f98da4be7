package org.bonexr.bmd.radiograph;

import ij.IJ;
import ij.ImagePlus;
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
 * {@code Ext.estimateBmdFromRadiograph(modelPath, bmd, totalHipBmd)}: runs
 * Estimate BMD from Radiograph on the current image ("" = the shipped demo
 * model). With an area selection, {@code bmd} is the aBMD in it and
 * {@code totalHipBmd} NaN; without, {@code bmd} is the automatic femoral
 * neck's and {@code totalHipBmd} the total hip's (g/cm²). The bone DRR is
 * shown and becomes the current image.
 */
@Plugin(type = MacroFunction.class, name = "estimateBmdFromRadiograph")
public class EstimateBmdFromRadiographMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_NUMBER |
			MacroExtension.ARG_OUTPUT, MacroExtension.ARG_NUMBER |
				MacroExtension.ARG_OUTPUT };
	}

	@Override
	public String call(final Object[] args) {
		final ImagePlus imp = IJ.getImage();
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", imp);
		final String model = (String) args[0];
		inputs.put("model", model == null || model.trim().isEmpty() ? null
			: new File(model));
		inputs.put("region", imp.getRoi() != null && imp.getRoi().isArea()
			? EstimateBmdFromRadiographCommand.SELECTION
			: EstimateBmdFromRadiographCommand.AUTO);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			EstimateBmdFromRadiographCommand.class, inputs);
		((ImagePlus) m.getOutput("boneDrr")).show();
		((Double[]) args[1])[0] = (Double) m.getOutput("bmdGPerCm2");
		((Double[]) args[2])[0] = (Double) m.getOutput("totalHipBmdGPerCm2");
		return null;
	}
}
