package org.bonexr.phantom;

/** Separable Gaussian blur of a row-major image, mirrored at the border. */
final class GaussianBlur {

	private GaussianBlur() {}

	static double[] blur(final double[] in, final int w, final int h,
		final double sigmaPx)
	{
		final int r = (int) Math.ceil(3 * sigmaPx);
		final double[] kernel = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) {
			kernel[i + r] = Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
			sum += kernel[i + r];
		}
		for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
		final double[] tmp = new double[in.length];
		final double[] out = new double[in.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++) {
					s += kernel[i + r] * in[y * w + mirror(x + i, w)];
				}
				tmp[y * w + x] = s;
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++) {
					s += kernel[i + r] * tmp[mirror(y + i, h) * w + x];
				}
				out[y * w + x] = s;
			}
		}
		return out;
	}

	/** Index reflected into [0, n) (… 2 1 0 | 0 1 2 … n−1 | n−1 n−2 …). */
	static int mirror(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n;
		i = Math.floorMod(i, period);
		return i < n ? i : period - 1 - i;
	}
}
