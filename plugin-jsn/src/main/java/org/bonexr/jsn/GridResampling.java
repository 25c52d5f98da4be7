package org.bonexr.jsn;

/**
 * Resamples a 2D image (row-major float array) from one pixel size to
 * another over the same field of view, separably: along each axis an input
 * of n pixels of p mm becomes m = round(n·p/q) pixels of q' = n·p/m mm (the
 * requested size q adjusted so that the field is covered exactly; pixel j
 * covers [j·q', (j+1)·q') mm from the image's top-left corner). Where the
 * output is coarser (q' ≥ p) each output pixel is the mean of the input over
 * its footprint (exact area weighting: no aliasing, sums of images are
 * kept); where it is finer, the input is interpolated linearly at the output
 * pixel's centre (clamped at the border). Both are linear maps, so layers
 * that add up to a radiograph still add up to the resampled radiograph.
 * Immutable; usable from scripts.
 */
public final class GridResampling {

	private final Axis x;
	private final Axis y;

	/**
	 * @param width input width, px
	 * @param height input height, px
	 * @param fromXMm input pixel width, mm
	 * @param fromYMm input pixel height, mm
	 * @param toXMm requested output pixel width, mm
	 * @param toYMm requested output pixel height, mm
	 */
	public GridResampling(final int width, final int height,
		final double fromXMm, final double fromYMm, final double toXMm,
		final double toYMm)
	{
		x = new Axis(width, fromXMm, toXMm);
		y = new Axis(height, fromYMm, toYMm);
	}

	public int outputWidth() {
		return x.size;
	}

	public int outputHeight() {
		return y.size;
	}

	/** Output pixel size along x (q', mm). */
	public double outputXMm() {
		return x.outputMm;
	}

	/** Output pixel size along y (q', mm). */
	public double outputYMm() {
		return y.outputMm;
	}

	/** The inverse map: from the output grid back to the input grid. */
	public GridResampling inverse() {
		return new GridResampling(x.size, y.size, x.outputMm, y.outputMm,
			x.inputMm, y.inputMm);
	}

	/** Resamples an input-sized image (not modified). */
	public float[] apply(final float[] image) {
		if (image.length != x.n * y.n) {
			throw new IllegalArgumentException("Image of " + image.length +
				" pixels, expected " + x.n + " x " + y.n);
		}
		final float[] rows = new float[x.size * y.n];
		for (int r = 0; r < y.n; r++) {
			for (int j = 0; j < x.size; j++) {
				double s = 0;
				for (int k = 0; k < x.index[j].length; k++)
					s += x.weight[j][k] * image[r * x.n + x.index[j][k]];
				rows[r * x.size + j] = (float) s;
			}
		}
		final float[] out = new float[x.size * y.size];
		for (int j = 0; j < y.size; j++) {
			for (int c = 0; c < x.size; c++) {
				double s = 0;
				for (int k = 0; k < y.index[j].length; k++)
					s += y.weight[j][k] * rows[y.index[j][k] * x.size + c];
				out[j * x.size + c] = (float) s;
			}
		}
		return out;
	}

	/** Weights of one axis: output pixel j = Σ_k weight[j][k]·input[index[j][k]]. */
	private static final class Axis {

		final int n;
		final int size;
		final double inputMm;
		final double outputMm;
		final int[][] index;
		final double[][] weight;

		Axis(final int n, final double p, final double q) {
			if (n < 1 || !(p > 0) || !(q > 0)) {
				throw new IllegalArgumentException("Cannot resample " + n +
					" pixels of " + p + " mm to " + q + " mm");
			}
			this.n = n;
			this.inputMm = p;
			size = Math.max(1, (int) Math.round(n * p / q));
			outputMm = n * p / size;
			index = new int[size][];
			weight = new double[size][];
			for (int j = 0; j < size; j++) {
				if (outputMm >= p * (1 - 1e-9)) area(j, p);
				else linear(j, p);
			}
		}

		/** Mean of the input over [j·q', (j+1)·q'). */
		private void area(final int j, final double p) {
			final double a = j * outputMm, b = Math.min((j + 1) * outputMm, n * p);
			final int k0 = Math.min(n - 1, (int) Math.floor(a / p + 1e-9));
			final int k1 = Math.max(k0, Math.min(n - 1, (int) Math.ceil(b / p -
				1e-9) - 1));
			index[j] = new int[k1 - k0 + 1];
			weight[j] = new double[k1 - k0 + 1];
			double total = 0;
			for (int k = k0; k <= k1; k++) {
				final double len = Math.max(0, Math.min(b, (k + 1) * p) - Math.max(a,
					k * p));
				index[j][k - k0] = k;
				weight[j][k - k0] = len;
				total += len;
			}
			for (int k = 0; k < weight[j].length; k++)
				weight[j][k] = total > 0 ? weight[j][k] / total : 1.0 / weight[j].length;
		}

		/** Linear interpolation at the output pixel's centre. */
		private void linear(final int j, final double p) {
			final double t = (j + 0.5) * outputMm / p - 0.5;
			final double c = Math.min(Math.max(t, 0), n - 1);
			final int k0 = Math.min((int) Math.floor(c), Math.max(0, n - 2));
			final int k1 = Math.min(k0 + 1, n - 1);
			final double f = c - k0;
			index[j] = new int[] { k0, k1 };
			weight[j] = new double[] { 1 - f, f };
		}
	}
}
