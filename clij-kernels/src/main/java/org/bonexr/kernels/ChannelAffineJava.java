package org.bonexr.kernels;

import java.util.stream.IntStream;

/**
 * Java twin of {@link ChannelAffine}: out = (in - shift[c]) * factor[c] +
 * add[c] per pixel (see {@link ChannelAffineParameters}), channels in
 * parallel. It computes in double precision from the parameters as floats
 * (as the kernel receives them) and rounds once, so it is the reference the
 * kernel is tested against.
 */
public final class ChannelAffineJava {

	private ChannelAffineJava() {}

	/**
	 * @param pixels a (width, height, channels) stack in C order, x fastest
	 *          (the memory order of a {@code cyx} tensor); overwritten with the
	 *          result
	 * @param plane width × height, the pixels of one channel
	 * @param p one map per channel
	 * @throws IllegalArgumentException when the stack does not hold
	 *           {@code p.channels()} planes
	 */
	public static void applyInPlace(final float[] pixels, final int plane, final ChannelAffineParameters p) {
		applyInPlace(pixels, plane, p, 0);
	}

	/**
	 * As {@link #applyInPlace(float[], int, ChannelAffineParameters)}, on the
	 * pixels from {@code fromPixel} on (in flat order): finishes a stack the
	 * device did in part.
	 *
	 * @param fromPixel index of the first pixel to map; those before stay as they are
	 */
	static void applyInPlace(final float[] pixels, final int plane, final ChannelAffineParameters p,
		final int fromPixel)
	{
		p.checkStack(pixels.length, plane);
		IntStream.range(0, p.channels()).parallel().forEach(c -> {
			final double shift = p.shift(c), factor = p.factor(c), add = p.add(c);
			for (int i = Math.max(c * plane, fromPixel), end = (c + 1) * plane; i < end; i++) {
				pixels[i] = (float) ((pixels[i] - shift) * factor + add);
			}
		});
	}
}
