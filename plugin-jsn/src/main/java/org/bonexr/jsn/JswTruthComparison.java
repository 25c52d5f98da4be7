package org.bonexr.jsn;

import java.util.Arrays;
import java.util.stream.DoubleStream;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.jsn.JointImage.Bone;
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
 * <p>
 * Each margin is also compared on its own ({@link #meanMarginError},
 * {@link #marginErrorSd}): the signed distance along the joint axis from the
 * true margin point to the measured one, mm, positive towards the distal
 * bone, so that a JSW error can be traced to the margin it comes from.
 */
public final class JswTruthComparison {

	private final double[] measured;
	private final double[] truth;
	/** Signed margin errors along the axis, mm, by position (NaN: no truth there). */
	private final double[] proximalError;
	private final double[] distalError;

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
		// each margin's lateral and axial coordinate, px
		final double[] latD = new double[n], alongP = new double[n],
			alongD = new double[n];
		for (int i = 0; i < n; i++) {
			lat[i] = tpx[i] * nx + tpy[i] * ny;
			latD[i] = tdx[i] * nx + tdy[i] * ny;
			alongP[i] = tpx[i] * ax + tpy[i] * ay;
			alongD[i] = tdx[i] * ax + tdy[i] * ay;
			final double ex = (tdx[i] - tpx[i]) * s.xMm();
			final double ey = (tdy[i] - tpy[i]) * s.yMm();
			// signed: the distal margin may project below the proximal one
			final double along = ex * ax * s.xMm() + ey * ay * s.yMm();
			w[i] = along > 0 ? Math.hypot(ex, ey) : 0;
		}
		final boolean increasing = lat[n - 1] > lat[0];
		final double[] jsw = m.jswProfile();
		final double[] mx = m.proximalX(), my = m.proximalY();
		final double[] mdx = m.distalX(), mdy = m.distalY();
		final double axisMm = m.axis().axisStep(s);
		final double cx = m.axis().centreX(), cy = m.axis().centreY();
		final double[] pos = m.lateralPositions();
		final java.util.List<double[]> pairs = new java.util.ArrayList<>();
		final double stepU = m.size() > 1 ? (pos[1] - pos[0]) : 1;
		for (int j = 0; j < jsw.length; j++) {
			if (!Double.isFinite(jsw[j])) continue;
			final double u = pos[j] / stepU;
			final double q = (cx + u * nx) * nx + (cy + u * ny) * ny;
			final double tv = interpolate(lat, w, q, increasing);
			if (!Double.isFinite(tv)) continue;
			final double ep = (mx[j] * ax + my[j] * ay - interpolate(lat, alongP, q,
				increasing)) * axisMm;
			final double ed = (mdx[j] * ax + mdy[j] * ay - interpolate(latD, alongD,
				q, latD[n - 1] > latD[0])) * axisMm;
			pairs.add(new double[] { jsw[j], tv, ep, ed });
		}
		measured = pairs.stream().mapToDouble(p -> p[0]).toArray();
		truth = pairs.stream().mapToDouble(p -> p[1]).toArray();
		proximalError = pairs.stream().mapToDouble(p -> p[2]).toArray();
		distalError = pairs.stream().mapToDouble(p -> p[3]).toArray();
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

	/**
	 * Mean signed error of one margin over the compared positions where the
	 * truth has that margin, mm along the joint axis, positive where the
	 * measured margin lies further towards the distal bone than the true one
	 * (so a distal error adds to the JSW error, a proximal one subtracts);
	 * NaN when no position has it.
	 */
	public double meanMarginError(final Bone bone) {
		return finite(bone == Bone.PROXIMAL ? proximalError : distalError)
			.average().orElse(Double.NaN);
	}

	/**
	 * Standard deviation over positions of one margin's signed error, mm: how
	 * much the margin scatters across the joint around its mean error; NaN
	 * with fewer than two positions.
	 */
	public double marginErrorSd(final Bone bone) {
		final double[] e = finite(bone == Bone.PROXIMAL ? proximalError
			: distalError).toArray();
		if (e.length < 2) return Double.NaN;
		final double mean = Arrays.stream(e).average().getAsDouble();
		double ss = 0;
		for (final double v : e)
			ss += (v - mean) * (v - mean);
		return Math.sqrt(ss / (e.length - 1));
	}

	private static DoubleStream finite(final double[] e) {
		return Arrays.stream(e).filter(Double::isFinite);
	}

	/** Mean true JSW over the compared positions, mm. */
	public double meanTruth() {
		double s = 0;
		for (final double t : truth)
			s += t;
		return s / truth.length;
	}
}
