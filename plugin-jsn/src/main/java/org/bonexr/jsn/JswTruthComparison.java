package org.bonexr.jsn;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.phantom.JswProfile;

/**
 * Compares a {@link JswMeasurement} with a phantom's ground truth
 * ({@link JswProfile}), for tests and {@code bonexr bench jsw}.
 * <p>
 * The truth at a measured position is the distance, in the image plane,
 * between the true proximal and distal margin points, interpolated at the
 * measured position's lateral coordinate. Without flexion that is the
 * phantom's JSW; with flexion it is the JSW as the projection shows it
 * (foreshortened by the tilt of the distal bone), which is what an image
 * measurement can recover; where the distal mid-line projects onto or below
 * the proximal margin (strong flexion, narrow joint) the projected JSW is 0,
 * as the measurement reports it.
 */
public final class JswTruthComparison {

	private final double[] measured;
	private final double[] truth;

	public JswTruthComparison(final JswMeasurement m, final JswProfile t) {
		final PixelSpacing s = m.spacing();
		if (!s.isKnown()) {
			throw new BoneXRException("The measurement is in px.",
				"Compare with the truth only measurements made in mm.");
		}
		final double nx = m.axis().lateralX(), ny = m.axis().lateralY();
		final double[] tpx = t.proximalX(), tpy = t.proximalY();
		final double[] tdx = t.distalX(), tdy = t.distalY();
		final int n = t.size();
		final double[] lat = new double[n], w = new double[n];
		final double ax = m.axis().axisX(), ay = m.axis().axisY();
		for (int i = 0; i < n; i++) {
			lat[i] = tpx[i] * nx + tpy[i] * ny;
			final double ex = (tdx[i] - tpx[i]) * s.xMm();
			final double ey = (tdy[i] - tpy[i]) * s.yMm();
			// signed: the distal margin may project below the proximal one
			final double along = ex * ax * s.xMm() + ey * ay * s.yMm();
			w[i] = along > 0 ? Math.hypot(ex, ey) : 0;
		}
		final boolean increasing = lat[n - 1] > lat[0];
		final double[] jsw = m.jswProfile();
		final double[] mx = m.proximalX(), my = m.proximalY();
		final double cx = m.axis().centreX(), cy = m.axis().centreY();
		final double[] pos = m.lateralPositions();
		final java.util.List<double[]> pairs = new java.util.ArrayList<>();
		final double stepU = m.size() > 1 ? (pos[1] - pos[0]) : 1;
		for (int j = 0; j < jsw.length; j++) {
			if (!Double.isFinite(jsw[j])) continue;
			final double u = pos[j] / stepU;
			final double q = (cx + u * nx) * nx + (cy + u * ny) * ny;
			final double tv = interpolate(lat, w, q, increasing);
			if (Double.isFinite(tv)) pairs.add(new double[] { jsw[j], tv });
		}
		measured = pairs.stream().mapToDouble(p -> p[0]).toArray();
		truth = pairs.stream().mapToDouble(p -> p[1]).toArray();
		if (measured.length == 0) {
			throw new BoneXRException("No measured position lies within the " +
				"phantom's true profile.", "Measure over the central part of the joint.");
		}
	}

	private static double interpolate(final double[] x, final double[] y,
		final double q, final boolean increasing)
	{
		final int n = x.length;
		for (int i = 0; i < n - 1; i++) {
			final double a = x[increasing ? i : n - 1 - i];
			final double b = x[increasing ? i + 1 : n - 2 - i];
			if (q >= a && q <= b) {
				final double ya = y[increasing ? i : n - 1 - i];
				final double yb = y[increasing ? i + 1 : n - 2 - i];
				return b == a ? ya : ya + (yb - ya) * (q - a) / (b - a);
			}
		}
		return Double.NaN;
	}

	/** Positions compared. */
	public int count() {
		return measured.length;
	}

	/** Mean |measured − true| JSW over the compared positions, mm. */
	public double meanAbsoluteError() {
		double s = 0;
		for (int i = 0; i < measured.length; i++)
			s += Math.abs(measured[i] - truth[i]);
		return s / measured.length;
	}

	/** Mean (measured − true) JSW, mm: the bias. */
	public double meanError() {
		double s = 0;
		for (int i = 0; i < measured.length; i++)
			s += measured[i] - truth[i];
		return s / measured.length;
	}

	/** Mean true JSW over the compared positions, mm. */
	public double meanTruth() {
		double s = 0;
		for (final double t : truth)
			s += t;
		return s / truth.length;
	}
}
