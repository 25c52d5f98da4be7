package org.bonexr.model;

/**
 * The rule for the length (pixels) of one tensor axis in a bioimage.io model
 * description: a fixed size, a series {@code min + n·step}, or a reference to
 * an axis of another tensor ({@code size = scale · reference + offset}).
 */
public final class AxisSize {

	private final long fixed;
	private final long min;
	private final long step;
	private final String referenceTensor;
	private final char referenceAxis;
	private final double scale;
	private final double offset;

	private AxisSize(final long fixed, final long min, final long step,
		final String referenceTensor, final char referenceAxis, final double scale,
		final double offset)
	{
		this.fixed = fixed;
		this.min = min;
		this.step = step;
		this.referenceTensor = referenceTensor;
		this.referenceAxis = referenceAxis;
		this.scale = scale;
		this.offset = offset;
	}

	/** Exactly {@code size} pixels. */
	public static AxisSize fixed(final long size) {
		return new AxisSize(size, size, 0, null, ' ', 0, 0);
	}

	/** {@code min + n·step} for any n &ge; 0; step 0 means fixed. */
	public static AxisSize parameterized(final long min, final long step) {
		return step == 0 ? fixed(min) : new AxisSize(-1, min, step, null, ' ', 0,
			0);
	}

	/** {@code scale · (length of axis {@code axis} of tensor {@code tensor}) + offset}. */
	public static AxisSize reference(final String tensor, final char axis,
		final double scale, final double offset)
	{
		return new AxisSize(-1, -1, 0, tensor, axis, scale, offset);
	}

	public boolean isFixed() {
		return fixed >= 0;
	}

	public boolean isParameterized() {
		return referenceTensor == null && fixed < 0;
	}

	public boolean isReference() {
		return referenceTensor != null;
	}

	/** The fixed size, or the smallest size of a parameterized axis. */
	public long min() {
		return min;
	}

	/** Step of a parameterized axis (0 when fixed). */
	public long step() {
		return step;
	}

	public String referenceTensor() {
		return referenceTensor;
	}

	public char referenceAxis() {
		return referenceAxis;
	}

	public double scale() {
		return scale;
	}

	public double offset() {
		return offset;
	}

	/** Whether a length is allowed by a fixed or parameterized rule. */
	public boolean allows(final long size) {
		if (isFixed()) return size == fixed;
		if (isParameterized()) return size >= min && (size - min) % step == 0;
		throw new IllegalStateException("A reference size needs its reference.");
	}

	/** Smallest allowed length &ge; {@code size} (the fixed size if fixed). */
	public long atLeast(final long size) {
		if (isFixed()) return fixed;
		if (size <= min) return min;
		return min + (size - min + step - 1) / step * step;
	}

	@Override
	public String toString() {
		if (isFixed()) return Long.toString(fixed);
		if (isParameterized()) return min + "+n*" + step;
		return scale + "*" + referenceTensor + "." + referenceAxis + "+" + offset;
	}
}
