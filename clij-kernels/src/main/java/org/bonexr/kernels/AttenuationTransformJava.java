package org.bonexr.kernels;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Java twin of {@link AttenuationTransform}: the attenuation transform with
 * normalisation defined in {@link AttenuationParameters}, multithreaded over
 * ImgLib2 pixels. It computes in double precision (with the parameters
 * rounded to float, as the kernel receives them) and rounds the result to
 * float once, so it is the reference the OpenCL kernel is tested against.
 */
public final class AttenuationTransformJava {

	private AttenuationTransformJava() {}

	/**
	 * @param intensity raw intensity image (not modified)
	 * @param p transform parameters
	 * @return a new image of the same dimensions (min 0) holding the normalised
	 *         attenuation
	 */
	public static Img<FloatType> attenuation(final RandomAccessibleInterval<FloatType> intensity,
		final AttenuationParameters p)
	{
		final Img<FloatType> out = ArrayImgs.floats(FloatImages.checkedDimensions(intensity));
		attenuation(intensity, out, p);
		return out;
	}

	/**
	 * @param intensity raw intensity image (not modified)
	 * @param out receives the normalised attenuation; same dimensions as
	 *          {@code intensity} (its min may differ)
	 * @param p transform parameters
	 */
	public static void attenuation(final RandomAccessibleInterval<FloatType> intensity,
		final RandomAccessibleInterval<FloatType> out, final AttenuationParameters p)
	{
		// Parameters at float precision, exactly as the OpenCL kernel gets them.
		final double i0 = (float) p.i0();
		final double floor = (float) p.floorIntensity();
		final double offset = (float) p.offset();
		final double scale = (float) p.scale();
		LoopBuilder.setImages(intensity, out).multiThreaded().forEachPixel(
			(in, o) -> o.set(attenuation(in.get(), i0, floor, offset, scale)));
	}

	/**
	 * One pixel: (-ln(max(I, floor) / i0) - offset) * scale, NaN for a
	 * non-finite intensity.
	 */
	static float attenuation(final float intensity, final double i0, final double floor, final double offset,
		final double scale)
	{
		if (!Float.isFinite(intensity)) return Float.NaN;
		final double clamped = intensity < floor ? floor : intensity;
		return (float) ((-Math.log(clamped / i0) - offset) * scale);
	}
}
