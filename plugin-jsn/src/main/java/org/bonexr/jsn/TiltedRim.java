package org.bonexr.jsn;

/**
 * The far rim of a tilted bone end in a profile along the joint axis.
 * <p>
 * A flat bone end (an articular base) that is tilted to the beam, as in a
 * flexed joint, does not project as a step: the chord through the bone grows
 * linearly from the end's near rim (where the edge model finds the onset,
 * with a linear shape γ ≈ 1) to its far rim, over 2·d·sin θ for an end of
 * depth 2d tilted by θ. Beyond the far rim the chord stops growing, and the
 * end's cortical shell, whose inner surface is tilted alike, makes the
 * profile level off or fall: the far rim is the crest of the rise. The end's
 * mid-line (its mid-depth, the surface a JSW along the bone's axis is taken
 * to) projects halfway between the two rims.
 * <p>
 * Method: within {@code maxLengthPx} beyond the onset (into the bone) the
 * profile, smoothed over ±2 px, has its highest point; the crest must rise
 * by at least half the edge's fitted contrast above the level before the
 * onset and come down after it (a maximum inside the range, not at its
 * end), and 1.5 px past the onset the profile must have risen by less than
 * a given fraction of that (a ramp; a step edge followed by its cortical
 * plateau has risen almost fully there: {@link #SHARP_RAMP_FRACTION} for an
 * image or exact layers, more for a network's blurred layer). It is then located to sub-pixel precision as the kink of a
 * continuous two-line fit around the highest unsmoothed sample there (the
 * kink within ±1.5 px of it), over a quarter of the rise's length before it
 * and {@code kinkAfterPx} samples after it: the inner surface of the end's
 * cortical shell, tilted alike, bends the rise before the crest and ends its
 * fall shortly after it, so both sides are kept short. Stateless.
 */
final class TiltedRim {

	/** Samples the crest must come down over after it, px. */
	static final int FALL_PX = 4;
	private static final double STEP = 0.05;
	/** Distance past the onset at which a ramp is told from a step, px. */
	private static final double EARLY_PX = 1.5;
	/**
	 * Largest share of the rise to the crest a ramp may have made
	 * {@value #EARLY_PX} px past its onset, in a profile not blurred beyond
	 * its pixels.
	 */
	static final double SHARP_RAMP_FRACTION = 0.5;

	private TiltedRim() {}

