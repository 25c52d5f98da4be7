package org.bonexr.bmd.radiograph;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.AtomicFiles;

/**
 * A linear calibration of estimated areal BMD against DXA: {@code dxa =
 * intercept + slope · estimate} (g/cm²), fitted by ordinary least squares of
 * DXA on the estimate, with its uncertainty:
 * <ul>
 * <li>residual SD s = √(SSE / (n − 2)),</li>
 * <li>SE(slope) = s / √Sxx, SE(intercept) = s·√(1/n + x̄²/Sxx),</li>
 * <li>Pearson r of the pairs, and the Bland–Altman bias (mean of DXA −
 * estimate) with its SD.</li>
 * </ul>
 * Stored as a small Java properties file (UTF-8) that
 * {@code Estimate BMD from Radiograph} reads.
 */
public final class DxaCalibration {

	private final double slope, intercept, slopeSe, interceptSe, residualSd,
			r, bias, diffSd;
	private final int n;
	private final String region;

	private DxaCalibration(final double slope, final double intercept,
		final double slopeSe, final double interceptSe, final double residualSd,
		final double r, final double bias, final double diffSd, final int n,
		final String region)
	{
		this.slope = slope;
		this.intercept = intercept;
		this.slopeSe = slopeSe;
		this.interceptSe = interceptSe;
		this.residualSd = residualSd;
		this.r = r;
		this.bias = bias;
		this.diffSd = diffSd;
		this.n = n;
		this.region = region;
	}

	/**
	 * @param estimate estimated aBMD per image, g/cm²
	 * @param dxa DXA aBMD of the same images, g/cm²
	 * @param region which region the values are of (recorded)
	 */
	public static DxaCalibration fit(final double[] estimate, final double[] dxa,
		final String region)
	{
		final int n = estimate.length;
		if (n != dxa.length || n < 3) {
			throw new BoneXRException("A DXA calibration needs at least 3 pairs " +
				"of (estimate, DXA) values; got " + Math.min(n, dxa.length) + ".",
				"Add more images with their DXA BMD to the CSV.");
		}
		double mx = 0, my = 0;
		for (int i = 0; i < n; i++) {
			if (!Double.isFinite(estimate[i]) || !Double.isFinite(dxa[i])) {
				throw new BoneXRException("Pair " + (i + 1) + " is not a number.",
					"Give finite BMD values in g/cm².");
			}
			mx += estimate[i];
			my += dxa[i];
		}
		mx /= n;
		my /= n;
		double sxx = 0, syy = 0, sxy = 0, md = 0;
		for (int i = 0; i < n; i++) {
			sxx += (estimate[i] - mx) * (estimate[i] - mx);
			syy += (dxa[i] - my) * (dxa[i] - my);
			sxy += (estimate[i] - mx) * (dxa[i] - my);
			md += dxa[i] - estimate[i];
		}
		if (!(sxx > 0)) {
			throw new BoneXRException("All estimated BMD values are the same, so " +
				"no line can be fitted.", "Calibrate with images of different BMD.");
		}
		md /= n;
		double dd = 0;
		for (int i = 0; i < n; i++) {
			final double d = dxa[i] - estimate[i] - md;
			dd += d * d;
		}
		final double b = sxy / sxx, a = my - b * mx;
		final double sse = Math.max(0, syy - b * sxy);
		final double s = Math.sqrt(sse / (n - 2));
		final double corr = syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
		return new DxaCalibration(b, a, s / Math.sqrt(sxx), s * Math.sqrt(1.0 / n +
			mx * mx / sxx), s, corr, md, Math.sqrt(dd / (n - 1)), n, region);
	}

	/** DXA-scale aBMD for an estimate, g/cm². */
	public double apply(final double estimateGPerCm2) {
		return intercept + slope * estimateGPerCm2;
	}

	public double slope() {
		return slope;
	}

	public double intercept() {
		return intercept;
	}

	public double slopeSe() {
		return slopeSe;
	}

	public double interceptSe() {
		return interceptSe;
	}

	/** SD of DXA about the line, g/cm². */
	public double residualSd() {
		return residualSd;
	}

	public double pearsonR() {
		return r;
	}

	/** Mean of DXA − estimate, g/cm². */
	public double bias() {
		return bias;
	}

	/** SD of DXA − estimate, g/cm². */
	public double differenceSd() {
		return diffSd;
	}

	public int pairs() {
		return n;
	}

	public String region() {
		return region;
	}

	/** Writes the calibration; refuses to overwrite an existing file. */
	public void save(final Path file) {
		final Properties p = new Properties();
		p.setProperty("slope", fmt(slope));
		p.setProperty("intercept", fmt(intercept));
		p.setProperty("slopeSe", fmt(slopeSe));
		p.setProperty("interceptSe", fmt(interceptSe));
		p.setProperty("residualSdGPerCm2", fmt(residualSd));
		p.setProperty("pearsonR", fmt(r));
		p.setProperty("blandAltmanBiasGPerCm2", fmt(bias));
		p.setProperty("blandAltmanSdGPerCm2", fmt(diffSd));
		p.setProperty("pairs", Integer.toString(n));
		p.setProperty("region", region);
		final StringWriter w = new StringWriter();
		try {
			p.store(w, "BoneXR DXA calibration: dxa = intercept + slope * estimate (g/cm2)");
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
		final byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
		AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
	}

	public static DxaCalibration load(final Path file) {
		final Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(r);
			return new DxaCalibration(num(p, "slope"), num(p, "intercept"), num(p,
				"slopeSe"), num(p, "interceptSe"), num(p, "residualSdGPerCm2"), num(p,
					"pearsonR"), num(p, "blandAltmanBiasGPerCm2"), num(p,
						"blandAltmanSdGPerCm2"), (int) num(p, "pairs"), p.getProperty(
							"region", ""));
		}
		catch (final IOException | RuntimeException e) {
			throw new BoneXRException("Cannot read the DXA calibration " + file +
				": " + e.getMessage(), "Choose a file written by Calibrate BMD " +
					"Against DXA.", e);
		}
	}

	private static double num(final Properties p, final String key) {
		final String v = p.getProperty(key);
		if (v == null) throw new IllegalArgumentException("no '" + key + "'");
		return Double.parseDouble(v);
	}

	private static String fmt(final double v) {
		return String.format(Locale.ROOT, "%.10g", v);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
			"dxa = %.4f (±%.4f) + %.4f (±%.4f) × estimate; residual SD %.4f g/cm², r %.3f, n %d",
			intercept, interceptSe, slope, slopeSe, residualSd, r, n);
	}
}
