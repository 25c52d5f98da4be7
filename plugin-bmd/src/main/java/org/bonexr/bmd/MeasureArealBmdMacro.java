package org.bonexr.bmd;

import ij.ImagePlus;
import ij.macro.MacroExtension;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.Map;

import org.bonexr.core.CommandRuns;
import org.bonexr.drr.MacroOptions;
import org.bonexr.macro.MacroFunction;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Ext.measureArealBmdFromCt(ctPath, maskPath, labels, slope, intercept,
 * bmd, bmc, area[, options])}: runs {@code Measure Areal BMD from CT}
 * (maskPath "" = HU threshold 200; labels "" = mask &gt; 0; calibration
 * mg/cm³ = slope·HU + intercept) and stores areal BMD (g/cm²), BMC (g) and
 * area (cm²) in the three output variables: over the whole projected bone, or
 * in the ROI or ROIs the options name ({@code roiFile=path.roi} or
 * {@code roisFromRoiManager=true}: the first ROI's numbers; every ROI's row
 * is in the shown results table). Further options as {@link MacroOptions},
 * e.g. {@code "pixelMm=1 tReference=[total hip, NHANES III white women 20-29]"}.
 * With ROIs, the bone-mineral DRR is shown with them as overlay.
 */
@Plugin(type = MacroFunction.class, name = "measureArealBmdFromCt")
public class MeasureArealBmdMacro implements MacroFunction {

	@Parameter
	private CommandService commands;

	@Parameter
	private ConvertService convert;

	@Override
	public int[] argTypes() {
		final int out = MacroExtension.ARG_NUMBER | MacroExtension.ARG_OUTPUT;
		return new int[] { MacroExtension.ARG_STRING, MacroExtension.ARG_STRING,
			MacroExtension.ARG_STRING, MacroExtension.ARG_NUMBER,
			MacroExtension.ARG_NUMBER, out, out, out, MacroExtension.ARG_STRING |
				MacroExtension.ARG_OPTIONAL };
	}

	@Override
	public String call(final Object[] args) {
		final Map<String, Object> in = MacroOptions.parse(args.length > 8
			? (String) args[8] : "", MeasureArealBmdCommand.class, commands, convert,
			"ct", "mask", "labels", "slopeMgPerCm3PerHu", "interceptMgPerCm3");
		in.put("ct", new File((String) args[0]));
		final String mask = (String) args[1];
		if (!mask.trim().isEmpty()) in.put("mask", new File(mask));
		in.put("labels", args[2]);
		in.put("slopeMgPerCm3PerHu", args[3]);
		in.put("interceptMgPerCm3", args[4]);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			MeasureArealBmdCommand.class, in);
		if (in.containsKey("roiFile") || Boolean.TRUE.equals(in.get(
			"roisFromRoiManager")))
		{
			((ImagePlus) m.getOutput("drr")).show();
			((ResultsTable) m.getOutput("bmdTable")).show("Areal BMD");
		}
		((Double[]) args[5])[0] = (Double) m.getOutput("bmdGPerCm2");
		((Double[]) args[6])[0] = (Double) m.getOutput("bmcG");
		((Double[]) args[7])[0] = (Double) m.getOutput("areaCm2");
		return null;
	}
}