	/**
	 * @param y profile samples at t = tStart + k (attenuation)
	 * @param onset the edge onset (near rim), t in px
	 * @param intoBone +1 when the bone lies at larger t (distal), −1 when at
	 *          smaller t (proximal)
	 * @param minLengthPx shortest rise taken as tilted, px
	 * @param maxLengthPx longest rise searched, px
	 * @param rise the fitted edge amplitude over the fit window (a positive
	 *          attenuation), which the crest must reach at least half of
	 * @param kinkAfterPx samples of the kink fit on the bone's side (≥ 1)
	 * @param rampFraction largest share of the rise to the crest made
	 *          {@value #EARLY_PX} px past the onset for the edge to count as a
	 *          ramp ({@link #SHARP_RAMP_FRACTION} unless the profile is blurred)
	 * @return the far rim t (px), or NaN where there is no crest
	 */
	static double farRim(final double[] y, final double tStart,
		final double onset, final int intoBone, final double minLengthPx,
		final double maxLengthPx, final double rise, final int kinkAfterPx,
		final double rampFraction)
	{
		final int n = y.length;
		final double[] s = new double[n];
		for (int i = 0; i < n; i++) {
			double sum = 0;
			int c = 0;
			for (int k = Math.max(0, i - 2); k <= Math.min(n - 1, i + 2); k++) {
				sum += y[k];
				c++;
			}
			s[i] = sum / c;
		}
		final int i0 = (int) Math.round(onset - tStart);
		if (i0 < 0 || i0 >= n) return Double.NaN;
		final int first = i0 + intoBone * (int) Math.ceil(minLengthPx);
		final int last = i0 + intoBone * (int) Math.floor(maxLengthPx);
		int best = -1;
		for (int i = first; intoBone > 0 ? i <= last : i >= last; i += intoBone) {
			if (i < 0 || i >= n) break;
			if (best < 0 || s[i] > s[best]) best = i;
		}
		if (best < 0) return Double.NaN;
		// a crest inside the range: the profile must come down after it
		final int after = best + intoBone * FALL_PX;
		if (after < 0 || after >= n || Math.abs(best - last) < 2) {
			return Double.NaN;
		}
		final double base = s[Math.max(0, Math.min(n - 1, i0 - intoBone * 2))];
		if (!(s[best] - base > 0.5 * rise) || !(s[after] < s[best])) {
			return Double.NaN;
		}
		// a ramp, not a step followed by a plateau: 1.5 px past the onset the
		// profile has risen by less than rampFraction of its rise to the crest
		final double early = interpolate(y, onset + intoBone * EARLY_PX - tStart);
		if (!(early - base < rampFraction * (s[best] - base))) return Double.NaN;
		// the smoothing moves the crest of an asymmetric corner: take the
		// highest unsmoothed sample near it as the centre of the kink fit
		int top = best;
		for (int i = Math.max(0, best - 3); i <= Math.min(n - 1, best + 3); i++) {
			if (y[i] > y[top]) top = i;
		}
		// before the crest: a quarter of the rise (the inner surface bends it
		// earlier the less the end is tilted, but never within the last
		// quarter for tilts up to 30° and a shell thinner than a quarter of
		// the end's depth)
		final int before = Math.max(1, (int) Math.floor(0.25 * Math.abs(top -
			i0)));
		return kink(y, tStart, top, top - intoBone * before, top + intoBone *
			kinkAfterPx);
	}

	private static double interpolate(final double[] y, final double i) {
		final double c = Math.max(0, Math.min(y.length - 1, i));
		final int k = Math.min(y.length - 2, (int) Math.floor(c));
		return y[k] + (y[k + 1] - y[k]) * (c - k);
	}

	/**
	 * Kink of a continuous two-line least-squares fit over samples a..b (either
	 * order) around sample top.
	 */
	private static double kink(final double[] y, final double tStart,
		final int top, final int a, final int b)
	{
		final int lo = Math.max(0, Math.min(a, b));
		final int hi = Math.min(y.length - 1, Math.max(a, b));
		final double centre = top + tStart;
		double bestK = centre, bestRss = Double.POSITIVE_INFINITY;
		final int steps = (int) Math.round(1.5 / STEP);
		for (int j = -steps; j <= steps; j++) {
			final double k = centre + j * STEP;
			final double rss = twoLineRss(y, tStart, lo, hi, k);
			if (rss < bestRss) {
				bestRss = rss;
				bestK = k;
			}
		}
		return bestK;
	}

	/** RSS of y ≈ a + b·(t − k) + c·max(t − k, 0) over samples lo..hi. */
	private static double twoLineRss(final double[] y, final double tStart,
		final int lo, final int hi, final double k)
	{
		final double[][] m = new double[3][3];
		final double[] v = new double[3];
		for (int i = lo; i <= hi; i++) {
			final double t = i + tStart - k;
			final double[] f = { 1, t, Math.max(t, 0) };
			for (int a = 0; a < 3; a++) {
				v[a] += f[a] * y[i];
				for (int b = 0; b < 3; b++)
					m[a][b] += f[a] * f[b];
			}
		}
		final double[] beta = EdgeModelFit.choleskySolve(m, v);
		if (beta == null) return Double.POSITIVE_INFINITY;
		double rss = 0;
		for (int i = lo; i <= hi; i++) {
			final double t = i + tStart - k;
			final double r = y[i] - beta[0] - beta[1] * t - beta[2] * Math.max(t, 0);
			rss += r * r;
		}
		return rss;
	}
}
