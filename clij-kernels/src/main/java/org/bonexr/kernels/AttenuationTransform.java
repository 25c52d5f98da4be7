package org.bonexr.kernels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import net.haesleinhuepf.clij.clearcl.ClearCLBuffer;
import net.haesleinhuepf.clij2.CLIJ2;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * OpenCL attenuation transform with normalisation (definition and physics in
 * {@link AttenuationParameters}), kernel {@code attenuation_transform.cl} next
 * to this class. Java twin: {@link AttenuationTransformJava}.
 * <p>
 * Accuracy against the twin: relative difference ≤ 1e-5 (see
 * {@code AttenuationTransformEquivalenceTest} for the definition), with
 * OpenCL's {@code log}/{@code log1p} in single precision under CLIJ's relaxed
 * math build options. The kernel folds the offset into I0 so that results
 * near zero keep their relative accuracy (explained in the kernel file).
 */
public final class AttenuationTransform {

	static final String KERNEL_FILE = "attenuation_transform.cl";
	static final String KERNEL_NAME = "attenuation_transform";

	private AttenuationTransform() {}

	/**
	 * CLIJ2-style entry point on buffers already on the device. Assumes finite
	 * pixels (CLIJ compiles with finite-math-only): for non-finite ones the
	 * result is undefined.
	 *
	 * @param clij2 the CLIJ2 instance that owns both buffers
	 * @param src raw intensity, 2D or 3D, any pixel type
	 * @param dst receives the normalised attenuation; same dimensions as
	 *          {@code src}, float pixels recommended
	 * @param i0 open-field intensity, &gt; 0
	 * @param floorIntensity smallest intensity used, &gt; 0
	 * @param offset subtracted from the attenuation
	 * @param scale multiplies attenuation minus offset
	 * @return true (CLIJ2 convention)
	 */
	public static boolean attenuation(final CLIJ2 clij2, final ClearCLBuffer src, final ClearCLBuffer dst,
		final float i0, final float floorIntensity, final float offset, final float scale)
	{
		if (!Arrays.equals(src.getDimensions(), dst.getDimensions())) {
			throw new IllegalArgumentException("Source and destination differ in size: " + Arrays.toString(src
				.getDimensions()) + " vs " + Arrays.toString(dst.getDimensions()) + ".");
		}
		// A - offset = -ln(I / i0'), i0' = i0 * exp(-offset), passed as a float plus a correction (see the kernel).
		final double shiftedI0 = (double) i0 * Math.exp(-(double) offset);
		final float shiftedI0Float = (float) shiftedI0;
		if (!(shiftedI0Float >= Float.MIN_NORMAL && shiftedI0Float <= Float.MAX_VALUE)) {
			throw new IllegalArgumentException("i0 * exp(-offset) = " + shiftedI0 + " is outside the float range; " +
				"choose an offset within the attenuations the image can have.");
		}
		final Map<String, Object> parameters = new HashMap<>();
		parameters.put("src", src);
		parameters.put("dst", dst);
		parameters.put("i0_shifted", shiftedI0Float);
		parameters.put("shift_correction", (float) Math.log1p((shiftedI0 - shiftedI0Float) / shiftedI0Float));
		parameters.put("floor_intensity", floorIntensity);
		parameters.put("scale", scale);
		clij2.execute(AttenuationTransform.class, KERNEL_FILE, KERNEL_NAME, dst.getDimensions(), dst.getDimensions(),
			parameters);
		return true;
	}

	/**
	 * As {@link #attenuation(CLIJ2, ClearCLBuffer, ClearCLBuffer, float, float, float, float)}
	 * with validated parameters.
	 *
	 * @param clij2 the CLIJ2 instance that owns both buffers
	 * @param src raw intensity, 2D or 3D, any pixel type
	 * @param dst receives the normalised attenuation; same dimensions as
	 *          {@code src}
	 * @param p transform parameters
	 * @return true (CLIJ2 convention)
	 */
	public static boolean attenuation(final CLIJ2 clij2, final ClearCLBuffer src, final ClearCLBuffer dst,
		final AttenuationParameters p)
	{
		return attenuation(clij2, src, dst, (float) p.i0(), (float) p.floorIntensity(), (float) p.offset(),
			(float) p.scale());
	}

	/**
	 * Runs the transform on an ImgLib2 image: upload, kernel, download, in
	 * blocks of rows that shrink when the device runs out of memory
	 * ({@link DeviceRowBlocks}); the device buffers are released in every case.
	 * Non-finite pixels give NaN, as in the twin.
	 *
	 * @param cl the device context
	 * @param intensity raw intensity image, any number of dimensions (not
	 *          modified)
	 * @param p transform parameters
	 * @param retries receives one line each time a block is retried smaller
	 * @return a new image of the same dimensions (min 0)
	 * @throws RuntimeException the device's error when even one row does not
	 *           fit, or any other device error
	 */
	public static Img<FloatType> attenuation(final OpenClContext cl,
		final RandomAccessibleInterval<FloatType> intensity, final AttenuationParameters p,
		final Consumer<String> retries)
	{
		final long[] dims = FloatImages.checkedDimensions(intensity);
		final float[] pixels = FloatImages.toArray(intensity);
		final float[] result = new float[pixels.length];
		final int width = (int) dims[0];
		final int rows = pixels.length / width;
		synchronized (cl) {
			DeviceRowBlocks.run(rows, 2L * Float.BYTES * width, (first, count) -> {
				final boolean whole = count == rows;
				final float[] block = whole ? pixels : Arrays.copyOfRange(pixels, first * width, (first + count) *
					width);
				final float[] out = transformOnDevice(cl, block, whole ? OpenClContext.bufferDimensions(dims)
					: new long[] { width, count }, p);
				System.arraycopy(out, 0, result, first * width, out.length);
			}, retries);
		}
		for (int i = 0; i < pixels.length; i++) {
			if (!Float.isFinite(pixels[i])) result[i] = Float.NaN;
		}
		return FloatImages.wrap(result, dims);
	}

	private static float[] transformOnDevice(final OpenClContext cl, final float[] pixels, final long[] dims,
		final AttenuationParameters p)
	{
		final CLIJ2 clij2 = cl.clij2();
		ClearCLBuffer src = null;
		ClearCLBuffer dst = null;
		try {
			src = cl.push(pixels, dims);
			dst = clij2.create(src);
			attenuation(clij2, src, dst, p);
			return cl.pull(dst);
		}
		finally {
			if (src != null) clij2.release(src);
			if (dst != null) clij2.release(dst);
		}
	}
}
