package org.bonexr.bmd.radiograph;

/**
 * A named region on a {@link BoneDrr}'s grid: a mask (true inside, row-major)
 * and, for display, its outline as a polygon in pixel-edge coordinates (x to
 * the right, y down; pixel (c, r) spans [c, c+1) × [r, r+1)).
 */
public final class Region {

	private final String name;
	private final boolean[] mask;
	private final double[] xs, ys;

	public Region(final String name, final boolean[] mask, final double[] xs,
		final double[] ys)
	{
		this.name = name;
		this.mask = mask;
		this.xs = xs;
		this.ys = ys;
	}

	public String name() {
		return name;
	}

	public boolean[] mask() {
		return mask;
	}

	/** Outline x (pixels), or an empty array when there is none. */
	public double[] outlineX() {
		return xs.clone();
	}

	/** Outline y (pixels). */
	public double[] outlineY() {
		return ys.clone();
	}
}
