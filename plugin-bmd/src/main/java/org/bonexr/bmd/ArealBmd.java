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
 * {@code minGPerCm2} (default 0: every pixel a bone ray crossed), in the same
 * DRR or in a second one that defines the bone area;
 * <ul>
 * <li>area = bone pixels × pixel area at the isocentre (cm²),</li>
 * <li>BMC = Σ positive pixel values × pixel area (g),</li>
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
	 * @param minGPerCm2 pixels above this count toward the bone area (≥ 0); BMC
	 *          sums every positive pixel of the region
	 */
	public static <B extends BooleanType<B>> ArealBmdResult measure(final Drr drr,
		final RandomAccessibleInterval<B> roi, final double minGPerCm2)
	{
		return measure(drr, drr, roi, minGPerCm2);
	}

	/**
	 * BMC from {@code mineral}, bone area from {@code boneArea}: e.g. mineral
	 * of every voxel (including the partial-volume rim of the bone) and area
	 * from the projection of a bone mask. BMC sums the whole region; area
	 * counts its pixels where {@code boneArea} is above {@code minGPerCm2}.
	 * Both DRRs must come from the same geometry.
	 */
	public static <B extends BooleanType<B>> ArealBmdResult measure(
		final Drr mineral, final Drr boneArea,
		final RandomAccessibleInterval<B> roi, final double minGPerCm2)
	{
		if (!Intervals.equalDimensions(mineral.image(), boneArea.image()) ||
			!mineral.isocenterSpacing().equals(boneArea.isocenterSpacing()))
		{
			throw new BoneXRException("The mineral DRR and the bone-area DRR differ " +
				"in size or pixel spacing.", "Project both with the same geometry.");
		}
		final Drr drr = mineral;
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
		final Cursor<FloatType> area = Views.flatIterable(boneArea.image()).cursor();
		final RandomAccess<B> r = roi == null ? null : roi.randomAccess();
		long pixels = 0;
		double sum = 0;
		while (c.hasNext()) {
			final float v = c.next().get();
			final float a = area.next().get();
			if (r != null) {
				r.setPosition(c);
				if (!r.get().get()) continue;
			}
			if (a > minGPerCm2) pixels++;
			if (v > 0) sum += v;
		}
		return new ArealBmdResult(pixels, pixels * pixelAreaCm2, sum *
			pixelAreaCm2);
	}
}
