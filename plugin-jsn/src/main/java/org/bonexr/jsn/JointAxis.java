package org.bonexr.jsn;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.RealPixels;

/**
 * Where to measure: the joint centre, the joint axis (unit vector from the
 * proximal to the distal bone), how far across the axis the central part of
 * the joint reaches and how far along it the margins are sought. All in
 * image pixels (x right, y down, pixel centres at i + 0.5). The centre is
 * snapped to a pixel centre so that, for a joint axis along x or y, the
 * samples are the pixels themselves. Immutable.
 */
public final class JointAxis {

	private final double centreX;
	private final double centreY;
	private final double axisX;
	private final double axisY;
	private final int lateralHalfWidthPx;
	private final int searchHalfLengthPx;

	/**
	 * @param centreX joint centre x, px
	 * @param centreY joint centre y, px
	 * @param axisX joint axis x component (proximal → distal), any length
	 * @param axisY joint axis y component
	 * @param lateralHalfWidthPx the central part reaches this far on each
	 *          side of the centre, across the axis, px (≥ 1)
	 * @param searchHalfLengthPx margins are sought this far on each side of
	 *          the centre, along the axis, px (≥ 3)
	 */
	public JointAxis(final double centreX, final double centreY,
		final double axisX, final double axisY, final int lateralHalfWidthPx,
		final int searchHalfLengthPx)
	{
		final double len = Math.hypot(axisX, axisY);
		if (!(len > 0) || Double.isInfinite(len) || !Double.isFinite(centreX) ||
			!Double.isFinite(centreY))
		{
			throw new BoneXRException("The joint axis (" + axisX + ", " + axisY +
				") at (" + centreX + ", " + centreY + ") is not a direction.",
				"Draw a line across the joint, from one bone to the other.");
		}
		if (lateralHalfWidthPx < 1 || searchHalfLengthPx < 3) {
			throw new BoneXRException("The joint region (" + (2 *
				lateralHalfWidthPx + 1) + " px across, " + (2 * searchHalfLengthPx +
					1) + " px along the axis) is too small.",
				"Draw the region or line so that it covers both bone ends, at least " +
					"7 pixels along the joint axis and 3 pixels across.");
		}
		this.centreX = Math.floor(centreX) + 0.5;
		this.centreY = Math.floor(centreY) + 0.5;
		this.axisX = axisX / len;
		this.axisY = axisY / len;
		this.lateralHalfWidthPx = lateralHalfWidthPx;
		this.searchHalfLengthPx = searchHalfLengthPx;
	}

	/**
	 * A rectangle across the joint (x, y its top-left corner, px): the distal
	 * bone is at the top, the axis points up (−y); the rectangle's width is
	 * the central part, its height the search range.
	 */
	public static JointAxis ofRectangle(final double x, final double y,
		final double width, final double height)
	{
		return new JointAxis(x + width / 2, y + height / 2, 0, -1, (int) Math
			.floor((width - 1) / 2), (int) Math.floor((height - 1) / 2));
	}

	/**
	 * A line drawn across the joint from one bone to the other; it is
	 * oriented to point up the image (towards −y; left to right when
	 * horizontal), so the upper bone is taken as the distal one. Margins are
	 * sought along the line's length; the central part reaches
	 * lateralHalfWidthPx to each side.
	 */
	public static JointAxis ofLine(final double x1, final double y1,
		final double x2, final double y2, final int lateralHalfWidthPx)
	{
		double dx = x2 - x1, dy = y2 - y1;
		if (dy > 0 || dy == 0 && dx < 0) {
			dx = -dx;
			dy = -dy;
		}
		return new JointAxis((x1 + x2) / 2, (y1 + y2) / 2, dx, dy,
			lateralHalfWidthPx, (int) Math.floor(Math.hypot(dx, dy) / 2));
	}

