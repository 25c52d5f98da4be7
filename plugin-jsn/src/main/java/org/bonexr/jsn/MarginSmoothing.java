package org.bonexr.jsn;

/**
 * Smooths a bone margin across the joint: each position's margin (px along
 * the joint axis) is replaced by the value at that position of a quadratic
 * fitted by least squares to the margins within ±{@code half} positions
 * (a Savitzky–Golay filter that skips positions without a margin). A bone's
 * outline is smooth on that scale, while each position's edge fit sees the
 * noise of three image lines only; a quadratic follows the outline's
 * curvature, so a curved margin is not pulled towards its chord.
 * Positions without a margin (NaN) stay without one; a position with fewer
 * than {@value #MIN_POINTS} margins in its window keeps its own value.
 */
final class MarginSmoothing {

	/** Fewest margins in a window for the quadratic fit. */
	static final int MIN_POINTS = 5;

	private MarginSmoothing() {}

	/**
	 * @param t margins, px along the axis, one per lateral position (NaN: none)
	 * @param half half-width of the window, positions
	 * @return a new array; t is not modified
	 */
	static double[] localQuadratic(final double[] t, final int half) {
		final double[] out = new double[t.length];
		for (int i = 0; i < t.length; i++) {
			out[i] = Double.isFinite(t[i]) ? fitAt(t, i, half) : Double.NaN;
		}
		return out;
	}

	/** Value at i of the quadratic fitted to the finite t within i ± half. */
	private static double fitAt(final double[] t, final int i, final int half) {
		// normal equations of a + b x + c x², x = k − i
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, y0 = 0, y1 = 0, y2 = 0;
		for (int k = Math.max(0, i - half); k <= Math.min(t.length - 1, i +
			half); k++)
		{
			if (!Double.isFinite(t[k])) continue;
			final double x = k - i, x2 = x * x;
			s0 += 1;
			s1 += x;
			s2 += x2;
			s3 += x2 * x;
			s4 += x2 * x2;
			y0 += t[k];
			y1 += x * t[k];
			y2 += x2 * t[k];
		}
		if (s0 < MIN_POINTS) return t[i];
		// Cramer's rule for a
		final double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) +
			s2 * (s1 * s3 - s2 * s2);
		if (Math.abs(det) < 1e-12) return t[i];
		final double detA = y0 * (s2 * s4 - s3 * s3) - s1 * (y1 * s4 - s3 * y2) +
			s2 * (y1 * s3 - s2 * y2);
		return detA / det;
	}
}
