package org.bonexr.model;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;

/**
 * Moves pixels between ImgLib2 images, the runtime's canonical layout and a
 * model's own axis order.
 * <p>
 * Canonical layout: a {@link FloatTensor} of shape {@code [c, y, x]} (x
 * fastest). An ImgLib2 image of dimensions {@code (x, y)} is one channel; one
 * of dimensions {@code (x, y, c)} has c channels. Both share the memory order
 * of {@code cyx}, so results wrap into {@code ArrayImg}s without copying.
 * Model layouts are strings of axis letters ({@code b}, {@code c}, {@code y},
 * {@code x}) such as {@code bcyx} or {@code byxc}; a missing {@code b} or
 * {@code c} axis means size 1.
 */
public final class TensorLayout {

	private TensorLayout() {}

	/** Copies a 2D {@code (x, y)} or 3D {@code (x, y, c)} image into a {@code cyx} tensor. */
	public static FloatTensor fromImage(
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		final int n = image.numDimensions();
		if (n != 2 && n != 3) {
			throw new BoneXRException("The model needs a 2D image (optionally with " +
				"channels), but this one has " + n + " dimensions.",
				"Pick a single 2D image (Image>Duplicate...).");
		}
		final long w = image.dimension(0), h = image.dimension(1), c = n == 3
			? image.dimension(2) : 1;
		final float[] data = new float[FloatTensor.toIntCount(new long[] { c, h,
			w })];
		final Cursor<? extends RealType<?>> cursor = Views.flatIterable(image)
			.cursor();
		int i = 0;
		while (cursor.hasNext())
			data[i++] = cursor.next().getRealFloat();
		return new FloatTensor(new long[] { c, h, w }, data);
	}

	/**
	 * Wraps a {@code cyx} tensor as an image without copying: {@code (x, y)}
	 * for one channel, {@code (x, y, c)} for several.
	 */
	public static Img<FloatType> toImage(final FloatTensor cyx) {
		final long c = cyx.size(0), h = cyx.size(1), w = cyx.size(2);
		return c == 1 ? ArrayImgs.floats(cyx.data(), w, h) : ArrayImgs.floats(cyx
			.data(), w, h, c);
	}

	/** Arranges a {@code cyx} tensor in a model's axis order (batch of 1). */
	public static FloatTensor toModel(final FloatTensor cyx, final String axes) {
		return permute(cyx, "cyx", axes);
	}

	/** Brings a tensor in a model's axis order back to {@code cyx}. */
	public static FloatTensor fromModel(final FloatTensor t, final String axes) {
		if (t.rank() != axes.length()) {
			throw new BoneXRException("The model gave a tensor of shape " + Arrays
				.toString(t.shape()) + " where its description says axes " + axes + ".",
				"Check the model's rdf.yaml: its axes must match what the network returns.");
		}
		return permute(t, axes, "cyx");
	}

	/**
	 * Reorders the axes of a tensor. Letters absent from one side must have
	 * size 1 on the other.
	 */
	static FloatTensor permute(final FloatTensor src, final String from,
		final String to)
	{
		final long[] srcShape = src.shape();
		for (int i = 0; i < from.length(); i++) {
			if (to.indexOf(from.charAt(i)) < 0 && srcShape[i] != 1) {
				throw new BoneXRException("A tensor with axes " + from + " of shape " +
					Arrays.toString(srcShape) + " has " + srcShape[i] + " entries along '" +
					from.charAt(i) + "', which " + to + " cannot hold.",
					"Use a model whose batch size is 1 and whose axes are among b, c, y, x.");
			}
		}
		// shape and source strides of the target axes
		final long[] srcStrides = new long[from.length()];
		long s = 1;
		for (int i = from.length() - 1; i >= 0; i--) {
			srcStrides[i] = s;
			s *= srcShape[i];
		}
		final int n = to.length();
		final long[] shape = new long[n];
		final long[] stride = new long[n];
		for (int i = 0; i < n; i++) {
			final int j = from.indexOf(to.charAt(i));
			shape[i] = j < 0 ? 1 : srcShape[j];
			stride[i] = j < 0 ? 0 : srcStrides[j];
		}
		if (squeezed(from, srcShape).equals(squeezed(to, shape))) {
			return src.reshape(shape);
		}
		final float[] in = src.data();
		final float[] out = new float[in.length];
		final long[] idx = new long[n];
		long pos = 0;
		for (int k = 0; k < out.length; k++) {
			out[k] = in[(int) pos];
			for (int d = n - 1; d >= 0; d--) {
				idx[d]++;
				pos += stride[d];
				if (idx[d] < shape[d]) break;
				pos -= stride[d] * shape[d];
				idx[d] = 0;
			}
		}
		return new FloatTensor(shape, out);
	}

	/** The axis letters of size &gt; 1 in order: equal strings mean equal memory order. */
	private static String squeezed(final String axes, final long[] shape) {
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < axes.length(); i++)
			if (shape[i] != 1) b.append(axes.charAt(i));
		return b.toString();
	}
}
