package org.bonexr.separation;

import ij.ImagePlus;

import java.io.File;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.Radiograph;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Separation>Segment Joint Bones}: masks of the upper
 * (distal) and lower (proximal) bone of a joint radiograph without manual
 * annotation ({@link JointBoneSegmenter}), as a label image (1 upper, 2
 * lower, 3 both) and, when not headless, as two ROIs in the ROI Manager.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Separation>Segment Joint Bones",
	description = "Masks of the two bones of a joint radiograph (upper = distal, lower = proximal) from the separation model; label image 1 upper, 2 lower, 3 both.")
public class SegmentJointBonesCommand extends BoneXRCommand {

	@Parameter(label = "Radiograph",
		description = "8/16/32-bit joint radiograph; its ROI (bounding box) if one is drawn.")
	private ImagePlus image;

	@Parameter(label = "Input values", persist = false, choices = { SeparationInputs.AUTO,
		SeparationInputs.ATTENUATION, SeparationInputs.INTENSITY })
	private String values = SeparationInputs.AUTO;

	@Parameter(label = "Model (empty = shipped demo)", required = false,
		persist = false,
		style = "extensions:zip/yaml")
	private File model;

	@Parameter(label = "Tile size (px)", min = "64", persist = false)
	private int tile = 512;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus boneMasks;

	@Parameter(type = ItemIO.OUTPUT, label = "Upper area (px)")
	private long upperArea;

	@Parameter(type = ItemIO.OUTPUT, label = "Lower area (px)")
	private long lowerArea;

	@Parameter(type = ItemIO.OUTPUT, label = "Overlap area (px)")
	private long overlapArea;

	@Parameter
	private ModelService models;

	@Parameter
	private ComputeBackendService compute;

	@Override
	protected void execute() {
		SeparationInputs.requireMemory(image, "Segmenting the joint bones");
		final Radiograph a = SeparationInputs.attenuation(image, values, compute);
		a.warnings().forEach(log()::warn);
		final SeparationModel m = SeparationInputs.model(model, models);
		progress(0, 1, "Segmenting the bones of " + image.getTitle());
		final BoneMasks masks = JointBoneSegmenter.segment(m, a.pixels(), tile,
			null);
		boneMasks = SeparationInputs.labelImage(masks, a, SeparationInputs.stem(
			image.getTitle()) + "-bone-masks");
		upperArea = masks.area(true);
		lowerArea = masks.area(false);
		overlapArea = masks.overlapArea();
		SeparationInputs.toRoiManager(masks, image);
		progress(1, 1, "Segmented " + image.getTitle());
	}
}
