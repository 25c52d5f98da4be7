package org.bonexr.kernels;

import java.util.stream.IntStream;

/**
 * Java twin of {@link TileBlend}: tile blending (see {@link TileAccumulator})
 * with the sums in Java arrays. Same float arithmetic as the kernels:
 * {@code sum += (weightY · weightX) · value}, then {@code sum / weightSum},
 * each in single precision.
 */
public final class TileBlendJava implements TileAccumulator {

	private final int channels;
	private final int height;
	private final int width;
	private float[] sum;
	private float[] weightSum;

	/**
	 * Empty sums for an image of this size.
	 *
	 * @param channels output channels (&ge; 1)
	 * @param height image rows
	 * @param width image columns
	 */
	public TileBlendJava(final int channels, final int height, final int width) {
		this(channels, height, width, new float[TileAccumulator.checkedSize(channels, height, width)],
			new float[height * width]);
	}

	/** Continues from sums made elsewhere (the device's, when it ran out of memory). */
	TileBlendJava(final int channels, final int height, final int width, final float[] sum,
		final float[] weightSum)
	{
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.sum = sum;
		this.weightSum = weightSum;
	}

	@Override
	public void add(final float[] tile, final int tileHeight, final int tileWidth, final int y0, final int x0,
		final float[] weightY, final float[] weightX)
	{
		TileAccumulator.checkTile(channels, height, width, tile, tileHeight, tileWidth, y0, x0, weightY, weightX);
		final float[] s = sumsOrFail(), ws = weightSum;
		final int rows = Math.min(tileHeight, height - y0), columns = Math.min(tileWidth, width - x0);
		IntStream.range(0, rows).parallel().forEach(v -> {
			final float wy = weightY[v];
			if (wy == 0) return;
			final int row = (y0 + v) * width + x0;
			for (int u = 0; u < columns; u++) {
				final float w = wy * weightX[u];
				if (w == 0) continue;
				ws[row + u] += w;
				for (int c = 0; c < channels; c++) {
					s[c * height * width + row + u] += w * tile[(c * tileHeight + v) * tileWidth + u];
				}
			}
		});
	}

	@Override
	public boolean onDevice() {
		return false;
	}

	@Override
	public float[] result() {
		final float[] s = sumsOrFail(), ws = weightSum;
		final int plane = height * width;
		IntStream.range(0, channels).parallel().forEach(c -> {
			for (int i = 0; i < plane; i++) s[c * plane + i] /= ws[i];
		});
		close();
		return s;
	}

	@Override
	public void close() {
		sum = null;
		weightSum = null;
	}

	private float[] sumsOrFail() {
		if (sum == null) throw new IllegalStateException("This tile accumulator has given its result already.");
		return sum;
	}
}
