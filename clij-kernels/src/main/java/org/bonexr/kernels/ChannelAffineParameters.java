package org.bonexr.kernels;

import java.util.Arrays;

/**
 * A per-channel affine map of a channel stack, applied per pixel by
 * {@link ComputeBackend#channelAffineInPlace}:
 *
 * <pre>
 * out = (in - shift[c]) * factor[c] + add[c]
 * </pre>
 * <p>
 * This is the form every normalisation of a bioimage.io model's pre- and
 * post-processing takes once its statistics are known: {@code scale_linear}
 * (shift 0, factor gain, add offset), {@code zero_mean_unit_variance} (shift
 * mean, factor 1 / (std + eps), add 0), {@code scale_range} (shift the low
 * percentile, factor 1 / (high - low + eps), add 0). Values are in the units
 * of the image they apply to (e.g. attenuation).
 * <p>
 * Precision: pixels are 32-bit floats and so are the parameters when they are
 * applied (both backends round them to {@code float} first).
 * <p>
 * Immutable. Non-finite values are refused with an
 * {@link IllegalArgumentException} naming the parameter and channel.
 */
public final class ChannelAffineParameters {

	private final float[] shift;
	private final float[] factor;
	private final float[] add;

	/**
	 * @param shift subtracted from channel c, one value per channel
	 * @param factor multiplies (in - shift) of channel c
	 * @param add added last to channel c
	 * @throws IllegalArgumentException when the arrays are empty, differ in
	 *           length, or hold a value that is not a finite float
	 */
	public ChannelAffineParameters(final double[] shift, final double[] factor, final double[] add) {
		if (shift.length == 0 || shift.length != factor.length || shift.length != add.length) {
			throw new IllegalArgumentException("shift, factor and add need one value per channel each, but have " +
				shift.length + ", " + factor.length + " and " + add.length + " values.");
		}
		this.shift = floats("shift", shift);
		this.factor = floats("factor", factor);
		this.add = floats("add", add);
	}

	/**
	 * The same map for every one of {@code channels} channels.
	 *
	 * @param channels number of channels (&ge; 1)
	 * @param shift subtracted first
	 * @param factor multiplies (in - shift)
	 * @param add added last
	 * @return the parameters
	 */
	public static ChannelAffineParameters uniform(final int channels, final double shift, final double factor,
		final double add)
	{
		if (channels < 1) throw new IllegalArgumentException("channels must be at least 1, not " + channels + ".");
		final double[] s = new double[channels], f = new double[channels], a = new double[channels];
		Arrays.fill(s, shift);
		Arrays.fill(f, factor);
		Arrays.fill(a, add);
		return new ChannelAffineParameters(s, f, a);
	}

	/** @return number of channels */
	public int channels() {
		return shift.length;
	}

	/** @return shift of channel c, as a float */
	public float shift(final int c) {
		return shift[c];
	}

	/** @return factor of channel c, as a float */
	public float factor(final int c) {
		return factor[c];
	}

	/** @return add of channel c, as a float */
	public float add(final int c) {
		return add[c];
	}

	/**
	 * Checks that a stack of {@code length} pixels holds one plane per channel.
	 *
	 * @param length pixels of the stack
	 * @param plane pixels of one channel
	 * @throws IllegalArgumentException when it does not
	 */
	void checkStack(final int length, final int plane) {
		if (plane < 1 || (long) plane * channels() != length) {
			throw new IllegalArgumentException("A stack of " + length + " pixels does not hold " + channels() +
				" channel(s) of " + plane + " pixels each.");
		}
	}

	/** @return shift, factor, add of each channel in turn (the kernel's parameter buffer) */
	float[] packed() {
		final float[] p = new float[3 * shift.length];
		for (int c = 0; c < shift.length; c++) {
			p[3 * c] = shift[c];
			p[3 * c + 1] = factor[c];
			p[3 * c + 2] = add[c];
		}
		return p;
	}

	private static float[] floats(final String name, final double[] values) {
		final float[] f = new float[values.length];
		for (int c = 0; c < values.length; c++) {
			f[c] = (float) values[c];
			if (!Float.isFinite(f[c])) {
				throw new IllegalArgumentException(name + " of channel " + c + " must be a finite float, but is " +
					values[c] + ".");
			}
		}
		return f;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof ChannelAffineParameters)) return false;
		final ChannelAffineParameters p = (ChannelAffineParameters) o;
		return Arrays.equals(shift, p.shift) && Arrays.equals(factor, p.factor) && Arrays.equals(add, p.add);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(packed());
	}

	@Override
	public String toString() {
		return "ChannelAffineParameters[shift=" + Arrays.toString(shift) + ", factor=" + Arrays.toString(factor) +
			", add=" + Arrays.toString(add) + "]";
	}
}
