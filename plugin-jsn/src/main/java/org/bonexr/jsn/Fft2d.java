package org.bonexr.jsn;

/**
 * In-place 2D discrete Fourier transform of a square complex array whose
 * side is a power of two (iterative radix-2 Cooley–Tukey on rows, then
 * columns). Forward uses e^(−2πi·kx/N); no scaling. Stateless.
 */
final class Fft2d {

	private Fft2d() {}

	static boolean isPowerOfTwo(final int n) {
		return n > 0 && (n & (n - 1)) == 0;
	}

	/** Transforms re/im (n×n, row-major) in place. */
	static void forward(final double[] re, final double[] im, final int n) {
		if (!isPowerOfTwo(n) || re.length != n * n || im.length != n * n) {
			throw new IllegalArgumentException("n must be a power of two and " +
				"the arrays n×n");
		}
		final double[] r = new double[n], i = new double[n];
		for (int y = 0; y < n; y++) {
			System.arraycopy(re, y * n, r, 0, n);
			System.arraycopy(im, y * n, i, 0, n);
			fft1d(r, i);
			System.arraycopy(r, 0, re, y * n, n);
			System.arraycopy(i, 0, im, y * n, n);
		}
		for (int x = 0; x < n; x++) {
			for (int y = 0; y < n; y++) {
				r[y] = re[y * n + x];
				i[y] = im[y * n + x];
			}
			fft1d(r, i);
			for (int y = 0; y < n; y++) {
				re[y * n + x] = r[y];
				im[y * n + x] = i[y];
			}
		}
	}

	private static void fft1d(final double[] re, final double[] im) {
		final int n = re.length;
		for (int i = 1, j = 0; i < n; i++) {
			int bit = n >> 1;
			for (; (j & bit) != 0; bit >>= 1)
				j ^= bit;
			j ^= bit;
			if (i < j) {
				double t = re[i];
				re[i] = re[j];
				re[j] = t;
				t = im[i];
				im[i] = im[j];
				im[j] = t;
			}
		}
		for (int len = 2; len <= n; len <<= 1) {
			final double angle = -2 * Math.PI / len;
			final double wr = Math.cos(angle), wi = Math.sin(angle);
			for (int s = 0; s < n; s += len) {
				double cr = 1, ci = 0;
				for (int k = 0; k < len / 2; k++) {
					final int a = s + k, b = a + len / 2;
					final double xr = re[b] * cr - im[b] * ci;
					final double xi = re[b] * ci + im[b] * cr;
					re[b] = re[a] - xr;
					im[b] = im[a] - xi;
					re[a] += xr;
					im[a] += xi;
					final double nr = cr * wr - ci * wi;
					ci = cr * wi + ci * wr;
					cr = nr;
				}
			}
		}
	}
}
