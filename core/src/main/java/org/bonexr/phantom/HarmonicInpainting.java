package org.bonexr.phantom;

/**
 * Fills the unknown pixels of an image with the harmonic (membrane)
 * interpolation of the known ones: the solution of Laplace's equation ΔB = 0
 * on the unknown region with B equal to the image outside it, mirrored
 * (zero normal derivative) at the image border. Solved by successive
 * over-relaxation from a row-wise linear first guess.
 */
final class HarmonicInpainting {

	private static final double OMEGA = 1.9;
	private static final double TOLERANCE = 1e-7;
	private static final int MAX_SWEEPS = 10000;

	private HarmonicInpainting() {}

	/**
	 * @param image row-major w×h values (not modified)
	 * @param unknown true where the value is to be estimated
	 * @return the image with the unknown pixels filled
	 */
	static double[] fill(final float[] image, final boolean[] unknown,
		final int w, final int h)
	{
		final double[] b = new double[image.length];
		for (int i = 0; i < b.length; i++) b[i] = image[i];
		initialGuess(b, unknown, w, h);
		int count = 0;
		for (final boolean u : unknown) if (u) count++;
		final int[] index = new int[count];
		int k = 0;
		for (int i = 0; i < unknown.length; i++) if (unknown[i]) index[k++] = i;
		for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
			double maxChange = 0;
			for (final int i : index) {
				final int x = i % w, y = i / w;
				final double left = b[y * w + (x > 0 ? x - 1 : x + (w > 1 ? 1 : 0))];
				final double right = b[y * w + (x < w - 1 ? x + 1 : x - (w > 1 ? 1 :
					0))];
				final double up = b[(y > 0 ? y - 1 : y + (h > 1 ? 1 : 0)) * w + x];
				final double down = b[(y < h - 1 ? y + 1 : y - (h > 1 ? 1 : 0)) * w +
					x];
				final double change = OMEGA * (0.25 * (left + right + up + down) -
					b[i]);
				b[i] += change;
				maxChange = Math.max(maxChange, Math.abs(change));
			}
			if (maxChange < TOLERANCE) break;
		}
		return b;
	}

	/** Linear interpolation along each row between the known neighbours. */
	private static void initialGuess(final double[] b, final boolean[] unknown,
		final int w, final int h)
	{
		for (int y = 0; y < h; y++) {
			int x = 0;
			while (x < w) {
				if (!unknown[y * w + x]) {
					x++;
					continue;
				}
				final int start = x;
				while (x < w && unknown[y * w + x]) x++;
				final boolean hasLeft = start > 0, hasRight = x < w;
				final double left = hasLeft ? b[y * w + start - 1] : Double.NaN;
				final double right = hasRight ? b[y * w + x] : Double.NaN;
				for (int i = start; i < x; i++) {
					final double f = (i - start + 1.0) / (x - start + 1.0);
					b[y * w + i] = hasLeft && hasRight ? left + f * (right - left)
						: hasLeft ? left : hasRight ? right : 0;
				}
			}
		}
	}
}
