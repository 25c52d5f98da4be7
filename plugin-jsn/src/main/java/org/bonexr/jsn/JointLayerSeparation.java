package org.bonexr.jsn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.model.BioImageModel;
import org.bonexr.model.ModelService;
import org.bonexr.separation.LayerSeparator;
import org.bonexr.separation.Layers;
import org.bonexr.separation.PhysicsReconstructor;
import org.bonexr.separation.PhysicsReconstructor.Distribution;
import org.bonexr.separation.SeparationModel;
import org.bonexr.separation.ShippedModel;

/**
 * Separates a joint radiograph into its two bone layers with a layer
 * separation model ({@link LayerSeparator}: predicted masks, layers projected
 * onto "upper + lower + soft tissue = input"), so that each bone margin can
 * be measured in its own bone's layer ({@link JointImage#ofLayers}; lower
 * layer = proximal bone, upper layer = distal bone). Attenuation domain,
 * lengths in mm.
 * <p>
 * A network only knows the scale it was trained at. The model's range of
 * training pixel sizes comes from its rdf ({@code config.bonexr.pixel_size_mm}:
 * one number, or [finest, coarsest]) or, for the shipped demo model, from
 * {@link ShippedModel#MIN_SPACING_MM}–{@link ShippedModel#MAX_SPACING_MM}.
 * The model runs at the nearest pixel size inside that range and at a few
 * around it ({@link #SCALE_FACTORS}, within the sizes it was trained at):
 * the image is resampled to each ({@link GridResampling}: area mean when
 * coarser, linear when finer), separated there, and the layers resampled
 * back to the image's grid and averaged; then they are projected again onto
 * the sum constraint with the image itself ({@link PhysicsReconstructor},
 * proportional), so the layers add up to the radiograph at its own
 * resolution and the fine detail the model's grid lacks goes to each layer
 * in proportion to its share. A warning says so when the image's own pixel
 * size lies outside the range.
 * Without a pixel size in mm, or for a model that does not state its
 * training scale, the model runs at the image's own scale (with a warning).
 * <p>
 * When a region is given, only a square around it is separated (at least
 * {@value #MIN_CONTEXT_MODEL_PX} model pixels wide, the training images'
 * size, so that the model sees the joint in context); the layers are 0
 * outside that square. The input is not modified. Not thread-safe beyond
 * what the model is; usable from scripts:
 * {@code JointLayerSeparation.shipped(BioImageModel.open(ShippedModel.path(),
 * None)).separate(radiograph, None).joint()}.
 */
public final class JointLayerSeparation {

	/** Side of the square separated around a region, in model pixels (at least). */
	public static final int MIN_CONTEXT_MODEL_PX = 256;

	/**
	 * Java heap per pixel on the model's grid, bytes: what Separate Bone
	 * Layers needs per separated pixel (measured there by bisecting -Xmx).
	 */
	static final double HEAP_BYTES_PER_MODEL_PIXEL = 64;
	/**
	 * Java heap per pixel of the image: full-size layers and joint image (six
	 * floats) and the three layers averaged over the runs.
	 */
	static final double HEAP_BYTES_PER_IMAGE_PIXEL = 9 * Float.BYTES;

	/**
	 * The model runs not at one pixel size but at several around the nearest
	 * one inside its range (q): q times these factors, those within the
	 * pixel sizes it was trained at; their layers, each resampled back to the
	 * image's grid, are averaged. A network's error at a bone edge depends in
	 * part on where the edge falls on its grid and on its scale, so it
	 * differs from one pixel size to the next while the bones do not: the
	 * average keeps the bones and cuts that part of the error (the demo
	 * model's tilted base at 28°: its near rim's scatter across the joint
	 * 0.64 → 0.50 px; docs/jsn.md, *Session 15*).
	 */
	static final double[] SCALE_FACTORS = { 0.75, 0.875, 1, 1.125, 1.25 };

