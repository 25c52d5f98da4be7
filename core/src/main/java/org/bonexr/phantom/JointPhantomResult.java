package org.bonexr.phantom;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;

/**
 * A rendered {@link JointPhantom} with its ground truth. All images have the
 * same size and pixel spacing (mm).
 * <p>
 * Attenuation domain (dimensionless, A = ∫μ dl): the three layers add up to
 * {@link #attenuationNoiseFree()} exactly (up to float rounding). A bone
 * layer is the bone's attenuation in excess of the soft tissue it displaces,
 * ∫(μ_bone − μ_soft) dl; the soft-tissue layer is μ_soft times the whole
 * finger thickness. {@link #attenuation()} and {@link #intensity()} are the
 * detected image after scatter, quantum noise and JPEG
 * ({@link XrayDegradation}); without those they equal the noise-free image.
 * Masks are 1 where at least half of a pixel's sub-samples hit the bone;
 * coverages give that fraction (0–1) itself.
 */
public final class JointPhantomResult {

	private final JointPhantomParameters parameters;
	private final Radiograph attenuation;
	private final Radiograph intensity;
	private final Radiograph attenuationNoiseFree;
	private final Radiograph proximalLayer;
	private final Radiograph distalLayer;
	private final Radiograph softTissueLayer;
	private final Img<UnsignedByteType> proximalMask;
	private final Img<UnsignedByteType> distalMask;
	private final Img<FloatType> proximalCoverage;
	private final Img<FloatType> distalCoverage;
	private final JswProfile jsw;
	private final int jpegBytes;

	JointPhantomResult(final JointPhantomParameters parameters,
		final Radiograph attenuation, final Radiograph intensity,
		final Radiograph attenuationNoiseFree, final Radiograph proximalLayer,
		final Radiograph distalLayer, final Radiograph softTissueLayer,
		final Img<UnsignedByteType> proximalMask,
		final Img<UnsignedByteType> distalMask,
		final Img<FloatType> proximalCoverage, final Img<FloatType> distalCoverage,
		final JswProfile jsw, final int jpegBytes)
	{
		this.parameters = parameters;
		this.attenuation = attenuation;
		this.intensity = intensity;
		this.attenuationNoiseFree = attenuationNoiseFree;
		this.proximalLayer = proximalLayer;
		this.distalLayer = distalLayer;
		this.softTissueLayer = softTissueLayer;
		this.proximalMask = proximalMask;
		this.distalMask = distalMask;
		this.proximalCoverage = proximalCoverage;
		this.distalCoverage = distalCoverage;
		this.jsw = jsw;
		this.jpegBytes = jpegBytes;
	}

	public JointPhantomParameters parameters() {
		return parameters;
	}

	/** Detected radiograph in the attenuation domain, −ln(I/I0). */
	public Radiograph attenuation() {
		return attenuation;
	}

	/** Detected radiograph as photon counts; open field ≈ {@link #i0()}. */
	public Radiograph intensity() {
		return intensity;
	}

	/** Open-field photons per pixel. */
	public double i0() {
		return parameters.degradation.i0();
	}

	/** Sum of the three layers: the ideal attenuation image. */
	public Radiograph attenuationNoiseFree() {
		return attenuationNoiseFree;
	}

	/** Lower bone (proximal), attenuation in excess of soft tissue. */
	public Radiograph proximalLayer() {
		return proximalLayer;
	}

	/** Upper bone (distal), attenuation in excess of soft tissue. */
	public Radiograph distalLayer() {
		return distalLayer;
	}

	/** The phantom's soft tissue alone, μ_soft times its thickness. */
	public Radiograph softTissueLayer() {
		return softTissueLayer;
	}

	/**
	 * The radiograph after scatter and before quantum noise and JPEG
	 * (attenuation, −ln of the scattered intensity over I0): what a
	 * separation's layers add up to.
	 */
	public Radiograph attenuationBeforeNoise() {
		final float[] ideal = RealPixels.copy(attenuationNoiseFree.pixels());
		final int w = (int) attenuationNoiseFree.width();
		final int h = (int) attenuationNoiseFree.height();
		final float[] a = parameters.degradation().scatterOnly().apply(ideal, w, h,
			parameters.spacingMm(), 0).attenuation;
		return attenuationNoiseFree.withPixels(ArrayImgs.floats(a, w, h),
			ValueDomain.ATTENUATION);
	}

	/**
	 * The separation's soft-tissue layer: everything the detector saw that is
	 * not bone, {@link #attenuationBeforeNoise()} minus both bone layers, i.e.
	 * the soft tissue plus the effect of scatter (which lowers the attenuation
	 * most under the bones). No single radiograph tells scatter from soft
	 * tissue, so this, not {@link #softTissueLayer()}, is what bone layer
	 * separation can recover; with it the three layers add up to the
	 * radiograph up to quantum noise and JPEG.
	 */
	public Radiograph softTissueWithScatter() {
		final Radiograph before = attenuationBeforeNoise();
		final float[] s = RealPixels.copy(before.pixels());
		final float[] u = RealPixels.copy(distalLayer.pixels());
		final float[] l = RealPixels.copy(proximalLayer.pixels());
		for (int i = 0; i < s.length; i++) {
			s[i] -= u[i] + l[i];
		}
		return new Radiograph("soft tissue with scatter", ArrayImgs.floats(s,
			before.width(), before.height()), before.spacing(),
			ValueDomain.ATTENUATION);
	}

	/** 1 inside the projected proximal (lower) bone, else 0. */
	public Img<UnsignedByteType> proximalMask() {
		return proximalMask;
	}

	/** 1 inside the projected distal (upper) bone, else 0. */
	public Img<UnsignedByteType> distalMask() {
		return distalMask;
	}

	/** Fraction of each pixel covered by the projected proximal bone. */
	public Img<FloatType> proximalCoverage() {
		return proximalCoverage;
	}

	public Img<FloatType> distalCoverage() {
		return distalCoverage;
	}

	public JswProfile jsw() {
		return jsw;
	}

	/** Size of the JPEG stream in bytes, or −1 when no JPEG was applied. */
	public int jpegBytes() {
		return jpegBytes;
	}
}
