package org.bonexr.phantom;

import java.util.Locale;

/**
 * A polygonal region of interest on a projection image, vertices in mm in the
 * image plane (for the AP hip projection: patient x and z of the CT frame).
 * A pixel belongs to the ROI when its centre lies inside (even-odd rule).
 * Immutable.
 */
public final class AreaRoi {

	private final String name;
	private final double[] xMm;
	private final double[] yMm;

	AreaRoi(final String name, final double[] xMm, final double[] yMm) {
		this.name = name;
		this.xMm = xMm;
		this.yMm = yMm;
	}

	public String name() {
		return name;
	}

	/** Vertex coordinates along the image's first axis, mm; a copy. */
	public double[] xMm() {
		return xMm.clone();
	}

	/** Vertex coordinates along the image's second axis, mm; a copy. */
	public double[] yMm() {
		return yMm.clone();
	}

	public boolean contains(final double x, final double y) {
		boolean inside = false;
		for (int i = 0, j = xMm.length - 1; i < xMm.length; j = i++) {
			if (yMm[i] > y != yMm[j] > y && x < (xMm[j] - xMm[i]) * (y - yMm[i]) /
				(yMm[j] - yMm[i]) + xMm[i])
			{
				inside = !inside;
			}
		}
		return inside;
	}

	/** The polygon cut to the side of the line through p with n·(q − p) ≤ 0. */
	AreaRoi clip(final String newName, final double px, final double py,
		final double nx, final double ny)
	{
		final java.util.List<double[]> out = new java.util.ArrayList<>();
		for (int i = 0; i < xMm.length; i++) {
			final int j = (i + 1) % xMm.length;
			final double di = nx * (xMm[i] - px) + ny * (yMm[i] - py);
			final double dj = nx * (xMm[j] - px) + ny * (yMm[j] - py);
			if (di <= 0) out.add(new double[] { xMm[i], yMm[i] });
			if (di < 0 != dj < 0 && di != dj) {
				final double t = di / (di - dj);
				out.add(new double[] { xMm[i] + t * (xMm[j] - xMm[i]), yMm[i] + t *
					(yMm[j] - yMm[i]) });
			}
		}
		final double[] x = new double[out.size()], y = new double[out.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = out.get(i)[0];
			y[i] = out.get(i)[1];
		}
		return new AreaRoi(newName, x, y);
	}

	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder(name).append(':');
		for (int i = 0; i < xMm.length; i++) {
			sb.append(String.format(Locale.ROOT, " (%.2f, %.2f)", xMm[i], yMm[i]));
		}
		return sb.toString();
	}
}
