package org.bonexr.jsn;

/**
 * Sub-pixel location of bone margins in one profile along the joint axis by
 * fitting a model of the edge, integrated over each pixel.
 * <p>
 * Model (attenuation domain, t in px along the axis, samples at integer
 * t_k, each the mean over [t_k − ½, t_k + ½]):
 * <pre>
 * A(t) = b + g·t + a_p·E_γp(e_p − t) + a_d·E_γd(t − e_d),   E_γ(x) = max(x, 0)^γ
 * </pre>
 * b + g·t is the soft tissue (with scatter) in the joint space, a_p, a_d &gt; 0
 * the bones' edge amplitudes and e_p, e_d the proximal and distal margins.
 * The shape exponent γ covers the edges a projected bone end makes: a
 * surface parallel to the beam gives a step (γ = 0), a rounded convex end a
 * square-root rise (γ = ½: the chord through a body of radius R at depth x
 * behind its silhouette is 2√(2Rx)), a surface tilted to the beam a ramp
 * (γ = 1). Each pixel's mean of E_γ is taken in closed form, so the fit
 * knows about the partial-area effect of the edge pixel (the idea of
 * Trujillo-Pino et al., "Accurate subpixel edge location based on partial
 * area effect", Image Vis. Comput. 31 (2013) 72–90, here with a
 * one-dimensional projected-solid edge model). The fit is separable: for
 * given (e, γ) the amplitudes and background are linear least squares; e and
 * γ are found by a grid search (0.05 px, γ ∈ {0, ¼, ½, ¾, 1}) alternating
 * between the two edges, refined by a parabola through the residual around
 * the best e. Fitting both edges together keeps a narrow joint space (down
 * to touching bones, JSW 0) unbiased where a smoothed gradient would merge
 * the two edges. The margin is the edge's onset, i.e. the silhouette of the
 * bone end: for a tilted surface (a flexed joint) that is the nearest rim of
 * the surface, not its mid-line.
 * <p>
 * With a separated layer only one edge is fitted ({@link #fitSingle}).
 */
final class EdgeModelFit {

	private static final double[] GAMMAS = { 0, 0.25, 0.5, 0.75, 1 };
	private static final double STEP = 0.05;
	/** Edge search range around the initial estimate, px. */
	private static final double RANGE = 2;
	private static final int PASSES = 3;

	/** A fitted edge: position e (px, along t), shape γ, amplitude. */
	static final class Edge {

		final double position;
		final double gamma;
		final double amplitude;
		/** Amplitude × E_γ(window depth): the edge's contrast, attenuation. */
		final double contrast;

		Edge(final double position, final double gamma, final double amplitude,
			final double contrast)
		{
			this.position = position;
			this.gamma = gamma;
			this.amplitude = amplitude;
			this.contrast = contrast;
		}
	}

	/** The fit of one profile: the edges and the residual RMS. */
	static final class Fit {

		final Edge proximal;
		final Edge distal;
		final double rms;

		Fit(final Edge proximal, final Edge distal, final double rms) {
			this.proximal = proximal;
			this.distal = distal;
			this.rms = rms;
		}
	}

	private final double[] y;
	private final double tStart;
	private final double windowPx;

	/**
	 * @param y profile samples at t = tStart + k, attenuation
	 * @param windowPx how far beyond each edge into its bone the model is
	 *          fitted, px
	 */
	EdgeModelFit(final double[] y, final double tStart, final double windowPx) {
		this.y = y;
		this.tStart = tStart;
		this.windowPx = windowPx;
	}