	/**
	 * Automatic placement from two bone masks (non-zero = bone, same size):
	 * the axis runs from the proximal mask's centroid to the distal one's;
	 * the centre lies midway between the proximal bone's tip and the distal
	 * bone's base along that axis; the central part is 60% of the narrower
	 * bone end's half-width (the end being the half of each bone in view that
	 * is nearer the joint).
	 */
	public static JointAxis fromMasks(
		final RandomAccessibleInterval<? extends RealType<?>> proximalMask,
		final RandomAccessibleInterval<? extends RealType<?>> distalMask)
	{
		final int w = (int) proximalMask.dimension(0);
		final int h = (int) proximalMask.dimension(1);
		if (distalMask.dimension(0) != w || distalMask.dimension(1) != h) {
			throw new BoneXRException("The two bone masks differ in size.",
				"Give masks (or layers) of the same image.");
		}
		final float[] p = RealPixels.copy(proximalMask);
		final float[] d = RealPixels.copy(distalMask);
		final double[] cp = centroid(p, w, "proximal");
		final double[] cd = centroid(d, w, "distal");
		double ax = cd[0] - cp[0], ay = cd[1] - cp[1];
		final double len = Math.hypot(ax, ay);
		if (!(len > 0)) {
			throw new BoneXRException("The two bone masks have the same centre.",
				"Give one mask per bone, the proximal (lower) and distal (upper) one.");
		}
		ax /= len;
		ay /= len;
		final double nx = -ay, ny = ax;
		final Extent ep = Extent.of(p, w, h, ax, ay, nx, ny, true);
		final Extent ed = Extent.of(d, w, h, ax, ay, nx, ny, false);
		final double tMid = (ep.tip + ed.tip) / 2;
		final double uMid = (ep.uCentre + ed.uCentre) / 2;
		final double half = Math.min(ep.halfWidth, ed.halfWidth);
		final int lateral = Math.max(1, (int) Math.floor(0.6 * half));
		final int search = Math.max(3, (int) Math.ceil(Math.abs(ed.tip - ep.tip) /
			2 + 0.5 * half));
		return new JointAxis(tMid * ax + uMid * nx, tMid * ay + uMid * ny, ax, ay,
			lateral, search);
	}

	private static double[] centroid(final float[] m, final int w,
		final String which)
	{
		double sx = 0, sy = 0;
		long n = 0;
		for (int i = 0; i < m.length; i++) {
			if (m[i] != 0) {
				sx += i % w + 0.5;
				sy += i / w + 0.5;
				n++;
			}
		}
		if (n == 0) {
			throw new BoneXRException("The " + which + " bone mask is empty.",
				"Give a mask (or layer) that contains the " + which + " bone.");
		}
		return new double[] { sx / n, sy / n };
	}

	/** A bone's end along the axis: tip (t), lateral centre and half-width. */
	private static final class Extent {

		final double tip, uCentre, halfWidth;

		private Extent(final double tip, final double uCentre,
			final double halfWidth)
		{
			this.tip = tip;
			this.uCentre = uCentre;
			this.halfWidth = halfWidth;
		}

		/** towardsPlus: the bone's end is at its largest t (proximal). */
		static Extent of(final float[] m, final int w, final int h,
			final double ax, final double ay, final double nx, final double ny,
			final boolean towardsPlus)
		{
			double tMin = Double.POSITIVE_INFINITY, tMax = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < m.length; i++) {
				if (m[i] == 0) continue;
				final double t = (i % w + 0.5) * ax + (i / w + 0.5) * ay;
				tMin = Math.min(tMin, t);
				tMax = Math.max(tMax, t);
			}
			final double tip = towardsPlus ? tMax : tMin;
			final double mid = (tMin + tMax) / 2;
			double uMin = Double.POSITIVE_INFINITY, uMax = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < m.length; i++) {
				if (m[i] == 0) continue;
				final double x = i % w + 0.5, y = i / w + 0.5;
				final double t = x * ax + y * ay;
				if (towardsPlus ? t < mid : t > mid) continue;
				final double u = x * nx + y * ny;
				uMin = Math.min(uMin, u);
				uMax = Math.max(uMax, u);
			}
			return new Extent(tip, (uMin + uMax) / 2, (uMax - uMin) / 2);
		}
	}

	public double centreX() {
		return centreX;
	}

	public double centreY() {
		return centreY;
	}

	/** Unit joint axis, x component (proximal → distal). */
	public double axisX() {
		return axisX;
	}

	public double axisY() {
		return axisY;
	}

	public int lateralHalfWidthPx() {
		return lateralHalfWidthPx;
	}

	public int searchHalfLengthPx() {
		return searchHalfLengthPx;
	}

	/** Lateral unit vector (axis turned by +90° in image coordinates), x. */
	public double lateralX() {
		return -axisY;
	}

	public double lateralY() {
		return axisX;
	}

	/** Length in mm (px when unknown) of one px step along the axis. */
	double axisStep(final PixelSpacing s) {
		return Math.hypot(axisX * s.xMm(), axisY * s.yMm());
	}

	/** Length in mm (px when unknown) of one px step across the axis. */
	double lateralStep(final PixelSpacing s) {
		return Math.hypot(lateralX() * s.xMm(), lateralY() * s.yMm());
	}

	/** The same axis moved by (dx, dy) px. */
	public JointAxis translated(final double dx, final double dy) {
		return new JointAxis(centreX + dx, centreY + dy, axisX, axisY,
			lateralHalfWidthPx, searchHalfLengthPx);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT,
			"centre (%.1f, %.1f) px, axis (%.3f, %.3f), %d px across, %d px along",
			centreX, centreY, axisX, axisY, 2 * lateralHalfWidthPx + 1, 2 *
				searchHalfLengthPx + 1);
	}
}
