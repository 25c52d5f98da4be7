package org.bonexr.drr;

import java.util.Collections;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * A digitally reconstructed radiograph: per detector pixel the line integral
 * of the projected volume along its ray, in {@link #unit()} (∫μ dl, or g/cm²
 * for a mineral-density volume). Width = detector columns, height = rows.
 */
public final class Drr {

	private final float[] values;
	private final RandomAccessibleInterval<FloatType> image;
	private final PixelSpacing detectorSpacing;
	private final double magnification;
	private final DrrUnit unit;

	Drr(final float[] values, final ProjectionGeometry geometry,
		final DrrUnit unit)
	{
		this.values = values;
		this.image = ArrayImgs.floats(values, geometry.columns(), geometry.rows());
		this.detectorSpacing = geometry.detectorSpacing();
		this.magnification = geometry.magnification();
		this.unit = unit;
	}

	/** The pixels (columns × rows). */
	public RandomAccessibleInterval<FloatType> image() {
		return image;
	}

	/** The pixel values, row by row (not a copy). */
	public float[] values() {
		return values;
	}

	/** Pixel size on the detector, mm. */
	public PixelSpacing detectorSpacing() {
		return detectorSpacing;
	}

	/** Pixel size projected back to the isocentre plane (detector / magnification), mm. */
	public PixelSpacing isocenterSpacing() {
		return PixelSpacing.mm(detectorSpacing.xMm() / magnification,
			detectorSpacing.yMm() / magnification);
	}

	public DrrUnit unit() {
		return unit;
	}

	/**
	 * As a radiograph with the detector pixel spacing. An attenuation DRR is in
	 * the {@link ValueDomain#ATTENUATION} domain; an areal-density DRR is
	 * proportional to attenuation by bone mineral alone and is marked so too.
	 */
	public Radiograph toRadiograph(final String name) {
		return new Radiograph(name, image, detectorSpacing,
			ValueDomain.ATTENUATION, unit == DrrUnit.ATTENUATION ? Collections
				.emptyList() : Collections.singletonList(
					"Pixel values are areal mineral density in g/cm², not attenuation."));
	}
}
