package org.bonexr.kernels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import net.haesleinhuepf.clij.clearcl.ClearCLBuffer;
import net.haesleinhuepf.clij2.CLIJ2;

/**
 * OpenCL per-channel affine map out = (in - shift[c]) * factor[c] + add[c]
 * (see {@link ChannelAffineParameters}): the normalisation steps of a model's
 * pre- and post-processing. Kernel {@code channel_affine.cl} next to this
 * class; Java twin {@link ChannelAffineJava}.
 * <p>
 * Accuracy against the twin: with shift 0 or add 0 (every bioimage.io
 * normalisation) within two float roundings of the result, i.e. relative
 * difference ≤ 1e-6 in the measure of {@code ChannelAffineEquivalenceTest}.
 */
public final class ChannelAffine {

	static final String KERNEL_FILE = "channel_affine.cl";
	static final String KERNEL_NAME = "channel_affine";

	private ChannelAffine() {}

	/**
	 * CLIJ2-style entry point on buffers already on the device.
	 *
	 * @param clij2 the CLIJ2 instance that owns the buffers
	 * @param src (width, rows) float buffer: rows {@code firstRow ...} of a
	 *          (width, height, channels) stack seen as height × channels rows
	 * @param dst receives the result; same dimensions as {@code src}
	 * @param params float buffer of 3 × channels values: shift, factor, add of
	 *          each channel in turn
	 * @param firstRow index of the first row of {@code src} in the stack
	 * @param height rows per channel
	 * @return true (CLIJ2 convention)
	 */
	public static boolean channelAffine(final CLIJ2 clij2, final ClearCLBuffer src, final ClearCLBuffer dst,
		final ClearCLBuffer params, final int firstRow, final int height)
	{
		if (!Arrays.equals(src.getDimensions(), dst.getDimensions())) {
			throw new IllegalArgumentException("Source and destination differ in size: " + Arrays.toString(src
				.getDimensions()) + " vs " + Arrays.toString(dst.getDimensions()) + ".");
		}
		final Map<String, Object> parameters = new HashMap<>();
		parameters.put("src", src);
		parameters.put("dst", dst);
		parameters.put("params", params);
		parameters.put("first_row", firstRow);
		parameters.put("height", height);
		final long[] size = { src.getWidth(), src.getHeight() };
		clij2.execute(ChannelAffine.class, KERNEL_FILE, KERNEL_NAME, size, size, parameters);
		return true;
	}

	/**
	 * Applies the map to a stack in a Java array: upload, kernel, download, in
	 * blocks of rows (the stack seen as height × channels rows) that shrink
	 * when the device runs out of memory ({@link DeviceRowBlocks}), holding the
	 * context's lock throughout; the device buffers are released in every
	 * case.
	 *
	 * @param cl the device context
	 * @param pixels a (width, height, channels) stack in C order (x fastest);
	 *          overwritten with the result, block by block
	 * @param width pixels per row
	 * @param height rows per channel
	 * @param p one map per channel
	 * @param retries receives one line each time a block is retried smaller
	 * @param rowsDone set to the number of rows (from the first) that hold
	 *          their result, after each block: when this method throws, the
	 *          rows from there on are untouched and can be finished elsewhere
	 * @throws RuntimeException the device's error when even one row does not
	 *           fit, or any other device error
	 */
	public static void applyInPlace(final OpenClContext cl, final float[] pixels, final int width,
		final int height, final ChannelAffineParameters p, final Consumer<String> retries,
		final AtomicInteger rowsDone)
	{
		p.checkStack(pixels.length, width * height);
		final int rows = height * p.channels();
		rowsDone.set(0);
		synchronized (cl) {
			final CLIJ2 clij2 = cl.clij2();
			ClearCLBuffer params = null;
			try {
				params = cl.push(p.packed(), 3L * p.channels());
				final ClearCLBuffer paramsOnDevice = params;
				DeviceRowBlocks.run(rows, 2L * Float.BYTES * width, (first, count) -> {
					runBlock(cl, pixels, width, first, count, height, paramsOnDevice);
					rowsDone.set(first + count);
				}, retries);
			}
			finally {
				if (params != null) clij2.release(params);
			}
		}
	}

	private static void runBlock(final OpenClContext cl, final float[] pixels, final int width,
		final int firstRow, final int rows, final int height, final ClearCLBuffer params)
	{
		final CLIJ2 clij2 = cl.clij2();
		final boolean whole = firstRow == 0 && (long) rows * width == pixels.length;
		final float[] block = whole ? pixels : Arrays.copyOfRange(pixels, firstRow * width, (firstRow + rows) *
			width);
		ClearCLBuffer src = null;
		ClearCLBuffer dst = null;
		try {
			src = cl.push(block, width, rows);
			dst = clij2.create(src);
			channelAffine(clij2, src, dst, params, firstRow, height);
			final float[] out = cl.pull(dst);
			System.arraycopy(out, 0, pixels, firstRow * width, out.length);
		}
		finally {
			if (src != null) clij2.release(src);
			if (dst != null) clij2.release(dst);
		}
	}
}
