package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * The three layers of a joint radiograph in the attenuation domain
 * (dimensionless, A = ∫μ dl): the upper (distal) bone and the lower
 * (proximal) bone, each as attenuation in excess of the soft tissue it
 * displaces, and the soft tissue; ideally they add up to the radiograph.
 * Immutable; all three have the same size and the given pixel spacing (mm).
 */
public final class Layers {

	/** Layer names in output order. */
	public static final String[] NAMES = { "upper", "lower", "soft tissue" };

	private final Img<FloatType> upper;
	private final Img<FloatType> lower;
	private final Img<FloatType> softTissue;
	private final PixelSpacing spacing;

	public Layers(final Img<FloatType> upper, final Img<FloatType> lower,
		final Img<FloatType> softTissue, final PixelSpacing spacing)
	{
		if (upper.dimension(0) != lower.dimension(0) || upper.dimension(
			1) != lower.dimension(1) || upper.dimension(0) != softTissue.dimension(
				0) || upper.dimension(1) != softTissue.dimension(1))
		{
			throw new BoneXRException("The three layers differ in size.",
				"Give upper, lower and soft-tissue layers of the same size.");
		}
		this.upper = upper;
		this.lower = lower;
		this.softTissue = softTissue;
		this.spacing = spacing;
	}

	/** Upper (distal) bone layer. */
	public Img<FloatType> upper() {
		return upper;
	}

	/** Lower (proximal) bone layer. */
	public Img<FloatType> lower() {
		return lower;
	}

	public Img<FloatType> softTissue() {
		return softTissue;
	}

	/** Layer k in {@link #NAMES} order. */
	public Img<FloatType> get(final int k) {
		return k == 0 ? upper : k == 1 ? lower : softTissue;
	}

	public PixelSpacing spacing() {
		return spacing;
	}

	public long width() {
		return upper.dimension(0);
	}

	public long height() {
		return upper.dimension(1);
	}

	/** Layer k as an attenuation-domain radiograph named after the layer. */
	public Radiograph radiograph(final int k, final String prefix) {
		final RandomAccessibleInterval<FloatType> img = get(k);
		return new Radiograph(prefix + NAMES[k], img, spacing,
			ValueDomain.ATTENUATION);
	}
}
