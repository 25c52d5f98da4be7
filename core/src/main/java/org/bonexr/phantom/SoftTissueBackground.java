package org.bonexr.phantom;

/**
 * Estimates the soft-tissue attenuation under the bones of a limb
 * radiograph (attenuation domain).
 * <p>
 * Model: a limb section is close to an ellipse, whose chord through it —
 * the soft-tissue path length, hence its attenuation A — satisfies: A² is a
 * quadratic in the lateral position. For each image row, a concave quadratic
 * is fitted by least squares to A² of the known soft-tissue pixels within
 * {@code windowPx} on both sides of the unknown (bone) run, and
 * M = √max(q, 0) gives the model across the run. The residual A − M of the
 * known pixels is then filled into the unknown region harmonically
 * ({@link HarmonicInpainting}), so the estimate joins the image without a
 * step; rows where the fit is not possible (fewer than three soft-tissue
 * pixels on a side, or no concave fit) use the harmonic fill alone. On an
 * elliptic soft-tissue section the estimate is exact; where the section is
 * not elliptic the harmonic residual fill is the approximation.
 */
final class SoftTissueBackground {

	/** Attenuation below which a known pixel is taken as air. */
	private static final double AIR = 1e-3;
	private static final int MIN_SAMPLES_PER_SIDE = 3;

	private SoftTissueBackground() {}

	static double[] estimate(final float[] a, final boolean[] unknown,
		final int w, final int h, final int windowPx)
	{
		final double[] model = new double[a.length];
		for (int y = 0; y < h; y++) {
			fitRow(a, unknown, w, y, windowPx, model);
		}
		final float[] residual = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			residual[i] = (float) (a[i] - model[i]);
		}
		final double[] filled = HarmonicInpainting.fill(residual, unknown, w, h);
		final double[] b = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			b[i] = unknown[i] ? model[i] + filled[i] : a[i];
		}
		return b;
	}

	private static void fitRow(final float[] a, final boolean[] unknown,
		final int w, final int y, final int window, final double[] model)
	{
		int first = -1, last = -1;
		for (int x = 0; x < w; x++) {
			if (unknown[y * w + x]) {
				if (first < 0) first = x;
				last = x;
			}
		}
		if (first < 0) return;
		// normal equations of A² ≈ p0 + p1·t + p2·t², t = x − centre
		final double centre = 0.5 * (first + last);
		final double[] s = new double[5];
		final double[] r = new double[3];
		int left = 0, right = 0;
		for (int x = Math.max(0, first - window); x < Math.min(w, last + window +
			1); x++)
		{
			final int i = y * w + x;
			if (unknown[i] || a[i] <= AIR) continue;
			if (x < first) left++;
			else if (x > last) right++;
			else continue; // soft tissue between two bone runs: not used
			final double t = x - centre;
			final double v = (double) a[i] * a[i];
			double tp = 1;
			for (int k = 0; k < 5; k++) {
				s[k] += tp;
				if (k < 3) r[k] += tp * v;
				tp *= t;
			}
		}
		if (left < MIN_SAMPLES_PER_SIDE || right < MIN_SAMPLES_PER_SIDE) return;
		final double[] p = solve3(new double[] { s[0], s[1], s[2], s[1], s[2],
			s[3], s[2], s[3], s[4] }, r);
		if (p == null || !(p[2] < 0)) return;
		for (int x = Math.max(0, first - window); x < Math.min(w, last + window +
			1); x++)
		{
			final double t = x - centre;
			model[y * w + x] = Math.sqrt(Math.max(0, p[0] + p[1] * t + p[2] * t *
				t));
		}
	}

	/** Solves a 3×3 system by Cramer's rule; null when singular. */
	private static double[] solve3(final double[] m, final double[] r) {
		final double det = det3(m);
		if (Math.abs(det) < 1e-12 * Math.abs(m[0] * m[4] * m[8]) || det == 0) {
			return null;
		}
		final double[] p = new double[3];
		for (int c = 0; c < 3; c++) {
			final double[] mc = m.clone();
			mc[c] = r[0];
			mc[3 + c] = r[1];
			mc[6 + c] = r[2];
			p[c] = det3(mc) / det;
		}
		return p;
	}

	private static double det3(final double[] m) {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] *
			m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
	}
}
