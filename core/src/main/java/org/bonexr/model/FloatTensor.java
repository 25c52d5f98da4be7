package org.bonexr.model;

import java.util.Arrays;

import org.bonexr.core.BoneXRException;

/**
 * A dense n-dimensional array of 32-bit floats in C order (last axis varies
 * fastest), as a model sees its inputs and outputs.
 * <p>
 * The meaning of the axes (batch, channel, y, x) is kept by whoever holds the
 * tensor (see {@link TensorLayout}); inside the runtime images are handled in
 * the canonical layout {@code cyx}, which has the same memory order as an
 * ImgLib2 {@code ArrayImg} of dimensions {@code (x, y, c)}.
 */
public final class FloatTensor {

	private final long[] shape;
	private final float[] data;

	/**
	 * Wraps {@code data} (not copied).
	 *
	 * @param shape size of each axis, slowest first
	 * @param data values in C order; its length is the product of the shape
	 */
	public FloatTensor(final long[] shape, final float[] data) {
		if (elementCount(shape) != data.length) {
			throw new IllegalArgumentException("Shape " + Arrays.toString(shape) +
				" holds " + elementCount(shape) + " values, but " + data.length +
				" were given.");
		}
		this.shape = shape.clone();
		this.data = data;
	}

	/** A tensor of zeros. */
	public static FloatTensor zeros(final long... shape) {
		return new FloatTensor(shape, new float[toIntCount(shape)]);
	}

	/** Number of values an array of this shape holds. */
	public static long elementCount(final long[] shape) {
		long n = 1;
		for (final long s : shape) {
			if (s < 0) throw new IllegalArgumentException("Negative size in " +
				Arrays.toString(shape));
			n *= s;
		}
		return n;
	}

	static int toIntCount(final long[] shape) {
		final long n = elementCount(shape);
		if (n > Integer.MAX_VALUE - 8) {
			throw new BoneXRException("A tensor of shape " + Arrays.toString(shape) +
				" is too large for one Java array.",
				"Use a smaller image or let the model run tiled.");
		}
		return (int) n;
	}

	public long[] shape() {
		return shape.clone();
	}

	public int rank() {
		return shape.length;
	}

	public long size(final int axis) {
		return shape[axis];
	}

	/** The values in C order; the array is shared, not copied. */
	public float[] data() {
		return data;
	}

	/** A deep copy. */
	public FloatTensor copy() {
		return new FloatTensor(shape, data.clone());
	}

	/** The same values with another shape of the same element count. */
	public FloatTensor reshape(final long... newShape) {
		return new FloatTensor(newShape, data);
	}

	/**
	 * Largest absolute difference to another tensor of the same shape (NaN if
	 * either holds a NaN where the other does not).
	 */
	public double maxAbsDifference(final FloatTensor other) {
		if (!Arrays.equals(shape, other.shape)) {
			throw new IllegalArgumentException("Shapes differ: " + Arrays.toString(
				shape) + " vs " + Arrays.toString(other.shape));
		}
		double max = 0;
		for (int i = 0; i < data.length; i++) {
			final double d = Math.abs((double) data[i] - other.data[i]);
			if (Double.isNaN(d)) {
				if (!(Float.isNaN(data[i]) && Float.isNaN(other.data[i]))) return Double.NaN;
			}
			else if (d > max) max = d;
		}
		return max;
	}

	@Override
	public String toString() {
		return "FloatTensor" + Arrays.toString(shape);
	}
}
