package org.bonexr.drr;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.MacroExtension;

import java.util.Map;

import org.bonexr.core.CommandRuns;
import org.bonexr.macro.MacroFunction;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code title = Ext.generateDrrFromCt(angles, options)}: runs
 * {@code Generate DRR from CT} on the current image (a CT stack with its voxel
 * size; values through its calibration, HU) at the gantry angles in
 * {@code angles} (degrees, comma-separated, one slice each), shows the DRR
 * stack, which becomes the current image, and returns its title.
 * {@code options} holds further parameters of the command
 * ({@link MacroOptions}), e.g.
 * {@code "geometry=[parallel beam] parallelPixelMm=0.5 quantity=[bone mineral (g/cm2)]"};
 * "" keeps the defaults (cone beam SAD 1000, SID 1500, 512² detector of
 * 400 mm, exact, attenuation).
 */
@Plugin(type = MacroFunction.class, name = "generateDrrFromCt")
public class GenerateDrrMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Parameter
	private ConvertService convert;

	@Override
	public int[] argTypes() {
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_STRING };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> in = MacroOptions.parse((String) args[1],
			GenerateDrrCommand.class, commands, convert, "ctImage", "ct",
			"gantryAnglesDeg");
		in.put("ctImage", IJ.getImage());
		in.put("gantryAnglesDeg", args[0]);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			GenerateDrrCommand.class, in);
		final ImagePlus drr = (ImagePlus) m.getOutput("drr");
		drr.show();
		return drr.getTitle();
	}
}
