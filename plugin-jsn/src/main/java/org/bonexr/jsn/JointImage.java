package org.bonexr.jsn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;

/**
 * What a joint space measurement looks at: either one radiograph, where both
 * bone margins are found in the same image, or two separated bone layers,
 * where each margin is found in its own bone's layer (so overlap of the bones
 * cannot corrupt the other bone's edge). Attenuation domain; the pixels are
 * copied, the inputs are never modified. Immutable.
 */
public final class JointImage {

	/** Which bone of the joint. */
	public enum Bone {
			/** The lower bone in the image: the axis starts here. */
			PROXIMAL,
			/** The upper bone: the axis points to it. */
			DISTAL
	}

	private final String name;
	private final int width;
	private final int height;
	private final PixelSpacing spacing;
	private final float[] proximal;
	/** Same array as {@link #proximal} for a single radiograph. */
	private final float[] distal;
	/** The radiograph the layers were separated from, for model layers; else null. */
	private final float[] radiograph;
	private final List<String> warnings;

	private JointImage(final String name, final int width, final int height,
		final PixelSpacing spacing, final float[] proximal, final float[] distal,
		final List<String> warnings)
	{
		this(name, width, height, spacing, proximal, distal, null, warnings);
	}

	private JointImage(final String name, final int width, final int height,
		final PixelSpacing spacing, final float[] proximal, final float[] distal,
		final float[] radiograph, final List<String> warnings)
	{
		this.radiograph = radiograph;
		this.name = name;
		this.width = width;
		this.height = height;
		this.spacing = spacing;
		this.proximal = proximal;
		this.distal = distal;
		this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
	}

	/** A radiograph in the attenuation domain; both margins come from it. */
	public static JointImage ofRadiograph(final Radiograph r) {
		requireAttenuation(r);
		final float[] a = RealPixels.copy(r.pixels());
		return new JointImage(r.name(), (int) r.width(), (int) r.height(), r
			.spacing(), a, a, r.warnings());
	}

	/**
	 * Two bone layers of the same size and spacing, attenuation domain: each
	 * margin is found in its own layer.
	 */
	public static JointImage ofLayers(final Radiograph proximalLayer,
		final Radiograph distalLayer)
	{
		requireAttenuation(proximalLayer);
		requireAttenuation(distalLayer);
		if (proximalLayer.width() != distalLayer.width() || proximalLayer
			.height() != distalLayer.height())
		{
			throw new BoneXRException("The bone layers '" + proximalLayer.name() +
				"' and '" + distalLayer.name() + "' differ in size.",
				"Give the two layers of the same separation.");
		}
		if (!proximalLayer.spacing().equals(distalLayer.spacing())) {
			throw new BoneXRException("The bone layers have different pixel " +
				"spacings (" + proximalLayer.spacing() + " and " + distalLayer
					.spacing() + ").", "Give the two layers of the same separation.");
		}
		final List<String> w = new ArrayList<>(proximalLayer.warnings());
		distalLayer.warnings().stream().filter(s -> !w.contains(s)).forEach(
			w::add);
		return new JointImage(proximalLayer.name() + " + " + distalLayer.name(),
			(int) proximalLayer.width(), (int) proximalLayer.height(), proximalLayer
				.spacing(), RealPixels.copy(proximalLayer.pixels()), RealPixels.copy(
					distalLayer.pixels()), w);
	}

	/**
	 * Two bone layers made by a separation model from this radiograph (same
	 * size and spacing, attenuation domain). Unlike exact layers, a network's
	 * layers are blurred over a few pixels at the bone's edge and may leak
	 * faintly into the joint space, so each margin is placed by its layer
	 * and located in the radiograph minus the other bone's layer, which keeps
	 * the radiograph's own sharp edge (see {@link JointSpaceWidth}).
	 */
	public static JointImage ofModelLayers(final Radiograph attenuation,
		final Radiograph proximalLayer, final Radiograph distalLayer)
	{
		final JointImage layers = ofLayers(proximalLayer, distalLayer);
		requireAttenuation(attenuation);
		if (attenuation.width() != layers.width || attenuation
			.height() != layers.height || !attenuation.spacing().equals(
				layers.spacing))
		{
			throw new BoneXRException("The bone layers do not fit the radiograph '" +
				attenuation.name() + "' (size or pixel spacing).",
				"Give the layers separated from this radiograph.");
		}
		return new JointImage(layers.name, layers.width, layers.height,
			layers.spacing, layers.proximal, layers.distal, RealPixels.copy(
				attenuation.pixels()), layers.warnings);
	}

	private static void requireAttenuation(final Radiograph r) {
		if (r.domain() != ValueDomain.ATTENUATION) {
			throw new BoneXRException("'" + r.name() +
				"' is in detected intensity, not attenuation.",
				"Convert it first (Plugins>BoneXR>Convert to Attenuation); the " +
					"Measure Joint Space Width command does that for you.");
		}
	}

	/** Whether the margins come from two separated layers. */
	public boolean hasLayers() {
		return proximal != distal;
	}

	/** Whether the layers come from a separation model, with their radiograph. */
	public boolean isModelLayers() {
		return radiograph != null;
	}

	public String name() {
		return name;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public PixelSpacing spacing() {
		return spacing;
	}

	public List<String> warnings() {
		return warnings;
	}

	/** The pixels in which the bone's margin is sought, row-major; shared, do not modify. */
	float[] pixels(final Bone bone) {
		return bone == Bone.PROXIMAL ? proximal : distal;
	}

	/**
	 * Bilinear interpolation at image position (x, y) in px (pixel centres at
	 * i + 0.5); positions outside are clamped to the border.
	 */
	double sample(final Bone bone, final double x, final double y) {
		return bilinear(pixels(bone), width, height, x, y);
	}

	/** For model layers: the radiograph at (x, y) px. */
	double sampleRadiograph(final double x, final double y) {
		return bilinear(radiograph, width, height, x, y);
	}

	/**
	 * For model layers: the radiograph minus the other bone's layer at (x, y)
	 * px, i.e. this bone and the soft tissue, with the radiograph's own edges.
	 */
	double sampleWithoutOther(final Bone bone, final double x, final double y) {
		return bilinear(radiograph, width, height, x, y) - sample(
			bone == Bone.PROXIMAL ? Bone.DISTAL : Bone.PROXIMAL, x, y);
	}

	static double bilinear(final float[] a, final int w, final int h,
		final double x, final double y)
	{
		final double fx = Math.min(Math.max(x - 0.5, 0), w - 1);
		final double fy = Math.min(Math.max(y - 0.5, 0), h - 1);
		final int x0 = Math.min((int) fx, w - 2 < 0 ? 0 : w - 2);
		final int y0 = Math.min((int) fy, h - 2 < 0 ? 0 : h - 2);
		final int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
		final double ax = fx - x0, ay = fy - y0;
		final double top = a[y0 * w + x0] * (1 - ax) + a[y0 * w + x1] * ax;
		final double bottom = a[y1 * w + x0] * (1 - ax) + a[y1 * w + x1] * ax;
		return top * (1 - ay) + bottom * ay;
	}
}
