package org.bonexr.kernels;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

/**
 * Compares an image with a reference image of the same dimensions.
 * <p>
 * Relative difference of a pixel a against its reference b:
 * |a - b| / max(|b|, 1e-3 · (max(ref) - min(ref))), max and min over the
 * finite reference pixels. The floor 1e-3 of the reference range keeps the
 * measure meaningful where b crosses 0 (A ≈ 0 at open field, or A ≈ offset
 * after normalisation), where a plain |a - b| / |b| divides by almost nothing.
 * NaN against NaN counts as 0; NaN against a number, or an infinity where the
 * reference is finite, as +∞.
 */
public final class ImageComparison {

	private ImageComparison() {}

	/**
	 * @param actual image under test
	 * @param reference ground truth
	 * @return the largest relative difference over all pixels
	 */
	public static double maxRelativeDifference(final RandomAccessibleInterval<FloatType> actual,
		final RandomAccessibleInterval<FloatType> reference)
	{
		if (!Intervals.equalDimensions(actual, reference)) {
			throw new IllegalArgumentException("Images differ in size.");
		}
		final double[] range = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		LoopBuilder.setImages(reference).forEachPixel(r -> {
			final float v = r.get();
			if (Float.isFinite(v)) {
				range[0] = Math.min(range[0], v);
				range[1] = Math.max(range[1], v);
			}
		});
		final double floor = range[1] >= range[0] ? 1e-3 * (range[1] - range[0]) : 0;
		final double[] max = { 0 };
		LoopBuilder.setImages(actual, reference).forEachPixel((a, b) -> {
			max[0] = Math.max(max[0], relativeDifference(a.get(), b.get(), floor));
		});
		return max[0];
	}

	private static double relativeDifference(final float a, final float b, final double floor) {
		if (Float.isNaN(a) && Float.isNaN(b)) return 0;
		if (Float.isNaN(a) || Float.isNaN(b)) return Double.POSITIVE_INFINITY;
		if (a == b) return 0; // also equal infinities
		final double diff = Math.abs((double) a - b);
		final double scale = Math.max(Math.abs(b), floor);
		return scale > 0 ? diff / scale : Double.POSITIVE_INFINITY;
	}
}