	/** Fits both margins, starting from estimates ep0 (proximal), ed0 (distal). */
	Fit fitPair(final double ep0, final double ed0) {
		double ep = ep0, ed = ed0, gp = 0.5, gd = 0.5;
		for (int round = 0; round < 2; round++) {
			final int lo = index(Math.min(ep, ed) - windowPx);
			final int hi = index(Math.max(ep, ed) + windowPx);
			final double cp = ep, cd = ed;
			for (int pass = 0; pass < PASSES; pass++) {
				final double[] bp = search(lo, hi, true, cp, ed, gd, round,
					GAMMAS);
				ep = bp[0];
				gp = bp[1];
				final double[] bd = search(lo, hi, false, cd, ep, gp, round,
					GAMMAS);
				ed = bd[0];
				gd = bd[1];
			}
			ep = refine(lo, hi, true, ep, gp, ed, gd);
			ed = refine(lo, hi, false, ed, gd, ep, gp);
		}
		final int lo = index(Math.min(ep, ed) - windowPx);
		final int hi = index(Math.max(ep, ed) + windowPx);
		final double[] beta = new double[4];
		final double rss = solve(lo, hi, ep, gp, ed, gd, true, beta);
		final double rms = Math.sqrt(rss / Math.max(1, hi - lo + 1 - 6));
		return new Fit(edge(ep, gp, beta[2]), edge(ed, gd, beta[3]), rms);
	}

	/**
	 * Fits one margin (layer input): proximal when boneBelow (bone at smaller
	 * t), else distal.
	 */
	Fit fitSingle(final double e0, final boolean boneBelow) {
		return fitSingle(e0, boneBelow, GAMMAS);
	}

	/**
	 * As {@link #fitSingle(double, boolean)}, the edge's shape γ searched among
	 * the given ones only.
	 */
	Fit fitSingle(final double e0, final boolean boneBelow,
		final double[] gammas)
	{
		double e = e0, g = 0.5;
		for (int round = 0; round < 2; round++) {
			final int lo = index(e - windowPx);
			final int hi = index(e + windowPx);
			final double[] b = search(lo, hi, boneBelow, e, Double.NaN, 0, round,
				gammas);
			e = b[0];
			g = b[1];
			e = refine(lo, hi, boneBelow, e, g, Double.NaN, 0);
		}
		final int lo = index(e - windowPx);
		final int hi = index(e + windowPx);
		final double[] beta = new double[4];
		final double rss = solve(lo, hi, boneBelow ? e : Double.NaN, g, boneBelow
			? Double.NaN : e, g, true, beta);
		final double rms = Math.sqrt(rss / Math.max(1, hi - lo + 1 - 4));
		final Edge edge = edge(e, g, boneBelow ? beta[2] : beta[3]);
		return new Fit(boneBelow ? edge : null, boneBelow ? null : edge, rms);
	}

	private Edge edge(final double e, final double gamma, final double a) {
		return new Edge(e, gamma, a, a * Math.pow(windowPx, gamma));
	}

	private int index(final double t) {
		return (int) Math.max(0, Math.min(y.length - 1, Math.round(t - tStart)));
	}

	/**
	 * Grid search of one edge (position around centre, all γ) with the other
	 * edge fixed (NaN: absent). Round 0 searches ±RANGE, later rounds ±0.5.
	 */
	private double[] search(final int lo, final int hi, final boolean proximal,
		final double centre, final double other, final double otherGamma,
		final int round, final double[] gammas)
	{
		final double range = round == 0 ? RANGE : 0.5;
		double best = Double.POSITIVE_INFINITY, bestE = centre, bestG = 0.5;
		final int n = (int) Math.round(range / STEP);
		final double[] beta = new double[4];
		for (final double g : gammas) {
			for (int i = -n; i <= n; i++) {
				final double e = centre + i * STEP;
				final double r = proximal ? solve(lo, hi, e, g, other, otherGamma,
					false, beta) : solve(lo, hi, other, otherGamma, e, g, false, beta);
				if (r < best) {
					best = r;
					bestE = e;
					bestG = g;
				}
			}
		}
		return new double[] { bestE, bestG };
	}

	/** Parabola through the residual at e − STEP, e, e + STEP. */
	private double refine(final int lo, final int hi, final boolean proximal,
		final double e, final double g, final double other,
		final double otherGamma)
	{
		final double[] beta = new double[4];
		final double[] r = new double[3];
		for (int i = -1; i <= 1; i++) {
			final double ei = e + i * STEP;
			r[i + 1] = proximal ? solve(lo, hi, ei, g, other, otherGamma, false,
				beta) : solve(lo, hi, other, otherGamma, ei, g, false, beta);
		}
		final double den = r[0] - 2 * r[1] + r[2];
		if (!(den > 0) || Double.isInfinite(r[0]) || Double.isInfinite(r[2])) {
			return e;
		}
		final double off = 0.5 * (r[0] - r[2]) / den;
		return e + Math.max(-1, Math.min(1, off)) * STEP;
	}

