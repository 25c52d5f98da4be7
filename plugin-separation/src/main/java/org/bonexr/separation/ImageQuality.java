package org.bonexr.separation;

/**
 * Full-reference quality of an estimate against the truth, both row-major
 * float arrays of the same w×h image: RMSE (in the images' units), PSNR (dB,
 * peak = the truth's range max − min over the whole image) and SSIM (Wang
 * et al. 2004: Gaussian window σ = 1.5 px truncated at 3.5σ, K1 = 0.01,
 * K2 = 0.03, dynamic range L = the truth's range), each over the whole
 * image or over a region (pixels where {@code region[i]} is true; the SSIM
 * map is still computed from whole-image neighbourhoods).
 */
public final class ImageQuality {

	private static final double SIGMA = 1.5;

	public final double ssim;
	public final double psnrDb;
	public final double rmse;

	private ImageQuality(final double ssim, final double psnrDb,
		final double rmse)
	{
		this.ssim = ssim;
		this.psnrDb = psnrDb;
		this.rmse = rmse;
	}

	/**
	 * @param region pixels to average over, or null for all
	 */
	public static ImageQuality of(final float[] estimate, final float[] truth,
		final int w, final int h, final boolean[] region)
	{
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (final float t : truth) {
			lo = Math.min(lo, t);
			hi = Math.max(hi, t);
		}
		final double range = hi > lo ? hi - lo : 1;
		final double[] map = ssimMap(estimate, truth, w, h, range);
		double se = 0, s = 0;
		long n = 0;
		for (int i = 0; i < truth.length; i++) {
			if (region != null && !region[i]) continue;
			final double d = estimate[i] - truth[i];
			se += d * d;
			s += map[i];
			n++;
		}
		if (n == 0) return new ImageQuality(Double.NaN, Double.NaN, Double.NaN);
		final double rmse = Math.sqrt(se / n);
		return new ImageQuality(s / n, rmse > 0 ? 20 * Math.log10(range / rmse)
			: Double.POSITIVE_INFINITY, rmse);
	}

	static double[] ssimMap(final float[] x, final float[] y, final int w,
		final int h, final double range)
	{
		final double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range,
			2);
		final int n = w * h;
		final double[] mx = new double[n], my = new double[n], xx = new double[n],
			yy = new double[n], xy = new double[n];
		for (int i = 0; i < n; i++) {
			mx[i] = x[i];
			my[i] = y[i];
			xx[i] = (double) x[i] * x[i];
			yy[i] = (double) y[i] * y[i];
			xy[i] = (double) x[i] * y[i];
		}
		final double[] k = kernel();
		for (final double[] a : new double[][] { mx, my, xx, yy, xy }) {
			blur(a, w, h, k);
		}
		final double[] map = new double[n];
		for (int i = 0; i < n; i++) {
			final double vx = xx[i] - mx[i] * mx[i], vy = yy[i] - my[i] * my[i],
				cxy = xy[i] - mx[i] * my[i];
			map[i] = (2 * mx[i] * my[i] + c1) * (2 * cxy + c2) / ((mx[i] * mx[i] +
				my[i] * my[i] + c1) * (vx + vy + c2));
		}
		return map;
	}

	private static double[] kernel() {
		final int r = (int) Math.ceil(3.5 * SIGMA);
		final double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) {
			k[i + r] = Math.exp(-i * i / (2 * SIGMA * SIGMA));
			sum += k[i + r];
		}
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		return k;
	}

	/** Separable blur in place; the window is renormalised at the borders. */
	private static void blur(final double[] a, final int w, final int h,
		final double[] k)
	{
		final int r = k.length / 2;
		final double[] tmp = new double[a.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double s = 0, ws = 0;
				for (int i = Math.max(-r, -x); i <= Math.min(r, w - 1 - x); i++) {
					s += k[i + r] * a[y * w + x + i];
					ws += k[i + r];
				}
				tmp[y * w + x] = s / ws;
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double s = 0, ws = 0;
				for (int i = Math.max(-r, -y); i <= Math.min(r, h - 1 - y); i++) {
					s += k[i + r] * tmp[(y + i) * w + x];
					ws += k[i + r];
				}
				a[y * w + x] = s / ws;
			}
		}
	}

	@Override
	public String toString() {
		return String.format("SSIM %.4f, PSNR %.2f dB, RMSE %.4g", ssim, psnrDb,
			rmse);
	}
}
