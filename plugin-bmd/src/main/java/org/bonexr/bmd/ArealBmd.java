package org.bonexr.bmd;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.drr.Drr;
import org.bonexr.drr.DrrUnit;

/**
 * Areal BMD read off a bone-mineral DRR (g/cm² per pixel, the line integral
 * of mineral density through bone only), as DXA reports it: within the region
 * (an ROI mask, or the whole image), the bone pixels are those above
 * {@code minGPerCm2} (default 0: every pixel a bone ray crossed);
 * <ul>
 * <li>area = bone pixels × pixel area at the isocentre (cm²),</li>
 * <li>BMC = Σ pixel value × pixel area (g),</li>
 * <li>areal BMD = BMC / area (g/cm²).</li>
 * </ul>
 * With a parallel-beam DRR, BMC over the whole bone equals the bone's
 * mineral mass (mass conservation); with a cone beam, areas are taken at the
 * isocentre plane, exact for bone near it.
 */
public final class ArealBmd {

	private ArealBmd() {}

	/** Over all bone pixels of the DRR. */
	public static ArealBmdResult measure(final Drr drr) {
		return measure(drr, null, 0);
	}

	/**
	 * @param drr bone-mineral DRR ({@link DrrUnit#AREAL_DENSITY_G_PER_CM2})
	 * @param roi region (true inside) on the DRR's pixel grid, or null for the
	 *          whole image
	 * @param minGPerCm2 pixels above this count as bone (≥ 0)
	 */
	public static <B extends BooleanType<B>> ArealBmdResult measure(final Drr drr,
		final RandomAccessibleInterval<B> roi, final double minGPerCm2)
	{
		if (drr.unit() != DrrUnit.AREAL_DENSITY_G_PER_CM2) {
			throw new BoneXRException("Areal BMD needs a bone-mineral DRR (g/cm²), " +
				"but this DRR holds " + drr.unit() + ".",
				"Project the CT as mineral density (HU→mg/cm³ calibration, bone only).");
		}
		if (roi != null && !Intervals.equalDimensions(roi, drr.image())) {
			throw new BoneXRException("The ROI (" + roi.dimension(0) + "×" + roi
				.dimension(1) + ") does not cover the DRR (" + drr.image().dimension(0) +
				"×" + drr.image().dimension(1) + ").",
				"Draw the ROI on the DRR itself.");
		}
		final PixelSpacing iso = drr.isocenterSpacing();
		final double pixelAreaCm2 = iso.pixelAreaMm2() * 0.01;
		final Cursor<FloatType> c = Views.flatIterable(drr.image()).localizingCursor();
		final RandomAccess<B> r = roi == null ? null : roi.randomAccess();
		long pixels = 0;
		double sum = 0;
		while (c.hasNext()) {
			final float v = c.next().get();
			if (!(v > minGPerCm2)) continue;
			if (r != null) {
				r.setPosition(c);
				if (!r.get().get()) continue;
			}
			pixels++;
			sum += v;
		}
		return new ArealBmdResult(pixels, pixels * pixelAreaCm2, sum *
			pixelAreaCm2);
	}
}
