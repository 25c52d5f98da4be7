package org.bonexr.jsn;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The far rim of a tilted bone end in a separation model's layer, where the
 * crest of the end's rise is rounded.
 * <p>
 * In a profile along the joint axis a tilted bone end rises slowly from its
 * near rim to its far rim, then falls over a short distance (the end's
 * cortical shell, tilted alike) to a level ({@link TiltedRim}). A network
 * rounds that sharp corner, as a blur does: the highest point of a blurred
 * corner between a slow rise (slope s₁) and a steep fall (slope s₂) lies
 * before the corner by σ·Φ⁻¹(s₁ / (s₁ − s₂)) for a blur of SD σ, about 1 px
 * for the demo model, so {@link TiltedRim}'s two-line kink fit around the
 * highest sample finds the far rim early.
 * <p>
 * Method: least-squares fit of a continuous three-line profile, rise → fall
 * (from the far rim k₁) → level (from k₂), blurred by a Gaussian of SD σ:
 * <pre>
 * y(t) = c + s·t + b₁·R_σ(t − k₁) + b₂·R_σ(t − k₂),   R_σ(x) = x·Φ(x/σ) + σ·φ(x/σ)
 * </pre>
 * (R_σ is the ramp max(x, 0) convolved with the Gaussian; R₀ the ramp
 * itself). For given (k₁, k₂, σ) it is linear in c, s, b₁, b₂ (b₁ &lt; 0: a
 * fall). k₁, the fall's length k₂ − k₁ and σ are searched on a coarse grid
 * ({@value #COARSE_PX} px, {@value #SIGMAS} blurs), then refined together by
 * a Nelder–Mead simplex: the far rim, the fall and the blur trade off, so a
 * grid alone moves the far rim by up to 0.6 px when the blur lies between
 * two of its values.
 * The fit spans a quarter of the rise before the first estimate of the far
 * rim and {@value #AFTER_MM} mm after it, long enough for the level behind
 * the fall to pin the fall's line, so that the blur, not the corner, is
 * fitted to the rounding.
 * <p>
 * Across a joint the crest's shape — the fall's length (the projected
 * cortical shell) and the blur (the network's rounding) — is the same at
 * every position, while each profile's three-parameter fit trades the far
 * rim against the other two and so passes the noise of three image lines
 * into the far rim. {@link #sharedFarRims} locates each far rim again with
 * the median shape of the free fits across the joint (one parameter per
 * profile), all of them shifted together to the free fits' mean. Lengths in
 * px along the profile. Stateless.
 */
final class RoundedCrest {

	/** Extent of the fit behind the first far-rim estimate, mm. */
	static final double AFTER_MM = 0.8;
	/** Search range of the far rim around its first estimate, mm. */
	static final double RANGE_MM = 0.3;
	/** Shortest and longest fall, mm. */
	static final double MIN_FALL_MM = 0.1, MAX_FALL_MM = 0.7;
	/** Largest blur SD of the coarse grid, mm. */
	static final double MAX_SIGMA_MM = 0.2;
	private static final int SIGMAS = 5;
	/** Coarse grid step of the far rim and the fall, px. */
	private static final double COARSE_PX = 0.25;
	/** The simplex stops when its far rims lie within this, px. */
	private static final double TOLERANCE_PX = 0.005;
	private static final int MAX_ITERATIONS = 300;

	private RoundedCrest() {}

	/** A crest's shape: the fall's length and the blur's SD, px. */
	static final class Shape {

		final double fallPx;
		final double blurPx;

		Shape(final double fallPx, final double blurPx) {
			this.fallPx = fallPx;
			this.blurPx = blurPx;
		}
	}

	/**
	 * A located far rim (t, px) and the shape fitted with it (null: none
	 * fitted), with the samples it was fitted on.
	 */
	static final class Crest {

		final double farRim;
		final Shape shape;
		private final Window window;

		private Crest(final double farRim, final Shape shape,
			final Window window)
		{
			this.farRim = farRim;
			this.shape = shape;
			this.window = window;
		}

		/**
		 * The far rim (t, px) located again with a given shape; the first
		 * estimate where no fit is possible.
		 */
		double farRim(final Shape given) {
			return window == null ? farRim : rimWithShape(window, given);
		}
	}

	/**
	 * The far rim with the crest's shape fitted too.
	 *
	 * @param y profile samples at t = tStart + k (attenuation); the bone at
	 *          larger t (a distal bone end)
	 * @param nearRim the end's near rim, t in px
	 * @param farRim a first estimate of the far rim ({@link TiltedRim}), t in px
	 * @param pixelMm length of a profile step, mm
	 * @return the far rim and its shape; the first estimate, without a shape,
	 *         where no fit is possible
	 */
	static Crest fit(final double[] y, final double tStart, final double nearRim,
		final double farRim, final double pixelMm)
	{
		final Window w = window(y, tStart, nearRim, farRim, pixelMm);
		if (w == null) return new Crest(farRim, null, null);
		final double sigmaStep = MAX_SIGMA_MM / pixelMm / (SIGMAS - 1);
		// coarse grid: far rims k = k0 + i·COARSE_PX, ends of the fall
		// k + minFall + f·COARSE_PX; each blurred ramp column computed once per blur
		final double k0 = farRim - w.range;
		final int rims = (int) Math.floor(2 * w.range / COARSE_PX + 1e-9) + 1;
		final int falls = (int) Math.floor((w.maxFall - w.minFall) / COARSE_PX +
			1e-9) + 1;
		double[] start = null;
		double best = Double.POSITIVE_INFINITY;
		for (int si = 0; si < SIGMAS; si++) {
			final double sigma = si * sigmaStep;
			final double[][] atRim = new double[rims][];
			final double[][] atEnd = new double[rims + falls - 1][];
			for (int i = 0; i < rims; i++)
				atRim[i] = w.ramps(k0 + i * COARSE_PX, sigma);
			for (int j = 0; j < atEnd.length; j++)
				atEnd[j] = w.ramps(k0 + w.minFall + j * COARSE_PX, sigma);
			for (int i = 0; i < rims; i++) {
				for (int f = 0; f < falls; f++) {
					final double r = w.rss(atRim[i], atEnd[i + f]);
					if (r < best) {
						best = r;
						start = new double[] { k0 + i * COARSE_PX, w.minFall + f *
							COARSE_PX, sigma };
					}
				}
			}
		}
		if (start == null) return new Crest(farRim, null, w);
		// restarted once from where it stopped, as a simplex may collapse early
		final double[] steps = { COARSE_PX, COARSE_PX, sigmaStep / 2 };
		final double[] best3 = minimise(w, minimise(w, start, steps), steps);
		return new Crest(best3[0], new Shape(best3[1], best3[2]), w);
	}

	/**
	 * The far rim with the crest's shape given: the far rim on the coarse
	 * grid, then a golden-section search within one grid step of the best.
	 *
	 * @return the far rim t (px); the first estimate where no fit is possible
	 */
	private static double rimWithShape(final Window w, final Shape shape) {
		double bestK = Double.NaN, best = Double.POSITIVE_INFINITY;
		for (double k = w.centre - w.range; k <= w.centre + w.range + 1e-9; k +=
			COARSE_PX)
		{
			final double r = w.rss(k, shape.fallPx, shape.blurPx);
			if (r < best) {
				best = r;
				bestK = k;
			}
		}
		if (Double.isNaN(bestK)) return w.centre;
		final double g = (Math.sqrt(5) - 1) / 2;
		double a = Math.max(w.centre - w.range, bestK - COARSE_PX);
		double b = Math.min(w.centre + w.range, bestK + COARSE_PX);
		while (b - a > TOLERANCE_PX) {
			final double c = b - g * (b - a), d = a + g * (b - a);
			if (w.rss(c, shape.fallPx, shape.blurPx) <= w.rss(d, shape.fallPx,
				shape.blurPx)) b = d;
			else a = c;
		}
		final double k = (a + b) / 2;
		return w.rss(k, shape.fallPx, shape.blurPx) <= best ? k : bestK;
	}

	/**
	 * The median fall and the median blur of the crests fitted with their
	 * own shape; null when none is.
	 */
	static Shape medianShape(final List<Crest> crests) {
		final List<Crest> fitted = crests.stream().filter(c -> c.shape != null)
			.collect(Collectors.toList());
		return fitted.isEmpty() ? null : new Shape(JointSpaceComparison.median(
			fitted.stream().mapToDouble(c -> c.shape.fallPx).toArray()),
			JointSpaceComparison.median(fitted.stream().mapToDouble(
				c -> c.shape.blurPx).toArray()));
	}

	/**
	 * The far rims of one bone end's crests across a joint, each located
	 * again with the shape they share ({@link #medianShape}), then all
	 * shifted together so that the crests fitted with their own shape keep
	 * their mean. Fall and blur trade off along a shallow valley of the
	 * residual, so with noise the median shape lies somewhere along it and
	 * moves every far rim found with it by a common amount (synthetic
	 * crests: 0.2–0.5 px early); the free fits scatter more but about a
	 * smaller bias, and their mean over a joint has little noise. So the
	 * shared shape places the far rims relative to one another and the free
	 * fits place them as a whole. A crest without a fit keeps its first
	 * estimate; without any free fit, every crest keeps its own far rim.
	 *
	 * @return far rims, t in px, in the order of crests
	 */
	static double[] sharedFarRims(final List<Crest> crests) {
		final double[] own = crests.stream().mapToDouble(c -> c.farRim)
			.toArray();
		final Shape shape = medianShape(crests);
		if (shape == null) return own;
		final double[] rims = crests.stream().mapToDouble(c -> c.farRim(shape))
			.toArray();
		double shift = 0;
		int n = 0;
		for (int i = 0; i < rims.length; i++) {
			if (crests.get(i).shape == null) continue;
			shift += own[i] - rims[i];
			n++;
		}
		shift /= n;
		for (int i = 0; i < rims.length; i++)
			if (crests.get(i).window != null) rims[i] += shift;
		return rims;
	}

	/**
	 * The samples fitted: a quarter of the rise before the first far-rim
	 * estimate to {@value #AFTER_MM} mm after it; null when fewer than six.
	 */
	private static Window window(final double[] y, final double tStart,
		final double nearRim, final double farRim, final double pixelMm)
	{
		final int before = Math.max(1, (int) Math.floor(0.25 * Math.abs(farRim -
			nearRim)));
		final int lo = Math.max(0, (int) Math.round(farRim - tStart) - before);
		final int hi = Math.min(y.length - 1, (int) Math.round(farRim - tStart +
			AFTER_MM / pixelMm));
		if (hi - lo + 1 < 6) return null;
		return new Window(y, lo, hi, tStart, farRim, RANGE_MM / pixelMm,
			MIN_FALL_MM / pixelMm, MAX_FALL_MM / pixelMm);
	}

	/** Nelder–Mead minimum of the window's RSS over (far rim, fall, blur). */
	private static double[] minimise(final Window w, final double[] start,
		final double[] steps)
	{
		final int d = start.length;
		final double[][] x = new double[d + 1][];
		final double[] f = new double[d + 1];
		for (int v = 0; v <= d; v++) {
			x[v] = start.clone();
			if (v > 0) x[v][v - 1] += steps[v - 1];
			f[v] = w.rss(x[v]);
		}
		for (int it = 0; it < MAX_ITERATIONS; it++) {
			// order: best first
			for (int i = 1; i <= d; i++) {
				for (int j = i; j > 0 && f[j] < f[j - 1]; j--) {
					final double[] tx = x[j];
					x[j] = x[j - 1];
					x[j - 1] = tx;
					final double tf = f[j];
					f[j] = f[j - 1];
					f[j - 1] = tf;
				}
			}
			double spread = 0;
			for (int v = 1; v <= d; v++)
				spread = Math.max(spread, Math.abs(x[v][0] - x[0][0]));
			if (spread < TOLERANCE_PX && it > 0) break;
			final double[] centroid = new double[d];
			for (int v = 0; v < d; v++)
				for (int k = 0; k < d; k++)
					centroid[k] += x[v][k] / d;
			final double[] reflected = along(centroid, x[d], -1);
			final double fr = w.rss(reflected);
			if (fr < f[0]) {
				final double[] expanded = along(centroid, x[d], -2);
				final double fe = w.rss(expanded);
				x[d] = fe < fr ? expanded : reflected;
				f[d] = Math.min(fe, fr);
			}
			else if (fr < f[d - 1]) {
				x[d] = reflected;
				f[d] = fr;
			}
			else {
				final double[] contracted = along(centroid, x[d], 0.5);
				final double fc = w.rss(contracted);
				if (fc < f[d]) {
					x[d] = contracted;
					f[d] = fc;
				}
				else {
					for (int v = 1; v <= d; v++) {
						x[v] = along(x[0], x[v], 0.5);
						f[v] = w.rss(x[v]);
					}
				}
			}
		}
		int bestV = 0;
		for (int v = 1; v <= d; v++)
			if (f[v] < f[bestV]) bestV = v;
		return x[bestV];
	}

	/** c + t·(p − c): the point at fraction t from c towards p. */
	private static double[] along(final double[] c, final double[] p,
		final double t)
	{
		final double[] out = new double[c.length];
		for (int k = 0; k < c.length; k++)
			out[k] = c[k] + t * (p[k] - c[k]);
		return out;
	}

	/** The samples lo..hi of a profile and the bounds of the search (px). */
	private static final class Window {

		final double[] y;
		final int lo, hi;
		final double tStart, centre, range, minFall, maxFall;

		Window(final double[] y, final int lo, final int hi, final double tStart,
			final double centre, final double range, final double minFall,
			final double maxFall)
		{
			this.y = y;
			this.lo = lo;
			this.hi = hi;
			this.tStart = tStart;
			this.centre = centre;
			this.range = range;
			this.minFall = minFall;
			this.maxFall = maxFall;
		}

		double rss(final double[] p) {
			return rss(p[0], p[1], p[2]);
		}

		/**
		 * Residual sum of squares of the linear fit with far rim k, fall and
		 * blur sigma (px); +∞ outside the bounds, when singular, or when the
		 * first bend is not a fall.
		 */
		double rss(final double k, final double fall, final double sigma) {
			if (Math.abs(k - centre) > range + 1e-9 || fall < minFall - 1e-9 ||
				fall > maxFall + 1e-9 || sigma < 0)
			{
				return Double.POSITIVE_INFINITY;
			}
			return rss(ramps(k, sigma), ramps(k + fall, sigma));
		}

		/** The ramp bending at k, blurred by sigma, at the samples lo..hi. */
		double[] ramps(final double k, final double sigma) {
			final double[] r = new double[hi - lo + 1];
			for (int i = lo; i <= hi; i++)
				r[i - lo] = blurredRamp(i + tStart - k, sigma);
			return r;
		}

		/**
		 * Residual sum of squares of y ≈ c + s·(t − centre) + b₁·fall + b₂·level
		 * (the two ramp columns); +∞ when singular or when b₁ is not a fall.
		 */
		double rss(final double[] fall, final double[] level) {
			final double[][] a = new double[4][4];
			final double[] b = new double[4];
			final double[] f = new double[4];
			double yy = 0;
			for (int i = lo; i <= hi; i++) {
				f[0] = 1;
				f[1] = i + tStart - centre;
				f[2] = fall[i - lo];
				f[3] = level[i - lo];
				yy += y[i] * y[i];
				for (int r = 0; r < 4; r++) {
					b[r] += f[r] * y[i];
					for (int c = 0; c <= r; c++)
						a[r][c] += f[r] * f[c];
				}
			}
			final double[] beta = EdgeModelFit.choleskySolve(a, b);
			if (beta == null || !(beta[2] < 0)) return Double.POSITIVE_INFINITY;
			double fit = 0;
			for (int r = 0; r < 4; r++)
				fit += beta[r] * b[r];
			return yy - fit;
		}
	}

	/** The ramp max(x, 0) convolved with a Gaussian of SD sigma (px). */
	static double blurredRamp(final double x, final double sigma) {
		if (sigma <= 0) return Math.max(x, 0);
		final double u = x / sigma;
		return x * normalCdf(u) + sigma * Math.exp(-0.5 * u * u) / Math.sqrt(2 *
			Math.PI);
	}

	/**
	 * Standard normal CDF, through the Chebyshev approximation of erfc in
	 * Numerical Recipes (fractional error &lt; 1.2e-7).
	 */
	static double normalCdf(final double u) {
		final double z = Math.abs(u) / Math.sqrt(2);
		final double t = 1 / (1 + 0.5 * z);
		final double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 +
			t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
				t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t *
					0.17087277)))))))));
		return u >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
	}
}
