package org.bonexr.attenuation;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;

/**
 * Estimates the open-field intensity I0 (what the detector sees where nothing
 * attenuates the beam) from a radiograph.
 * <p>
 * Rule: I0 is the median of the brightest {@value #OPEN_FIELD_FRACTION} of
 * pixels (the top 2%). In joint and hand radiographs the open field around
 * the body covers far more than 2% of the image, so this median lies inside
 * the open field and is robust to noise and to a few hot pixels. When the
 * body fills the whole image (no open field), the estimate is the brightest
 * soft tissue, attenuation values are then relative to it: give I0 explicitly
 * in that case (e.g. from a flat-field exposure).
 */
public final class OpenFieldIntensity {

	/** Fraction of brightest pixels whose median is I0. */
	public static final double OPEN_FIELD_FRACTION = 0.02;

	/** Fewest pixels whose brightest {@value #OPEN_FIELD_FRACTION} hold one pixel. */
	public static final int MIN_PIXELS = 50;

	private OpenFieldIntensity() {}

	/** I0 estimated from the image; see the class description. */
	public static double estimate(
		final RandomAccessibleInterval<FloatType> intensity)
	{
		final float[] sorted = sortedValues(intensity);
		final int n = sorted.length;
		if (n < MIN_PIXELS) {
			throw new BoneXRException("The image has only " + n + " pixel(s), too " +
				"few to estimate I0 from its brightest 2% (at least " + MIN_PIXELS +
				" are needed).", "Use the whole radiograph, not a crop of a few " +
					"pixels, or give the open-field intensity I0 explicitly.");
		}
		final int brightest = Math.max(1, (int) Math.round(n *
			OPEN_FIELD_FRACTION));
		final double i0 = sorted[n - 1 - brightest / 2];
		if (!(i0 > 0)) {
			throw new BoneXRException("The image has no bright open field to " +
				"estimate I0 from (brightest pixels are " + i0 + ").",
				"Give the open-field intensity I0 explicitly, or check the image is a radiograph in intensity (not attenuation) values.");
		}
		return i0;
	}

	/**
	 * The intensity below which only {@code fraction} of the pixels lie
	 * (a quantile, 0..1).
	 */
	public static double quantile(
		final RandomAccessibleInterval<FloatType> intensity, final double fraction)
	{
		final float[] sorted = sortedValues(intensity);
		final int i = (int) Math.floor(fraction * (sorted.length - 1));
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
	}

	private static float[] sortedValues(
		final RandomAccessibleInterval<FloatType> image)
	{
		final long size = Views.iterable(image).size();
		final float[] values = new float[Math.toIntExact(size)];
		int i = 0;
		for (final FloatType t : Views.iterable(image))
			values[i++] = t.get();
		Arrays.sort(values);
		return values;
	}
}
