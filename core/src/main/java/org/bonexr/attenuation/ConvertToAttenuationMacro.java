package org.bonexr.attenuation;

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
 * {@code Ext.convertToAttenuation(i0, i0Used)}: converts the current image
 * (i0 = 0 estimates I0), shows the attenuation image, which becomes the
 * current image, and stores the I0 used in the output variable.
 */
@Plugin(type = MacroFunction.class, name = "convertToAttenuation")
public class ConvertToAttenuationMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_NUMBER, MacroExtension.ARG_NUMBER |
			MacroExtension.ARG_OUTPUT };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", IJ.getImage());
		inputs.put("i0", args[0]);
		inputs.put("normalise", false);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			ConvertToAttenuationCommand.class, inputs);
		((ImagePlus) m.getOutput("attenuation")).show();
		((Double[]) args[1])[0] = (Double) m.getOutput("i0Used");
		return null;
	}
}
