package org.bonexr.jsn;

import java.util.ArrayList;
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
 * An image whose pixel size lies outside that range is resampled to the
 * nearest size inside it ({@link GridResampling}: area mean when coarser,
 * linear when finer), separated there, and its layers resampled back to the
 * image's grid; then they are projected again onto the sum constraint with
 * the image itself ({@link PhysicsReconstructor}, proportional), so the
 * layers add up to the radiograph at its own resolution and the fine detail
 * the model's grid lacks goes to each layer in proportion to its share.
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
	/** Java heap per pixel of the image: full-size layers and joint image (six floats). */
	static final double HEAP_BYTES_PER_IMAGE_PIXEL = 6 * Float.BYTES;

	private final SeparationModel model;
	private final double minSpacingMm;
	private final double maxSpacingMm;
	private final String modelName;

	/**
	 * @param model an opened separation model (not closed here)
	 * @param minSpacingMm finest training pixel size, mm (NaN: unknown)
	 * @param maxSpacingMm coarsest training pixel size, mm (NaN: unknown)
	 */
	public JointLayerSeparation(final BioImageModel model,
		final double minSpacingMm, final double maxSpacingMm)
	{
		this.model = new SeparationModel(model);
		this.modelName = model.description().name();
		this.minSpacingMm = minSpacingMm;
		this.maxSpacingMm = maxSpacingMm;
	}

	/** The shipped demo model, opened by the caller from {@link ShippedModel#path()}. */
	public static JointLayerSeparation shipped(final BioImageModel model) {
		return new JointLayerSeparation(model, ShippedModel.MIN_SPACING_MM,
			ShippedModel.MAX_SPACING_MM);
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
	 * Refuses, before any work, a radiograph whose separation (at the
	 * model's scale, whole image: the most it separates) would not fit the
	 * Java heap ({@link MemoryBudget}); an estimate from the parts above.
	 */
	public void requireMemory(final Radiograph r) {
		final PixelSpacing s = r.spacing();
		final double scale = s.isKnown() ? s.xMm() / modelSpacingMm(s.xMm()) * s
			.yMm() / modelSpacingMm(s.yMm()) : 1;
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
		final int rimPx = s.isKnown() ? (int) Math.ceil(JointSpaceWidth.MAX_RIM_MM /
			Math.min(s.xMm(), s.yMm())) + 8 : 48;
		final int[] box = box(region, w, h, rimPx, s.isKnown() ? qx / s.xMm() : 1,
			s.isKnown() ? qy / s.yMm() : 1);
		final int bw = box[2], bh = box[3];
		final float[] all = RealPixels.copy(attenuation.pixels());
		final float[] crop = new float[bw * bh];
		for (int r = 0; r < bh; r++)
			System.arraycopy(all, (box[1] + r) * w + box[0], crop, r * bw, bw);
		final GridResampling toModel = new GridResampling(bw, bh, s.xMm(), s
			.yMm(), qx, qy);
		final boolean resample = toModel.outputWidth() != bw || toModel
			.outputHeight() != bh;
		final PixelSpacing modelSpacing = !s.isKnown() ? s : resample
			? PixelSpacing.mm(toModel.outputXMm(), toModel.outputYMm()) : s;
		final float[] in = resample ? toModel.apply(crop) : crop;
		final int mw = resample ? toModel.outputWidth() : bw;
		final int mh = resample ? toModel.outputHeight() : bh;
		Layers layers = new LayerSeparator(model).separate(new Radiograph(
			attenuation.name(), ArrayImgs.floats(in, mw, mh), modelSpacing,
			ValueDomain.ATTENUATION), null, null).layers();
		if (resample) {
			final GridResampling back = toModel.inverse();
			final float[][] fine = new float[3][];
			for (int k = 0; k < 3; k++)
				fine[k] = back.apply(RealPixels.copy(layers.get(k)));
			layers = PhysicsReconstructor.project(ArrayImgs.floats(crop, bw, bh),
				new Layers(ArrayImgs.floats(fine[0], bw, bh), ArrayImgs.floats(fine[1],
					bw, bh), ArrayImgs.floats(fine[2], bw, bh), s),
				Distribution.PROPORTIONAL);
			warnings.add(String.format(Locale.ROOT, "The separation model ran at " +
				"%.3f x %.3f mm/px (trained at %s); its layers were resampled back " +
				"to %.3f x %.3f mm/px.", modelSpacing.xMm(), modelSpacing.yMm(),
				range(), s.xMm(), s.yMm()));
		}
		return new Separated(attenuation, place(RealPixels.copy(layers.lower()),
			box, w, h, attenuation, "proximal layer", warnings), place(RealPixels
				.copy(layers.upper()), box, w, h, attenuation, "distal layer",
				warnings), modelSpacing);
	}

	private String range() {
		return Double.isNaN(minSpacingMm) ? "an unstated pixel size" : minSpacingMm == maxSpacingMm
			? String.format(Locale.ROOT, "%.3f mm/px", minSpacingMm) : String.format(
				Locale.ROOT, "%.3f-%.3f mm/px", minSpacingMm, maxSpacingMm);
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
