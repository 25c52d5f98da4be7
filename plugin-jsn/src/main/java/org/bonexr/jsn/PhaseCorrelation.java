package org.bonexr.jsn;

/**
 * Sub-pixel translation between two equally sized square patches by
 * phase-only correlation (POC).
 * <p>
 * Method: both patches (weights applied by the caller, mean removed) are
 * Fourier transformed; the normalised cross-power spectrum R = F2·F1* /
 * |F2·F1*| is the pure phase ramp e^(−2πi k·s/N) of the shift s for a
 * translated image. Its inverse transform (the POC surface) peaks at the
 * integer shift (Kuglin and Hines 1975; Takita et al., "High-accuracy
 * subpixel image registration based on phase-only correlation", IEICE
 * Trans. Fundamentals E86-A(8) 2003, 1925–1934). The sub-pixel shift is then
 * the weighted least-squares plane through the phase of R at low
 * frequencies (|k| ≤ N/8, weights |F1||F2|) after removing the integer
 * shift, which needs no unwrapping (Hoge, "A subspace identification
 * extension to the phase correlation method", IEEE TMI 22(2) 2003, 277–280,
 * here the plain weighted plane fit), iterated twice. Stateless.
 */
final class PhaseCorrelation {

	private PhaseCorrelation() {}

	/**
	 * Shift (dx, dy) in px of patch b relative to patch a: a feature at (x, y)
	 * in a is at (x + dx, y + dy) in b. Patches are n×n, row-major, n a power
	 * of two; not modified.
	 */
	static double[] shift(final double[] a, final double[] b, final int n) {
		final double[] ar = centred(a), ai = new double[n * n];
		final double[] br = centred(b), bi = new double[n * n];
		Fft2d.forward(ar, ai, n);
		Fft2d.forward(br, bi, n);
		// cross-power spectrum B·A*
		final double[] cr = new double[n * n], ci = new double[n * n];
		final double[] weight = new double[n * n];
		for (int i = 0; i < n * n; i++) {
			final double r = br[i] * ar[i] + bi[i] * ai[i];
			final double im = bi[i] * ar[i] - br[i] * ai[i];
			final double mag = Math.hypot(r, im);
			weight[i] = mag;
			cr[i] = mag > 0 ? r / mag : 0;
			ci[i] = mag > 0 ? im / mag : 0;
		}
		// POC surface: inverse transform = conj(forward(conj))
		final double[] pr = cr.clone(), pi = new double[n * n];
		for (int i = 0; i < n * n; i++)
			pi[i] = -ci[i];
		Fft2d.forward(pr, pi, n);
		int peak = 0;
		for (int i = 1; i < n * n; i++)
			if (pr[i] > pr[peak]) peak = i;
		double sx = wrap(peak % n, n), sy = wrap(peak / n, n);
		// phase plane refinement: R(k) = exp(-2πi (kx sx + ky sy)/N)
		for (int iter = 0; iter < 3; iter++) {
			double sxx = 0, sxy = 0, syy = 0, bx = 0, by = 0;
			final int kmax = Math.max(2, n / 8);
			for (int ky = -kmax; ky <= kmax; ky++) {
				for (int kx = -kmax; kx <= kmax; kx++) {
					if (kx == 0 && ky == 0) continue;
					final int i = (ky + n) % n * n + (kx + n) % n;
					final double w = weight[i];
					if (!(w > 0)) continue;
					// residual phase after removing the current estimate
					final double ang = 2 * Math.PI * (kx * sx + ky * sy) / n;
					final double rr = cr[i] * Math.cos(ang) - ci[i] * Math.sin(ang);
					final double ri = cr[i] * Math.sin(ang) + ci[i] * Math.cos(ang);
					final double phi = Math.atan2(ri, rr);
					// phi ≈ −2π (kx δx + ky δy)/n
					final double gx = -2 * Math.PI * kx / n, gy = -2 * Math.PI * ky / n;
					sxx += w * gx * gx;
					sxy += w * gx * gy;
					syy += w * gy * gy;
					bx += w * gx * phi;
					by += w * gy * phi;
				}
			}
			final double det = sxx * syy - sxy * sxy;
			if (!(det > 0)) break;
			sx += (syy * bx - sxy * by) / det;
			sy += (sxx * by - sxy * bx) / det;
		}
		return new double[] { sx, sy };
	}

	private static int wrap(final int k, final int n) {
		return k > n / 2 ? k - n : k;
	}

	private static double[] centred(final double[] a) {
		double m = 0;
		for (final double v : a)
			m += v;
		m /= a.length;
		final double[] c = new double[a.length];
		for (int i = 0; i < a.length; i++)
			c[i] = a[i] - m;
		return c;
	}
}