	private final SeparationModel model;
	private final double minSpacingMm;
	private final double maxSpacingMm;
	/** Finest pixel size the model was trained at, mm: {@link #SCALE_FACTORS}' floor. */
	private final double trainedMinSpacingMm;
	private final String modelName;

	/**
	 * @param model an opened separation model (not closed here)
	 * @param minSpacingMm finest training pixel size, mm (NaN: unknown)
	 * @param maxSpacingMm coarsest training pixel size, mm (NaN: unknown)
	 */
	public JointLayerSeparation(final BioImageModel model,
		final double minSpacingMm, final double maxSpacingMm)
	{
		this(model, minSpacingMm, minSpacingMm, maxSpacingMm);
	}

	/**
	 * @param model an opened separation model (not closed here)
	 * @param trainedMinSpacingMm finest training pixel size, mm
	 * @param minSpacingMm finest pixel size an image is resampled to, mm
	 *          (≥ trainedMinSpacingMm)
	 * @param maxSpacingMm coarsest training pixel size, mm
	 */
	JointLayerSeparation(final BioImageModel model,
		final double trainedMinSpacingMm, final double minSpacingMm,
		final double maxSpacingMm)
	{
		this.model = new SeparationModel(model);
		this.modelName = model.description().name();
		this.trainedMinSpacingMm = trainedMinSpacingMm;
		this.minSpacingMm = minSpacingMm;
		this.maxSpacingMm = maxSpacingMm;
	}

	/** The shipped demo model, opened by the caller from {@link ShippedModel#path()}. */
	public static JointLayerSeparation shipped(final BioImageModel model) {
		return new JointLayerSeparation(model, ShippedModel.TRAINED_MIN_SPACING_MM,
			ShippedModel.MIN_SPACING_MM, ShippedModel.MAX_SPACING_MM);
	}

	/** A model file: its training scale from {@code config.bonexr.pixel_size_mm}, if stated. */
	public static JointLayerSeparation of(final BioImageModel model) {
		final double[] range = trainingSpacingMm(model);
		return new JointLayerSeparation(model, range[0], range[1]);
	}

	/**
	 * The model file (a zip, a folder, or a folder's rdf.yaml) through the
	 * model cache, or the shipped demo model when null or empty.
	 */
	public static JointLayerSeparation load(final java.io.File modelFile,
		final ModelService models)
	{
		if (modelFile == null || modelFile.getPath().isEmpty()) {
			return shipped(models.get(ShippedModel.path()));
		}
		java.nio.file.Path p = modelFile.toPath();
		if (p.getFileName().toString().endsWith(".yaml") && p.getParent() != null) {
			p = p.getParent();
		}
		return of(models.get(p));
	}

	/** [finest, coarsest] training pixel size from the rdf, mm; NaN when not stated. */
	@SuppressWarnings("unchecked")
	static double[] trainingSpacingMm(final BioImageModel model) {
		final Object config = model.description().rdf().get("config");
		Object v = null;
		if (config instanceof Map) {
			final Object b = ((Map<String, Object>) config).get("bonexr");
			if (b instanceof Map) v = ((Map<String, Object>) b).get("pixel_size_mm");
		}
		if (v instanceof Number && ((Number) v).doubleValue() > 0) {
			final double s = ((Number) v).doubleValue();
			return new double[] { s, s };
		}
		if (v instanceof List && ((List<?>) v).size() == 2 && ((List<?>) v).get(
			0) instanceof Number && ((List<?>) v).get(1) instanceof Number)
		{
			final double a = ((Number) ((List<?>) v).get(0)).doubleValue();
			final double b = ((Number) ((List<?>) v).get(1)).doubleValue();
			if (a > 0 && b >= a) return new double[] { a, b };
		}
		return new double[] { Double.NaN, Double.NaN };
	}

