package org.bonexr.separation;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;

import java.io.File;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;
import org.bonexr.separation.PhysicsReconstructor.Distribution;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Separate Bone Layers}: separates a joint radiograph
 * (whole image or the bounding box of its ROI) into the upper (distal) bone,
 * lower (proximal) bone and soft-tissue layers, in the attenuation domain
 * where they add up to the radiograph (see {@link LayerSeparator}). The
 * default model is the shipped DEMO model trained on phantoms
 * ({@link ShippedModel}). Nothing is modified in place.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Separate Bone Layers",
	description = "Separates the overlapping bones of a joint radiograph into upper (distal) and lower (proximal) bone layers and soft tissue, which add up to the radiograph in attenuation. Default model: a demo trained on phantoms.")
public class SeparateBoneLayersCommand extends BoneXRCommand {

	@Parameter(label = "Radiograph",
		description = "8/16/32-bit joint radiograph; its ROI (bounding box) if one is drawn.")
	private ImagePlus image;

	@Parameter(label = "Input values", persist = false, choices = { SeparationInputs.AUTO,
		SeparationInputs.ATTENUATION, SeparationInputs.INTENSITY },
		description = "auto: the BoneXR domain property of the image (intensity when absent); intensity is converted to attenuation (Beer-Lambert, I0 estimated).")
	private String values = SeparationInputs.AUTO;

	@Parameter(label = "Model (empty = shipped demo)", required = false,
		persist = false,
		style = "extensions:zip/yaml",
		description = "bioimage.io separation model (folder's rdf.yaml or zip); empty: the demo model trained on phantoms.")
	private File model;

	@Parameter(label = "Bone masks (label image, optional)", required = false,
		persist = false,
		description = "1 upper, 2 lower, 3 both; the image's or the ROI's size. None (or the radiograph itself): predicted by the model.")
	private ImagePlus masks;

	@Parameter(label = "Make layers add up exactly", persist = false,
		description = "Project the layers onto 'upper + lower + soft tissue = input' by distributing the residual.")
	private boolean project = true;

	@Parameter(label = "Residual distribution", persist = false, choices = { "proportional",
		"equal" },
		description = "proportional: to each layer's share of the attenuation (equal where all are 0); equal: a third each.")
	private String distribution = "proportional";

	@Parameter(label = "Tile size (px)", min = "64", persist = false,
		description = "Images larger than this run tile by tile (halo and blending).")
	private int tile = 512;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus upper;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus lower;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus softTissue;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus display;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus residual;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus boneMasks;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Residual RMS (% of range)")
	private double residualRmsPercent;

	@Parameter(type = ItemIO.OUTPUT, label = "Residual max (% of range)")
	private double residualMaxPercent;

	@Parameter(type = ItemIO.OUTPUT,
		label = "Residual max after projection (% of range)")
	private double finalResidualMaxPercent;

	@Parameter
	private ModelService models;

	@Parameter
	private ComputeBackendService compute;

	@Override
	protected void execute() {
		SeparationInputs.requireMemory(image, "Separating the bone layers");
		final Radiograph a = SeparationInputs.attenuation(image, values, compute);
		a.warnings().forEach(log()::warn);
		final BoneMasks given = SeparationInputs.masks(masks, image, a);
		final SeparationModel m = SeparationInputs.model(model, models);
		progress(0, 1, "Separating bone layers of " + image.getTitle());
		final SeparationResult r = new LayerSeparator(m, tile, project,
			"equal".equals(distribution) ? Distribution.EQUAL
				: Distribution.PROPORTIONAL).separate(a, given, (done,
					total) -> progress(done, total + 1, "Separating " + image
						.getTitle() + ": tile " + done + "/" + total));
		final String stem = SeparationInputs.stem(image.getTitle());
		final Layers l = r.layers();
		upper = ImagePlusRadiographs.toImagePlus(l.radiograph(0, ""), stem +
			"-upper");
		lower = ImagePlusRadiographs.toImagePlus(l.radiograph(1, ""), stem +
			"-lower");
		softTissue = ImagePlusRadiographs.toImagePlus(l.radiograph(2, ""), stem +
			"-soft-tissue");
		display = display(l, r.networkResidual().inputRange(), stem +
			"-layers-display");
		display.setCalibration(upper.getCalibration());
		residual = ImagePlusRadiographs.toImagePlus(a.withPixels(r
			.networkResidual().image(), ValueDomain.ATTENUATION), stem + "-residual");
		boneMasks = SeparationInputs.labelImage(r.masks(), a, stem + "-bone-masks");
		residualRmsPercent = r.networkResidual().rmsPercent();
		residualMaxPercent = r.networkResidual().maxAbsPercent();
		finalResidualMaxPercent = r.finalResidual().maxAbsPercent();
		summary = summary(r, m.name());
		SeparationInputs.toRoiManager(r.masks(), image);
		progress(1, 1, "Separated " + image.getTitle() + ": " + r
			.networkResidual());
	}

	private ResultsTable summary(final SeparationResult r, final String name) {
		final ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addValue("Image", image.getTitle());
		t.addValue("Model", name);
		t.addValue("Width", r.layers().width());
		t.addValue("Height", r.layers().height());
		t.addValue("Masks", r.masksPredicted() ? "predicted" : "given");
		t.addValue("Upper area (px)", r.masks().area(true));
		t.addValue("Lower area (px)", r.masks().area(false));
		t.addValue("Overlap area (px)", r.masks().overlapArea());
		t.addValue("Input range", r.networkResidual().inputRange());
		t.addValue("Residual RMS", r.networkResidual().rms());
		t.addValue("Residual RMS (%)", r.networkResidual().rmsPercent());
		t.addValue("Residual max", r.networkResidual().maxAbs());
		t.addValue("Residual max (%)", r.networkResidual().maxAbsPercent());
		t.addValue("Projected", r.projected() ? 1 : 0);
		t.addValue("Final residual max (%)", r.finalResidual().maxAbsPercent());
		return t;
	}

	/**
	 * 8-bit stack (upper, lower, soft tissue) on one scale: attenuation 0 →
	 * 0, the input's range → 255, so the layers' shares compare by eye.
	 */
	static ImagePlus display(final Layers l, final double range,
		final String title)
	{
		final int w = (int) l.width(), h = (int) l.height();
		final ImageStack s = new ImageStack(w, h);
		final double scale = range > 0 ? 255 / range : 1;
		for (int k = 0; k < 3; k++) {
			final float[] v = Pixels.floats(l.get(k));
			final ByteProcessor bp = new ByteProcessor(w, h);
			for (int i = 0; i < v.length; i++) {
				bp.set(i, (int) Math.max(0, Math.min(255, Math.round(v[i] * scale))));
			}
			s.addSlice(Layers.NAMES[k], bp);
		}
		return new ImagePlus(title, s);
	}
}
