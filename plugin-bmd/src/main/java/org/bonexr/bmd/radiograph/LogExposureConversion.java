package org.bonexr.bmd.radiograph;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.attenuation.OpenFieldIntensity;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * Attenuation from a radiograph whose values are logarithmic in exposure with
 * bone bright, as computed radiography (CR) and many DX systems store images
 * "for presentation": v = v0 − k·log10(E), with k values per decade of
 * exposure (Fuji CR: 1024/L on 10 bits for latitude L, so 512 for L = 2).
 * Then A = −ln(E/E_open) = ln(10)·(v − v_open)/k, with v_open the open-field
 * (darkest) value: the median of the darkest {@value #OPEN_FIELD_FRACTION}
 * of the pixels.
 * <p>
 * k is a property of the reader's processing that the file rarely states; a
 * wrong k scales all attenuations, and with them the BMD, by the same
 * factor. Further processing (edge enhancement, look-up tables, clipping of
 * the open field) breaks the physics the model learnt: treat results as
 * indicative.
 */
public final class LogExposureConversion {

	/** Fraction of darkest pixels whose median is the open-field value. */
	public static final double OPEN_FIELD_FRACTION = 0.02;

	private LogExposureConversion() {}

	/**
	 * @param image values falling with log exposure, bone bright (intensity domain)
	 * @param valuesPerDecade k, &gt; 0
	 */
	public static Radiograph convert(final Radiograph image,
		final double valuesPerDecade)
	{
		if (image.domain() != ValueDomain.INTENSITY) {
			throw new BoneXRException("'" + image.name() +
				"' is already in the attenuation domain.",
				"Choose 'attenuation or linear intensity' for it.");
		}
		if (!(valuesPerDecade > 0) || Double.isInfinite(valuesPerDecade)) {
			throw new BoneXRException("Values per decade of exposure " +
				valuesPerDecade + " is not valid.",
				"Give a positive number, e.g. 512 for Fuji CR with latitude 2 (10 bits).");
		}
		final double open = OpenFieldIntensity.quantile(image.pixels(),
			OPEN_FIELD_FRACTION / 2);
		final float[] a = new float[(int) (image.width() * image.height())];
		int i = 0;
		final double f = Math.log(10) / valuesPerDecade;
		for (final FloatType t : Views.flatIterable(image.pixels())) {
			a[i++] = (float) (f * (t.get() - open));
		}
		return new Radiograph(image.name(), ArrayImgs.floats(a, image.width(),
			image.height()), image.spacing(), ValueDomain.ATTENUATION);
	}
}