	/**
	 * Linear least squares of the model over samples lo..hi for fixed edges
	 * (NaN position: edge absent); returns the residual sum of squares, +∞
	 * when an edge amplitude comes out ≤ 0 (not a bone), unless allowNegative.
	 * beta receives b, g, a_p, a_d.
	 */
	double solve(final int lo, final int hi, final double ep, final double gp,
		final double ed, final double gd, final boolean allowNegative,
		final double[] beta)
	{
		final boolean hasP = !Double.isNaN(ep), hasD = !Double.isNaN(ed);
		final int m = 2 + (hasP ? 1 : 0) + (hasD ? 1 : 0);
		final double[][] ata = new double[m][m];
		final double[] atb = new double[m];
		final double[] row = new double[m];
		double yy = 0;
		final double tMid = tStart + (lo + hi) / 2.0;
		for (int k = lo; k <= hi; k++) {
			final double t = tStart + k;
			int c = 0;
			row[c++] = 1;
			row[c++] = (t - tMid) / Math.max(1, hi - lo);
			if (hasP) row[c++] = pixelMean(ep - t, gp);
			if (hasD) row[c++] = pixelMean(t - ed, gd);
			final double v = y[k];
			yy += v * v;
			for (int i = 0; i < m; i++) {
				atb[i] += row[i] * v;
				for (int j = 0; j <= i; j++)
					ata[i][j] += row[i] * row[j];
			}
		}
		final double[] x = choleskySolve(ata, atb);
		if (x == null) return Double.POSITIVE_INFINITY;
		java.util.Arrays.fill(beta, Double.NaN);
		beta[0] = x[0];
		beta[1] = x[1];
		int c = 2;
		if (hasP) beta[2] = x[c++];
		if (hasD) beta[3] = x[c];
		if (!allowNegative && (hasP && !(beta[2] > 0) || hasD && !(beta[3] > 0))) {
			return Double.POSITIVE_INFINITY;
		}
		double fit = 0;
		for (int i = 0; i < m; i++)
			fit += x[i] * atb[i];
		return Math.max(0, yy - fit);
	}

	/**
	 * Mean of E_γ(x) = max(x, 0)^γ over a pixel [x − ½, x + ½]: the pixel's
	 * share of an edge at distance x inside the bone.
	 */
	static double pixelMean(final double x, final double gamma) {
		return primitive(x + 0.5, gamma) - primitive(x - 0.5, gamma);
	}

	private static double primitive(final double x, final double gamma) {
		return x <= 0 ? 0 : Math.pow(x, gamma + 1) / (gamma + 1);
	}

	/** Solves the symmetric system (lower triangle given); null if singular. */
	static double[] choleskySolve(final double[][] a, final double[] b) {
		final int n = b.length;
		final double[][] l = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j <= i; j++) {
				double s = a[i][j];
				for (int k = 0; k < j; k++)
					s -= l[i][k] * l[j][k];
				if (i == j) {
					if (!(s > 1e-12 * Math.max(1, a[i][i]))) return null;
					l[i][i] = Math.sqrt(s);
				}
				else {
					l[i][j] = s / l[j][j];
				}
			}
		}
		final double[] z = new double[n];
		for (int i = 0; i < n; i++) {
			double s = b[i];
			for (int k = 0; k < i; k++)
				s -= l[i][k] * z[k];
			z[i] = s / l[i][i];
		}
		final double[] x = new double[n];
		for (int i = n - 1; i >= 0; i--) {
			double s = z[i];
			for (int k = i + 1; k < n; k++)
				s -= l[k][i] * x[k];
			x[i] = s / l[i][i];
		}
		return x;
	}
}
