package org.bonexr.bmd.radiograph;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * A predicted (or true) bone-only mineral DRR: per pixel the areal density
 * of bone mineral along the ray, g/cm², on a square grid of {@link #pixelMm()}
 * mm. Row-major {@code width × height} floats, row 0 at the top. Pixel
 * (col, row) covers [col·p, (col+1)·p) × [row·p, (row+1)·p) mm measured from
 * the top-left corner of the source radiograph.
 */
public final class BoneDrr {

	private final float[] values;
	private final int width, height;
	private final double pixelMm;

	/** Wraps (does not copy) the values. */
	public BoneDrr(final float[] values, final int width, final int height,
		final double pixelMm)
	{
		if (values.length != width * height || !(pixelMm > 0)) {
			throw new IllegalArgumentException(values.length + " values for " +
				width + "×" + height + " px of " + pixelMm + " mm");
		}
		this.values = values;
		this.width = width;
		this.height = height;
		this.pixelMm = pixelMm;
	}

	/** A 2D radiograph holding mineral in g/cm² (spacing in mm). */
	public static BoneDrr of(final Radiograph r) {
		if (!r.spacing().isKnown() || Math.abs(r.spacing().xMm() - r.spacing()
			.yMm()) > 1e-6 * r.spacing().xMm())
		{
			throw new BoneXRException("The bone mineral image '" + r.name() +
				"' needs square pixels of known size in mm.",
				"Set the pixel size (Image>Properties) in mm.");
		}
		final float[] v = new float[(int) (r.width() * r.height())];
		int i = 0;
		for (final net.imglib2.type.numeric.real.FloatType t : net.imglib2.view.Views
			.flatIterable(r.pixels())) v[i++] = t.get();
		return new BoneDrr(v, (int) r.width(), (int) r.height(), r.spacing().xMm());
	}

	public float[] values() {
		return values;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Pixel side, mm. */
	public double pixelMm() {
		return pixelMm;
	}

	public float get(final int col, final int row) {
		return values[col + width * row];
	}

	/** As a radiograph (values g/cm², labelled attenuation domain: a line integral). */
	public Radiograph toRadiograph(final String name) {
		return new Radiograph(name, ArrayImgs.floats(values.clone(), width, height),
			PixelSpacing.mm(pixelMm, pixelMm), ValueDomain.ATTENUATION);
	}
}
