package org.bonexr.kernels;

/**
 * Merges the outputs of overlapping tiles into one image by weighted
 * blending (the tile blending of a model runtime): each tile's output is
 * added with a separable weight {@code weightY[v] · weightX[u]} into a
 * weighted sum and a sum of weights; the result is their quotient. Pixels of
 * weight 0 (a tile's halo) are skipped, so nothing the model put there
 * reaches the result.
 * <p>
 * Images are {@code (channels, height, width)} stacks of 32-bit floats in C
 * order (x fastest). Made by {@link ComputeBackend#tileAccumulator}: the sums
 * live on the OpenCL device for the whole sequence ({@link TileBlend}) or in
 * Java arrays ({@link TileBlendJava}). Not thread-safe: one accumulator per
 * image. Close it when done (also after {@link #result()}, where it is a
 * no-op).
 */
public interface TileAccumulator extends AutoCloseable {

	/**
	 * Adds one tile's output at (x0, y0) of the image; the part beyond the
	 * image's right and bottom edges is ignored.
	 *
	 * @param tile the tile's output, (channels, tileHeight, tileWidth), C order
	 *          (not modified)
	 * @param tileHeight rows of the tile
	 * @param tileWidth columns of the tile
	 * @param y0 image row of the tile's first row (&ge; 0)
	 * @param x0 image column of the tile's first column (&ge; 0)
	 * @param weightY weight of each tile row (tileHeight values, ≥ 0)
	 * @param weightX weight of each tile column (tileWidth values, ≥ 0)
	 */
	void add(float[] tile, int tileHeight, int tileWidth, int y0, int x0, float[] weightY, float[] weightX);

	/**
	 * @return the merged image, (channels, height, width) in C order: weighted
	 *         sum / sum of weights per pixel (NaN or ∞ where no tile gave a
	 *         pixel weight); the accumulator cannot be used afterwards
	 */
	float[] result();

	/** @return true while the sums live on an OpenCL device (they stay where they were after {@link #result()}) */
	boolean onDevice();

	/** Releases the sums (device buffers); no exception. */
	@Override
	void close();

	/** Checks the arguments of {@link #add} against an image of the given size. */
	static void checkTile(final int channels, final int height, final int width, final float[] tile,
		final int tileHeight, final int tileWidth, final int y0, final int x0, final float[] weightY,
		final float[] weightX)
	{
		if (tileHeight < 1 || tileWidth < 1 || (long) channels * tileHeight * tileWidth != tile.length) {
			throw new IllegalArgumentException("A tile of " + tile.length + " values is not " + channels + " x " +
				tileHeight + " x " + tileWidth + ".");
		}
		if (weightY.length != tileHeight || weightX.length != tileWidth) {
			throw new IllegalArgumentException("Tile weights have " + weightY.length + " x " + weightX.length +
				" values for a tile of " + tileHeight + " x " + tileWidth + ".");
		}
		if (y0 < 0 || x0 < 0 || y0 >= height || x0 >= width) {
			throw new IllegalArgumentException("Tile origin (" + x0 + ", " + y0 + ") lies outside the " + width +
				" x " + height + " image.");
		}
	}

	/** @return channels × height × width, checked to fit one Java array */
	static int checkedSize(final int channels, final int height, final int width) {
		if (channels < 1 || height < 1 || width < 1) {
			throw new IllegalArgumentException("An image of " + channels + " x " + height + " x " + width +
				" has no pixels.");
		}
		final long n = (long) channels * height * width;
		if (n > FloatImages.MAX_PIXELS) {
			throw new IllegalArgumentException("An output of " + channels + " x " + height + " x " + width +
				" values does not fit one Java array.");
		}
		return (int) n;
	}
}
