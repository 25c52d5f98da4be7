package org.bonexr.kernels;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a per-pixel device operation over an image in blocks of whole rows,
 * starting with all rows at once and halving the block each time the OpenCL
 * device runs out of memory ({@link OpenClContext#isOutOfMemory}), down to one
 * row. A row is the first dimension of the image (x); "rows" counts all other
 * dimensions together, so a 3D image is processed as a tall 2D one.
 * <p>
 * Each retry is reported once through the given callback (one line saying
 * how large the failed block was and how large the next one is). When even a
 * single row does not fit, the device's exception is rethrown; the caller
 * decides what to do (the {@link ComputeBackend} then runs the Java twin).
 */
final class DeviceRowBlocks {

	/** One block of rows, processed on the device. */
	interface Block {

		/**
		 * @param firstRow index of the block's first row
		 * @param rows number of rows in the block (&ge; 1)
		 */
		void run(int firstRow, int rows);
	}

	private DeviceRowBlocks() {}

	/**
	 * @param totalRows rows of the image (&ge; 1)
	 * @param bytesPerRow device bytes one row needs (all buffers together), for
	 *          the retry message
	 * @param block the operation on one block; must release its device buffers
	 *          also when it throws
	 * @param retries receives one line per retry
	 * @return the block size (rows) that finally ran
	 */
	static int run(final int totalRows, final long bytesPerRow, final Block block,
		final Consumer<String> retries)
	{
		int blockRows = totalRows;
		int done = 0;
		while (done < totalRows) {
			final int rows = Math.min(blockRows, totalRows - done);
			try {
				block.run(done, rows);
				done += rows;
			}
			catch (final RuntimeException e) {
				if (!OpenClContext.isOutOfMemory(e) || rows == 1) throw e;
				blockRows = Math.max(1, rows / 2);
				retries.accept(String.format(Locale.ROOT,
					"the OpenCL device ran out of memory for %d rows (%.1f MB, %s); retrying in blocks of %d rows.", rows,
					rows * (double) bytesPerRow / 1e6, OpenClContext.errorName(e), blockRows));
			}
		}
		return blockRows;
	}
}
