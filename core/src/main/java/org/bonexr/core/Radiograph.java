package org.bonexr.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A 2D radiograph: float pixels on ImgLib2, the pixel spacing in mm, and what
 * the values mean ({@link ValueDomain}).
 * <p>
 * Immutable: operations return new radiographs and never write into the
 * pixels of their input. Warnings collected while reading (e.g. "no pixel
 * spacing") travel with the image so that every front door can show them.
 */
public final class Radiograph {

	private final String name;
	private final RandomAccessibleInterval<FloatType> pixels;
	private final PixelSpacing spacing;
	private final ValueDomain domain;
	private final List<String> warnings;

	public Radiograph(final String name,
		final RandomAccessibleInterval<FloatType> pixels,
		final PixelSpacing spacing, final ValueDomain domain,
		final List<String> warnings)
	{
		if (pixels.numDimensions() != 2) {
			throw new BoneXRException("A radiograph must be a single 2D image, " +
				"but this one has " + pixels.numDimensions() + " dimensions.",
				"Pick one slice (Image>Duplicate...) or run the command on each slice.");
		}
		this.name = name;
		this.pixels = pixels;
		this.spacing = spacing;
		this.domain = domain;
		this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
	}

	public Radiograph(final String name,
		final RandomAccessibleInterval<FloatType> pixels,
		final PixelSpacing spacing, final ValueDomain domain)
	{
		this(name, pixels, spacing, domain, Collections.emptyList());
	}

	/** A radiograph with other pixels and domain, same name, spacing and warnings. */
	public Radiograph withPixels(final RandomAccessibleInterval<FloatType> newPixels,
		final ValueDomain newDomain)
	{
		return new Radiograph(name, newPixels, spacing, newDomain, warnings);
	}

	public String name() {
		return name;
	}

	public RandomAccessibleInterval<FloatType> pixels() {
		return pixels;
	}

	public PixelSpacing spacing() {
		return spacing;
	}

	public ValueDomain domain() {
		return domain;
	}

	/** Warnings found while reading, each one sentence for the user. */
	public List<String> warnings() {
		return warnings;
	}

	public long width() {
		return pixels.dimension(0);
	}

	public long height() {
		return pixels.dimension(1);
	}
}
