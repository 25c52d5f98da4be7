package org.bonexr.jsn;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.File;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

/**
 * {@code Plugins>BoneXR>Joint Space>Measure Joint Space Width}: JSW profile,
 * minimum / mean / median JSW and joint space area over the central part of
 * the joint, from a radiograph or from two separated bone layers. See
 * {@link JointSpaceWidth} for the method and {@link JointSpaceInputs} for how
 * the region and the optional layers/masks are taken. With "separate the
 * bone layers first" the layers come from a separation model
 * ({@link JointLayerSeparation}).
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Joint Space>Measure Joint Space Width",
	description = "Joint space width in mm (profile, min/mean/median, area) by sub-pixel edge-model fit of both bone margins.")
public class MeasureJointSpaceWidthCommand extends BoneXRCommand {

	@Parameter(persist = false, label = "Radiograph")
	private ImagePlus image;

	@Parameter(persist = false, label = "Proximal (lower) bone layer or mask", required = false,
		description = "A separated layer (margins found in it) or a binary mask (placement only).")
	private ImagePlus proximal;

	@Parameter(persist = false, label = "Distal (upper) bone layer or mask", required = false)
	private ImagePlus distal;

	@Parameter(persist = false, label = "Region x,y,width,height (px; empty = image ROI)",
		required = false)
	private String region = "";

	@Parameter(persist = false, label = "Half-width across a line ROI (px, 0 = half its length)",
		min = "0")
	private int lineHalfWidth = 0;

	@Parameter(persist = false, label = "Open-field intensity I0 (0 = estimate)", min = "0",
		description = "Only for radiographs in detected intensity.")
	private double i0 = 0;

	@Parameter(persist = false, label = "Separate the bone layers first",
		description = "Separate the radiograph with the separation model and find each margin in its own bone's layer (for overlapping bones).")
	private boolean separate = false;

	@Parameter(persist = false, label = "Separation model (empty = shipped demo)",
		required = false, style = "extensions:zip/yaml",
		description = "bioimage.io separation model (zip or rdf.yaml); empty: the demo model trained on phantoms.")
	private File model;

	@Parameter(type = ItemIO.OUTPUT, label = "Minimum JSW")
	private double minJsw;

	@Parameter(type = ItemIO.OUTPUT, label = "Mean JSW")
	private double meanJsw;

	@Parameter(type = ItemIO.OUTPUT, label = "Median JSW")
	private double medianJsw;

	@Parameter(type = ItemIO.OUTPUT, label = "Joint space area")
	private double area;

	@Parameter(type = ItemIO.OUTPUT, label = "Unit")
	private String unit;

	@Parameter(type = ItemIO.OUTPUT, label = "JSW results")
	private ResultsTable summary;

	@Parameter(type = ItemIO.OUTPUT, label = "JSW profile")
	private ResultsTable profile;

	@Parameter(type = ItemIO.OUTPUT, label = "JSW overlay")
	private ImagePlus overlay;

	@Parameter
	private ComputeBackendService compute;

	@Parameter
	private ModelService models;

	@Parameter
	private UIService ui;

	@Override
	protected void execute() {
		// an optional image left unset may arrive as an empty ImagePlus
		// (SciJava's default value for an unresolved input): that is no image
		proximal = givenOrNull(proximal);
		distal = givenOrNull(distal);
		if ((proximal == null) != (distal == null)) {
			throw new BoneXRException("Only one bone layer or mask was given.",
				"Give both the proximal and the distal one, or neither.");
		}
		JointSpaceInputs.requireMemory("Measuring the joint space", image, proximal, distal);
		progress(0, 3, "Measuring joint space in " + image.getTitle());
		final Radiograph radiograph = JointSpaceInputs.attenuation(image, compute,
			i0);
		Radiograph p = null, d = null;
		boolean layers = false;
		if (proximal != null) {
			layers = !JointSpaceInputs.isMask(proximal) && !JointSpaceInputs.isMask(
				distal);
			p = layers ? JointSpaceInputs.attenuation(proximal, compute, i0)
				: org.bonexr.core.io.ImagePlusRadiographs.fromImagePlus(proximal);
			d = layers ? JointSpaceInputs.attenuation(distal, compute, i0)
				: org.bonexr.core.io.ImagePlusRadiographs.fromImagePlus(distal);
		}
		JointAxis axis;
		final JointImage joint;
		if (separate) {
			if (layers) {
				throw new BoneXRException("Bone layers were given and 'separate the " +
					"bone layers first' is on.", "Give either the layers or the " +
						"radiograph to separate (bone masks may go with it).");
			}
			progress(1, 3, "Separating the bone layers of " + image.getTitle());
			axis = JointSpaceInputs.region(image, region, lineHalfWidth);
			if (axis == null && p != null) axis = JointAxis.fromMasks(
				JointSpaceInputs.mask(p), JointSpaceInputs.mask(d));
			final JointLayerSeparation separation = JointLayerSeparation.load(model,
				models);
			separation.requireMemory(radiograph);
			final JointLayerSeparation.Separated s = separation.separate(radiograph,
				axis);
			if (axis == null) axis = JointAxis.fromMasks(JointSpaceInputs.mask(s
				.proximal()), JointSpaceInputs.mask(s.distal()));
			joint = s.joint();
		}
		else {
			axis = JointSpaceInputs.axis(image, region, lineHalfWidth, p, d);
			joint = layers ? JointImage.ofLayers(p, d) : JointImage.ofRadiograph(
				radiograph);
		}
		final JswMeasurement m = new JointSpaceWidth().measure(joint, axis);
		m.warnings().forEach(log()::warn);
		minJsw = m.minJsw();
		meanJsw = m.meanJsw();
		medianJsw = m.medianJsw();
		area = m.area();
		unit = m.unit();
		summary = JswTables.summary(image.getTitle(), m);
		if (separate) summary.setValue("Margins from", 0, "model layers");
		profile = JswTables.profile(m);
		overlay = overlay(image, m);
		if (!GraphicsEnvironment.isHeadless() && ui != null && !ui.isHeadless()) {
			plot(m).show();
		}
		progress(3, 3, m.toString());
	}

	private static ImagePlus givenOrNull(final ImagePlus imp) {
		return imp == null || imp.getProcessor() == null ? null : imp;
	}

	/** A copy of the image with both margins (cyan, magenta) and the gaps. */
	static ImagePlus overlay(final ImagePlus image, final JswMeasurement m) {
		final ImagePlus copy = image.crop("whole-slice");
		copy.setTitle(stripExtension(image.getTitle()) + "-jsw");
		final Overlay o = new Overlay();
		o.add(polyline(m.proximalX(), m.proximalY(), Color.CYAN));
		o.add(polyline(m.distalX(), m.distalY(), Color.MAGENTA));
		final double[] px = m.proximalX(), py = m.proximalY();
		final double[] dx = m.distalX(), dy = m.distalY();
		final int every = Math.max(1, m.size() / 12);
		for (int i = 0; i < m.size(); i += every) {
			if (!Double.isFinite(px[i]) || !Double.isFinite(dx[i])) continue;
			final Line gap = new Line(px[i], py[i], dx[i], dy[i]);
			gap.setStrokeColor(Color.YELLOW);
			o.add(gap);
		}
		copy.setOverlay(o);
		return copy;
	}

	private static Roi polyline(final double[] x, final double[] y,
		final Color c)
	{
		int n = 0;
		final float[] fx = new float[x.length], fy = new float[y.length];
		for (int i = 0; i < x.length; i++) {
			if (!Double.isFinite(x[i])) continue;
			fx[n] = (float) x[i];
			fy[n++] = (float) y[i];
		}
		final Roi r = new PolygonRoi(java.util.Arrays.copyOf(fx, n), java.util
			.Arrays.copyOf(fy, n), Roi.POLYLINE);
		r.setStrokeColor(c);
		return r;
	}

	static Plot plot(final JswMeasurement m) {
		final Plot plot = new Plot("JSW profile", "lateral position (" + m.unit() +
			")", "JSW (" + m.unit() + ")");
		plot.add("line", m.lateralPositions(), m.jswProfile());
		return plot;
	}

	private static String stripExtension(final String title) {
		final int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
