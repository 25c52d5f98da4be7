package org.bonexr.bmd;

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
 * {@code Ext.measureArealBmdFromCt(ctPath, maskPath, labels, slope, intercept,
 * bmd, bmc, area)}: runs {@code Measure Areal BMD from CT} on the whole
 * projected bone (maskPath "" = HU threshold 200; labels "" = mask &gt; 0;
 * calibration mg/cm³ = slope·HU + intercept) and stores areal BMD (g/cm²),
 * BMC (g) and area (cm²) in the three output variables.
 */
@Plugin(type = MacroFunction.class, name = "measureArealBmdFromCt")
public class MeasureArealBmdMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_STRING,
			MacroExtension.ARG_STRING, MacroExtension.ARG_NUMBER,
			MacroExtension.ARG_NUMBER, out, out, out };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", new File((String) args[0]));
		final String mask = (String) args[1];
		if (!mask.trim().isEmpty()) in.put("mask", new File(mask));
		in.put("labels", args[2]);
		in.put("slopeMgPerCm3PerHu", args[3]);
		in.put("interceptMgPerCm3", args[4]);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			MeasureArealBmdCommand.class, in);
		((Double[]) args[5])[0] = (Double) m.getOutput("bmdGPerCm2");
		((Double[]) args[6])[0] = (Double) m.getOutput("bmcG");
		((Double[]) args[7])[0] = (Double) m.getOutput("areaCm2");
		return null;
	}
}
