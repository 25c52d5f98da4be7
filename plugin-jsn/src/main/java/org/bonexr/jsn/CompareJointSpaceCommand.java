package org.bonexr.jsn;

import ij.ImagePlus;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.kernels.ComputeBackendService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Joint Space>Compare Joint Space Between Visits}: two
 * radiographs of the same joint → ΔJSW (visit 2 − visit 1) with an
 * uncertainty, by per-bone phase-only-correlation registration
 * ({@link JointSpaceComparison}), and a JSN grade suggestion for visit 2
 * from its ratio to a normal JSW ({@link JsnGrade}). The region is taken
 * from visit 1 (its ROI or the region text).
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Joint Space>Compare Joint Space Between Visits",
	description = "Joint space width change between two radiographs of the same joint, by per-bone sub-pixel registration.")
public class CompareJointSpaceCommand extends BoneXRCommand {

	@Parameter(persist = false, label = "Visit 1 radiograph")
	private ImagePlus first;

	@Parameter(persist = false, label = "Visit 2 radiograph")
	private ImagePlus second;

	@Parameter(persist = false, label = "Region x,y,width,height on visit 1 (px; empty = its ROI)",
		required = false)
	private String region = "";

	@Parameter(persist = false, label = "Normal JSW (mm; 0 = visit 1's mean)", min = "0")
	private double normalJsw = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "ΔJSW")
	private double deltaJsw;

	@Parameter(type = ItemIO.OUTPUT, label = "ΔJSW uncertainty")
	private double uncertainty;

	@Parameter(type = ItemIO.OUTPUT, label = "ΔJSW from paired widths")
	private double deltaJswPaired;

	@Parameter(type = ItemIO.OUTPUT, label = "Mean JSW visit 1")
	private double meanJsw1;

	@Parameter(type = ItemIO.OUTPUT, label = "Mean JSW visit 2")
	private double meanJsw2;

	@Parameter(type = ItemIO.OUTPUT, label = "JSN grade suggestion (0-4)")
	private int jsnGrade;

	@Parameter(type = ItemIO.OUTPUT, label = "Unit")
	private String unit;

	@Parameter
	private ComputeBackendService compute;

	@Override
	protected void execute() {
		JointSpaceInputs.requireMemory("Comparing the joint space", first, second);
		progress(0, 1, "Comparing " + first.getTitle() + " and " + second
			.getTitle());
		final JointImage a = JointImage.ofRadiograph(JointSpaceInputs.attenuation(
			first, compute, 0));
		final JointImage b = JointImage.ofRadiograph(JointSpaceInputs.attenuation(
			second, compute, 0));
		final JointAxis axis = JointSpaceInputs.axis(first, region, 0, null, null);
		final JswChange c = new JointSpaceComparison().compare(a, b, axis);
		c.first().warnings().forEach(log()::warn);
		deltaJsw = c.deltaJsw();
		uncertainty = c.uncertainty();
		deltaJswPaired = c.deltaJswDirect();
		meanJsw1 = c.first().meanJsw();
		meanJsw2 = c.second().meanJsw();
		unit = c.unit();
		jsnGrade = JsnGrade.suggest(meanJsw2, normalJsw > 0 ? normalJsw
			: meanJsw1);
		progress(1, 1, c.toString());
	}
}
