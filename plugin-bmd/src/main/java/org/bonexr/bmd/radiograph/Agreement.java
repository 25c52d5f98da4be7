package org.bonexr.bmd.radiograph;

/**
 * Agreement of estimates with a reference (truth or DXA) over n subjects:
 * Pearson r, ICC(A,1) (two-way, absolute agreement, single measures; McGraw
 * &amp; Wong 1996) and mean absolute error, in the values' units.
 */
public final class Agreement {

	public final int n;
	public final double pearsonR, icc, mae, meanError;

	public Agreement(final double[] estimate, final double[] reference) {
		n = estimate.length;
		if (n != reference.length || n < 3) {
			throw new IllegalArgumentException("need ≥ 3 pairs");
		}
		double mx = 0, my = 0, ae = 0, me = 0;
		for (int i = 0; i < n; i++) {
			mx += estimate[i];
			my += reference[i];
			ae += Math.abs(estimate[i] - reference[i]);
			me += estimate[i] - reference[i];
		}
		mx /= n;
		my /= n;
		double sxx = 0, syy = 0, sxy = 0;
		for (int i = 0; i < n; i++) {
			sxx += (estimate[i] - mx) * (estimate[i] - mx);
			syy += (reference[i] - my) * (reference[i] - my);
			sxy += (estimate[i] - mx) * (reference[i] - my);
		}
		pearsonR = sxy / Math.sqrt(sxx * syy);
		mae = ae / n;
		meanError = me / n;
		// two-way ANOVA with k = 2 raters (estimate, reference)
		final int k = 2;
		final double grand = 0.5 * (mx + my);
		double ssRows = 0, ssTotal = 0;
		for (int i = 0; i < n; i++) {
			final double rowMean = 0.5 * (estimate[i] + reference[i]);
			ssRows += k * (rowMean - grand) * (rowMean - grand);
			ssTotal += (estimate[i] - grand) * (estimate[i] - grand) + (reference[i] -
				grand) * (reference[i] - grand);
		}
		final double ssCols = n * ((mx - grand) * (mx - grand) + (my - grand) *
			(my - grand));
		final double ssErr = ssTotal - ssRows - ssCols;
		final double msr = ssRows / (n - 1), msc = ssCols / (k - 1), mse = ssErr /
			((n - 1) * (k - 1));
		icc = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
	}
}
