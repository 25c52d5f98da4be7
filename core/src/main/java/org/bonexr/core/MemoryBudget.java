package org.bonexr.core;

import java.util.Locale;

/**
 * Checks, before a job starts, that the Java heap has room for it, so that a
 * radiograph too large for the heap is refused at once with the memory it
 * needs instead of failing with {@link OutOfMemoryError} half-way (and
 * perhaps after writing part of its output).
 * <p>
 * Free heap = maximum heap − heap in use; when that is short, one garbage
 * collection is asked for and it is measured again. Commands state their need
 * as bytes per pixel of the image they work on, measured as the peak heap
 * growth of a run (the figures and how they were measured are in each
 * command's constant).
 */
public final class MemoryBudget {

	private static final double GB = 1 << 30;

	private MemoryBudget() {}

	/**
	 * @param job what is being done, e.g. "Separating the bone layers of a 10000
	 *          × 10000 image"
	 * @param pixels pixels the job works on
	 * @param bytesPerPixel heap the job needs per pixel at its peak
	 * @throws BoneXRException when the heap has less room than that
	 */
	public static void require(final String job, final long pixels, final double bytesPerPixel) {
		require(job, (long) Math.ceil(pixels * bytesPerPixel));
	}

	/**
	 * @param job what is being done (see {@link #require(String, long, double)})
	 * @param bytes heap the job needs at its peak
	 * @throws BoneXRException when the heap has less room than that
	 */
	public static void require(final String job, final long bytes) {
		if (bytes <= free()) return;
		System.gc();
		final long free = free();
		if (bytes <= free) return;
		final Runtime rt = Runtime.getRuntime();
		throw new BoneXRException(String.format(Locale.ROOT,
			"%s needs about %.1f GB of Java memory; only %.1f GB are free (maximum %.1f GB).", job, bytes / GB,
			free / GB, rt.maxMemory() / GB), String.format(Locale.ROOT,
				"Give ImageJ at least %.1f GB more (Fiji: Edit>Options>Memory & Threads, then restart; command line: " +
					"BONEXR_JAVA_OPTS=-Xmx<size>), close other images, or work on a smaller ROI.", Math.ceil(
						(bytes - free) / GB * 10) / 10));
	}

	/** @return bytes of heap that can still be allocated */
	public static long free() {
		final Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	/**
	 * @param width image width, px
	 * @param height image height, px
	 * @return "a W × H image", for job descriptions
	 */
	public static String image(final long width, final long height) {
		return "a " + width + " × " + height + " image";
	}
}
