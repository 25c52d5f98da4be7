package org.bonexr.separation.vtt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of a Visual Turing Test. "Positive" = generated: sensitivity is
 * the fraction of generated images the reader called generated, specificity
 * the fraction of real images called real. Accuracy with its 95% Wilson
 * score interval (z = 1.959964). Cohen's kappa of two readers on the images
 * both answered: (p_o − p_e) / (1 − p_e).
 */
public final class VisualTuringStatistics {

	private static final double Z = 1.959963984540054;

	public final int n;
	public final int correct;
	public final double accuracy;
	public final double ciLow;
	public final double ciHigh;
	public final double sensitivity;
	public final double specificity;
	public final double meanResponseMs;

	private VisualTuringStatistics(final int n, final int correct,
		final double sensitivity, final double specificity,
		final double meanResponseMs)
	{
		this.n = n;
		this.correct = correct;
		this.accuracy = n == 0 ? Double.NaN : (double) correct / n;
		final double[] ci = wilson(correct, n);
		this.ciLow = ci[0];
		this.ciHigh = ci[1];
		this.sensitivity = sensitivity;
		this.specificity = specificity;
		this.meanResponseMs = meanResponseMs;
	}

	public static VisualTuringStatistics of(final List<Response> responses) {
		int correct = 0, tp = 0, pos = 0, tn = 0, neg = 0;
		double ms = 0;
		for (final Response r : responses) {
			if (r.correct()) correct++;
			if (r.generated) {
				pos++;
				if (r.answeredGenerated) tp++;
			}
			else {
				neg++;
				if (!r.answeredGenerated) tn++;
			}
			ms += r.responseMs;
		}
		return new VisualTuringStatistics(responses.size(), correct, pos == 0
			? Double.NaN : (double) tp / pos, neg == 0 ? Double.NaN : (double) tn /
				neg, responses.isEmpty() ? Double.NaN : ms / responses.size());
	}

	/** 95% Wilson score interval of k successes in n trials. */
	public static double[] wilson(final int k, final int n) {
		if (n == 0) return new double[] { Double.NaN, Double.NaN };
		final double p = (double) k / n, z2 = Z * Z;
		final double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
		final double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 /
			(4.0 * n * n));
		return new double[] { centre - half, centre + half };
	}

	/** Cohen's kappa of two readers' answers on the images both answered (NaN if none). */
	public static double kappa(final List<Response> a, final List<Response> b) {
		final Map<String, Boolean> first = new HashMap<>();
		for (final Response r : a) first.put(r.key, r.answeredGenerated);
		int n = 0, agree = 0, aGen = 0, bGen = 0;
		for (final Response r : b) {
			final Boolean x = first.get(r.key);
			if (x == null) continue;
			n++;
			if (x == r.answeredGenerated) agree++;
			if (x) aGen++;
			if (r.answeredGenerated) bGen++;
		}
		if (n == 0) return Double.NaN;
		final double po = (double) agree / n;
		final double pa = (double) aGen / n, pb = (double) bGen / n;
		final double pe = pa * pb + (1 - pa) * (1 - pb);
		return pe == 1 ? (po == 1 ? 1 : Double.NaN) : (po - pe) / (1 - pe);
	}
}
