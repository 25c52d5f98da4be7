package org.bonexr.core;

/**
 * Size of one pixel in millimetres, or the statement that it is unknown.
 * <p>
 * Conventions used throughout BoneXR: lengths in mm, x to the right, y down.
 * An image without known spacing is measured in pixels and every result says
 * so ("px"); BoneXR never silently treats a pixel as a millimetre.
 */
public final class PixelSpacing {

	/** Spacing unknown: results are in pixels. */
	public static final PixelSpacing UNKNOWN = new PixelSpacing(1, 1, false);

	private final double xMm;
	private final double yMm;
	private final boolean known;

	private PixelSpacing(final double xMm, final double yMm,
		final boolean known)
	{
		this.xMm = xMm;
		this.yMm = yMm;
		this.known = known;
	}

	/**
	 * @param xMm pixel width in mm (column spacing), finite and &gt; 0
	 * @param yMm pixel height in mm (row spacing), finite and &gt; 0
	 */
	public static PixelSpacing mm(final double xMm, final double yMm) {
		if (!(xMm > 0) || !(yMm > 0) || Double.isInfinite(xMm) || Double
			.isInfinite(yMm))
		{
			throw new BoneXRException("Pixel spacing " + xMm + " x " + yMm +
				" mm is not a valid size.",
				"Set a positive pixel size in Image>Properties... (unit mm).");
		}
		return new PixelSpacing(xMm, yMm, true);
	}

	/** Pixel width in mm (1 when unknown). */
	public double xMm() {
		return xMm;
	}

	/** Pixel height in mm (1 when unknown). */
	public double yMm() {
		return yMm;
	}

	/** Whether the spacing is known; if not, lengths are in pixels. */
	public boolean isKnown() {
		return known;
	}

	/** The length unit of results: "mm" when known, else "px". */
	public String unit() {
		return known ? "mm" : "px";
	}

	/** Area of one pixel in mm² (px² when unknown). */
	public double pixelAreaMm2() {
		return xMm * yMm;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof PixelSpacing)) return false;
		final PixelSpacing p = (PixelSpacing) o;
		return known == p.known && xMm == p.xMm && yMm == p.yMm;
	}

	@Override
	public int hashCode() {
		return Double.hashCode(xMm) * 31 + Double.hashCode(yMm) + (known ? 1 : 0);
	}

	@Override
	public String toString() {
		return known ? xMm + " x " + yMm + " mm" : "unknown (px)";
	}
}