	/**
	 * The pixel size (mm) the model runs at for an image of this pixel size:
	 * the nearest one within the training range (the image's own when inside,
	 * or when either is unknown).
	 */
	public double modelSpacingMm(final double imageSpacingMm) {
		if (Double.isNaN(minSpacingMm)) return imageSpacingMm;
		return Math.min(Math.max(imageSpacingMm, minSpacingMm), maxSpacingMm);
	}

	/**
	 * The factors of {@link #SCALE_FACTORS} that keep both axes' model pixel
	 * size (qx, qy: the nearest inside the range, mm) within the pixel sizes
	 * the model was trained at; ascending, 1 always among them.
	 */
	double[] scaleFactors(final double qx, final double qy) {
		final double lo = trainedMinSpacingMm * (1 - 1e-9);
		final double hi = maxSpacingMm * (1 + 1e-9);
		return Arrays.stream(SCALE_FACTORS).filter(f -> f == 1 || f *
			Math.min(qx, qy) >= lo && f * Math.max(qx, qy) <= hi).toArray();
	}

	/** "0.053, 0.061 and 0.070" (x pixel sizes of the runs, mm). */
	private static String spacings(final double[] factors, final double qx) {
		final List<String> s = new ArrayList<>();
		for (final double f : factors)
			s.add(String.format(Locale.ROOT, "%.3f", f * qx));
		return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s
			.size() - 1)) + " and " + s.get(s.size() - 1);
	}

	/**
	 * Refuses, before any work, a radiograph whose separation (at the
	 * model's scale, whole image: the most it separates) would not fit the
	 * Java heap ({@link MemoryBudget}); an estimate from the parts above.
	 */
	public void requireMemory(final Radiograph r) {
		final PixelSpacing s = r.spacing();
		final double qx = modelSpacingMm(s.xMm()), qy = modelSpacingMm(s.yMm());
		// the finest of the runs has the most model pixels
		final double f = s.isKnown() ? scaleFactors(qx, qy)[0] : 1;
		final double scale = s.isKnown() ? s.xMm() / (f * qx) * s.yMm() / (f *
			qy) : 1;
		final double pixels = (double) r.width() * r.height();
		MemoryBudget.require("Separating the bone layers of " + MemoryBudget.image(
			r.width(), r.height()), (long) Math.ceil(pixels * scale *
				HEAP_BYTES_PER_MODEL_PIXEL + pixels * HEAP_BYTES_PER_IMAGE_PIXEL));
	}

	/** The two bone layers and where the model ran. */
	public static final class Separated {

		private final Radiograph radiograph;
		private final Radiograph proximal;
		private final Radiograph distal;
		private final PixelSpacing modelSpacing;

		Separated(final Radiograph radiograph, final Radiograph proximal,
			final Radiograph distal, final PixelSpacing modelSpacing)
		{
			this.radiograph = radiograph;
			this.proximal = proximal;
			this.distal = distal;
			this.modelSpacing = modelSpacing;
		}

		/** Lower (proximal) bone layer on the image's grid, attenuation. */
		public Radiograph proximal() {
			return proximal;
		}

		/** Upper (distal) bone layer on the image's grid, attenuation. */
		public Radiograph distal() {
			return distal;
		}

		/** Pixel size the model ran at (the image's own when not resampled). */
		public PixelSpacing modelSpacing() {
			return modelSpacing;
		}

		/**
		 * What a joint space measurement looks at: the model's layers with the
		 * radiograph ({@link JointImage#ofModelLayers}).
		 */
		public JointImage joint() {
			return JointImage.ofModelLayers(radiograph, proximal, distal);
		}
	}

	/**
	 * @param attenuation the radiograph, attenuation domain (not modified)
	 * @param region the joint region to measure, or null to separate the
	 *          whole image
	 */
	public Separated separate(final Radiograph attenuation,
		final JointAxis region)
	{
		if (attenuation.domain() != ValueDomain.ATTENUATION) {
			throw new BoneXRException("'" + attenuation.name() +
				"' is in detected intensity, not attenuation.",
				"Convert it first (Plugins>BoneXR>Convert to Attenuation); the " +
					"Measure Joint Space Width command does that for you.");
		}
		final int w = (int) attenuation.width(), h = (int) attenuation.height();
		final PixelSpacing s = attenuation.spacing();
		final List<String> warnings = new ArrayList<>();
		final boolean scaled = s.isKnown() && !Double.isNaN(minSpacingMm);
		if (!s.isKnown()) {
			warnings.add("'" + attenuation.name() + "' has no pixel size, so the " +
				"separation model ran at the image's own scale; it was trained at " +
				range() + ". Set the pixel size (Image>Properties..., mm).");
		}
		else if (Double.isNaN(minSpacingMm)) {
			warnings.add("The separation model '" + modelName + "' does not state " +
				"the pixel size it was trained at (config.bonexr.pixel_size_mm in " +
				"its rdf.yaml), so it ran at the image's own scale.");
		}
		final double qx = scaled ? modelSpacingMm(s.xMm()) : s.xMm();
		final double qy = scaled ? modelSpacingMm(s.yMm()) : s.yMm();
		final double[] factors = scaled ? scaleFactors(qx, qy) : new double[] {
			1 };
		final double largest = factors[factors.length - 1];
		final int rimPx = s.isKnown() ? (int) Math.ceil(JointSpaceWidth.MAX_RIM_MM /
			Math.min(s.xMm(), s.yMm())) + 8 : 48;
		final int[] box = box(region, w, h, rimPx, s.isKnown() ? largest * qx / s
			.xMm() : 1, s.isKnown() ? largest * qy / s.yMm() : 1);
		final int bw = box[2], bh = box[3];
		final float[] all = RealPixels.copy(attenuation.pixels());
		final float[] crop = new float[bw * bh];
		for (int r = 0; r < bh; r++)
			System.arraycopy(all, (box[1] + r) * w + box[0], crop, r * bw, bw);
		// one grid per run, the image's at the model's pixel sizes f·(qx, qy)
		final GridResampling[] grids = Arrays.stream(factors).mapToObj(
			f -> new GridResampling(bw, bh, s.xMm(), s.yMm(), f * qx, f * qy))
			.toArray(GridResampling[]::new);
		// factors ascend with 1 among them: the centre run, at (qx, qy)
		final GridResampling centre = grids[Arrays.binarySearch(factors, 1)];
		final PixelSpacing modelSpacing = !s.isKnown() || !resizes(centre, bw, bh)
			? s : PixelSpacing.mm(centre.outputXMm(), centre.outputYMm());
		Layers layers = averagedLayers(attenuation.name(), crop, bw, bh, s, grids);
		if (Arrays.stream(grids).anyMatch(g -> resizes(g, bw, bh))) {
			layers = PhysicsReconstructor.project(ArrayImgs.floats(crop, bw, bh),
				layers, Distribution.PROPORTIONAL);
		}
		if (!modelSpacing.equals(s)) {
			warnings.add(String.format(Locale.ROOT, "The separation model ran at " +
				"%s mm/px (trained at %s), not at the image's %.3f x %.3f mm/px; " +
				"its layers were resampled back and averaged.", spacings(factors, qx),
				range(), s.xMm(), s.yMm()));
		}
		return new Separated(attenuation, place(RealPixels.copy(layers.lower()),
			box, w, h, attenuation, "proximal layer", warnings), place(RealPixels
				.copy(layers.upper()), box, w, h, attenuation, "distal layer",
				warnings), modelSpacing);
	}

	/**
	 * The model's layers of a box (bw × bh px of spacing s, attenuation) run
	 * on each grid (the box at one of the model's pixel sizes), resampled back
	 * to the box's grid and averaged over the runs.
	 */
	private Layers averagedLayers(final String name, final float[] crop,
		final int bw, final int bh, final PixelSpacing s,
		final GridResampling[] grids)
	{
		final float[][] mean = new float[3][bw * bh];
		for (final GridResampling toModel : grids) {
			final boolean resample = resizes(toModel, bw, bh);
			final PixelSpacing at = !s.isKnown() || !resample ? s : PixelSpacing.mm(
				toModel.outputXMm(), toModel.outputYMm());
			final Layers layers = new LayerSeparator(model).separate(new Radiograph(
				name, ArrayImgs.floats(resample ? toModel.apply(crop) : crop, resample
					? toModel.outputWidth() : bw, resample ? toModel.outputHeight()
						: bh), at, ValueDomain.ATTENUATION), null, null).layers();
			final GridResampling back = resample ? toModel.inverse() : null;
			for (int k = 0; k < 3; k++) {
				final float[] l = RealPixels.copy(layers.get(k));
				final float[] fine = resample ? back.apply(l) : l;
				for (int i = 0; i < fine.length; i++)
					mean[k][i] += fine[i] / grids.length;
			}
		}
		return new Layers(ArrayImgs.floats(mean[0], bw, bh), ArrayImgs.floats(
			mean[1], bw, bh), ArrayImgs.floats(mean[2], bw, bh), s);
	}

	/** Whether a grid changes the size of a bw × bh box. */
	private static boolean resizes(final GridResampling g, final int bw,
		final int bh)
	{
		return g.outputWidth() != bw || g.outputHeight() != bh;
	}

	private String range() {
		return Double.isNaN(trainedMinSpacingMm) ? "an unstated pixel size"
			: trainedMinSpacingMm == maxSpacingMm ? String.format(Locale.ROOT,
				"%.3f mm/px", trainedMinSpacingMm) : String.format(Locale.ROOT,
					"%.3f-%.3f mm/px", trainedMinSpacingMm, maxSpacingMm);
	}

	/**
	 * {x, y, width, height} of the part to separate: the whole image, or a
	 * square around the region reaching its far corners plus the longest
	 * tilted-rim distance (rimPx), at least {@link #MIN_CONTEXT_MODEL_PX} model
	 * pixels wide (modelPerImage: model pixel size / image pixel size), clipped
	 * to the image.
	 */
	private static int[] box(final JointAxis region, final int w, final int h,
		final int rimPx, final double modelPerImageX, final double modelPerImageY)
	{
		if (region == null) return new int[] { 0, 0, w, h };
		final double reach = region.searchHalfLengthPx() + region
			.lateralHalfWidthPx() + rimPx;
		final double hx = Math.max(reach, MIN_CONTEXT_MODEL_PX / 2.0 *
			modelPerImageX);
		final double hy = Math.max(reach, MIN_CONTEXT_MODEL_PX / 2.0 *
			modelPerImageY);
		final int x0 = Math.max(0, (int) Math.floor(region.centreX() - hx));
		final int y0 = Math.max(0, (int) Math.floor(region.centreY() - hy));
		final int x1 = Math.min(w, (int) Math.ceil(region.centreX() + hx));
		final int y1 = Math.min(h, (int) Math.ceil(region.centreY() + hy));
		if (x1 - x0 < 16 || y1 - y0 < 16) {
			throw new BoneXRException("The joint region " + region +
				" lies outside the image.", "Draw the region across the joint, " +
					"inside the image.");
		}
		return new int[] { x0, y0, x1 - x0, y1 - y0 };
	}

	/** A layer of the box, placed in an image-sized radiograph (0 outside the box). */
	private static Radiograph place(final float[] l, final int[] box,
		final int w, final int h, final Radiograph input, final String what,
		final List<String> warnings)
	{
		final float[] out = new float[w * h];
		for (int r = 0; r < box[3]; r++)
			System.arraycopy(l, r * box[2], out, (box[1] + r) * w + box[0], box[2]);
		final List<String> all = new ArrayList<>(input.warnings());
		all.addAll(warnings);
		return new Radiograph(input.name() + " " + what, ArrayImgs.floats(out, w,
			h), input.spacing(), ValueDomain.ATTENUATION, all);
	}
}
