package org.bonexr.kernels;

import java.util.HashMap;
import java.util.Map;

import net.haesleinhuepf.clij.clearcl.ClearCLBuffer;
import net.haesleinhuepf.clij.coremem.enums.NativeTypeEnum;
import net.haesleinhuepf.clij2.CLIJ2;

/**
 * Tile blending on an OpenCL device (see {@link TileAccumulator}): the
 * weighted sum and the sum of weights stay on the device from the first tile
 * to the result, so each tile costs one upload of its output (and of its two
 * weight vectors) and the image one download. Kernels
 * {@code tile_blend_accumulate.cl} and {@code tile_blend_divide.cl} next to
 * this class; Java twin {@link TileBlendJava}.
 * <p>
 * Each step (upload and kernel; divide and download) holds the context's
 * lock; between tiles, while the model runs, other operations may use the
 * device. Accuracy against the twin: the same single-precision operations in
 * the same order per pixel; the device may fuse multiply and add, and its
 * division may differ by an ulp, so results agree within 1e-6 relative (see
 * {@code TileBlendEquivalenceTest}).
 */
public final class TileBlend implements TileAccumulator {

	static final String ACCUMULATE_FILE = "tile_blend_accumulate.cl";
	static final String ACCUMULATE_KERNEL = "tile_blend_accumulate";
	static final String DIVIDE_FILE = "tile_blend_divide.cl";
	static final String DIVIDE_KERNEL = "tile_blend_divide";

	private final OpenClContext cl;
	private final int channels;
	private final int height;
	private final int width;
	private ClearCLBuffer sum;
	private ClearCLBuffer weightSum;

	private TileBlend(final OpenClContext cl, final int channels, final int height, final int width) {
		this.cl = cl;
		this.channels = channels;
		this.height = height;
		this.width = width;
	}

	/**
	 * Allocates zeroed sums on the device.
	 *
	 * @param cl the device context
	 * @param channels output channels (&ge; 1)
	 * @param height image rows
	 * @param width image columns
	 * @return the accumulator; close it to release the device buffers
	 * @throws RuntimeException the device's error when the sums do not fit
	 *           (see {@link OpenClContext}); nothing stays allocated then
	 */
	public static TileBlend open(final OpenClContext cl, final int channels, final int height,
		final int width)
	{
		TileAccumulator.checkedSize(channels, height, width);
		final TileBlend blend = new TileBlend(cl, channels, height, width);
		synchronized (cl) {
			final CLIJ2 clij2 = cl.clij2();
			try {
				blend.sum = clij2.create(new long[] { width, height, channels }, NativeTypeEnum.Float);
				blend.weightSum = clij2.create(new long[] { width, height }, NativeTypeEnum.Float);
				clij2.set(blend.sum, 0f);
				clij2.set(blend.weightSum, 0f);
			}
			catch (final RuntimeException | Error e) {
				blend.close();
				throw e;
			}
		}
		return blend;
	}

	/**
	 * CLIJ2-style entry point of the accumulation on buffers already on the
	 * device (arguments as in {@link TileAccumulator#add}; the buffers hold the
	 * same values).
	 *
	 * @return true (CLIJ2 convention)
	 */
	public static boolean tileBlendAccumulate(final CLIJ2 clij2, final ClearCLBuffer tile,
		final ClearCLBuffer sum, final ClearCLBuffer weightSum, final ClearCLBuffer weightX,
		final ClearCLBuffer weightY, final int y0, final int x0)
	{
		final int tileWidth = (int) weightX.getWidth(), tileHeight = (int) weightY.getWidth();
		final int width = (int) sum.getWidth(), height = (int) sum.getHeight();
		final Map<String, Object> p = new HashMap<>();
		p.put("tile", tile);
		p.put("sum", sum);
		p.put("weight_sum", weightSum);
		p.put("weight_x", weightX);
		p.put("weight_y", weightY);
		p.put("tile_width", tileWidth);
		p.put("tile_height", tileHeight);
		p.put("x0", x0);
		p.put("y0", y0);
		p.put("width", width);
		p.put("height", height);
		final long[] size = { Math.min(tileWidth, width - x0), Math.min(tileHeight, height - y0), sum.getDepth() };
		clij2.execute(TileBlend.class, ACCUMULATE_FILE, ACCUMULATE_KERNEL, size, size, p);
		return true;
	}

	/**
	 * CLIJ2-style entry point of the final division, in place: sum /=
	 * weightSum.
	 *
	 * @return true (CLIJ2 convention)
	 */
	public static boolean tileBlendDivide(final CLIJ2 clij2, final ClearCLBuffer sum,
		final ClearCLBuffer weightSum)
	{
		final Map<String, Object> p = new HashMap<>();
		p.put("sum", sum);
		p.put("weight_sum", weightSum);
		p.put("width", (int) sum.getWidth());
		p.put("height", (int) sum.getHeight());
		final long[] size = { sum.getWidth(), sum.getHeight(), sum.getDepth() };
		clij2.execute(TileBlend.class, DIVIDE_FILE, DIVIDE_KERNEL, size, size, p);
		return true;
	}

	@Override
	public void add(final float[] tile, final int tileHeight, final int tileWidth, final int y0, final int x0,
		final float[] weightY, final float[] weightX)
	{
		TileAccumulator.checkTile(channels, height, width, tile, tileHeight, tileWidth, y0, x0, weightY, weightX);
		synchronized (cl) {
			requireOpen();
			final CLIJ2 clij2 = cl.clij2();
			ClearCLBuffer t = null, wx = null, wy = null;
			try {
				t = cl.push(tile, tileWidth, tileHeight, channels);
				wx = cl.push(weightX, tileWidth);
				wy = cl.push(weightY, tileHeight);
				tileBlendAccumulate(clij2, t, sum, weightSum, wx, wy, y0, x0);
			}
			finally {
				for (final ClearCLBuffer b : new ClearCLBuffer[] { t, wx, wy })
					if (b != null) clij2.release(b);
			}
		}
	}

	@Override
	public boolean onDevice() {
		return true;
	}

	@Override
	public float[] result() {
		try {
			synchronized (cl) {
				requireOpen();
				tileBlendDivide(cl.clij2(), sum, weightSum);
				return cl.pull(sum);
			}
		}
		finally {
			close();
		}
	}

	/**
	 * Downloads the sums so far into a Java twin that continues from them, and
	 * releases the device buffers: what the backend does when the device runs
	 * out of memory for a tile.
	 *
	 * @return the twin holding the same sums
	 */
	TileBlendJava toJava() {
		try {
			synchronized (cl) {
				requireOpen();
				return new TileBlendJava(channels, height, width, cl.pull(sum), cl.pull(weightSum));
			}
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		synchronized (cl) {
			final CLIJ2 clij2 = cl.clij2();
			if (sum != null) clij2.release(sum);
			if (weightSum != null) clij2.release(weightSum);
			sum = null;
			weightSum = null;
		}
	}

	private void requireOpen() {
		if (sum == null) throw new IllegalStateException("This tile accumulator has given its result already.");
	}
}
