package org.bonexr.kernels;

import java.util.Objects;

/**
 * Parameters of the attenuation transform with normalisation, applied per
 * pixel by {@link ComputeBackend#attenuation}:
 *
 * <pre>
 * A   = -ln(max(I, floorIntensity) / i0)
 * out = (A - offset) * scale
 * </pre>
 * <p>
 * Physics: a radiograph pixel records I = I0 · exp(-∫μ dl) (Beer–Lambert).
 * {@code i0} is the open-field intensity I0, the intensity a detector pixel
 * records with nothing between it and the source (same units as the image,
 * e.g. detector counts). The transform takes the image to the
 * <em>attenuation domain</em> A = ∫μ dl (dimensionless line integral of the
 * linear attenuation coefficient), where overlapping structures (bone layers,
 * soft tissue) add. A = 0 where I = I0; A &lt; 0 where I &gt; I0 (noise, or
 * I0 set too low). Intensities at or below zero have no logarithm, and very
 * small ones carry only noise: they are clamped to {@code floorIntensity}
 * first, which caps A at -ln(floorIntensity / i0). {@code offset} (in
 * attenuation units) and {@code scale} (per attenuation unit) then normalise A,
 * e.g. to a network's input range; offset 0 and scale 1 leave A as is.
 * <p>
 * Precision: pixels are 32-bit floats, and so are the parameters when they are
 * applied (both backends round them to {@code float} first); a non-finite
 * pixel (NaN, ±∞) gives NaN.
 * <p>
 * Immutable. Invalid values are refused with an {@link IllegalArgumentException}
 * whose message names the parameter and what is allowed.
 */
public final class AttenuationParameters {

	private final double i0;
	private final double floorIntensity;
	private final double offset;
	private final double scale;

	/**
	 * @param i0 open-field intensity I0, in image units; finite, &gt; 0
	 * @param floorIntensity smallest intensity used, in image units; smaller
	 *          ones (and ≤ 0) are clamped to it; finite, &gt; 0 and below
	 *          {@code i0}
	 * @param offset subtracted from the attenuation A (attenuation units); within
	 *          the attenuations a float intensity can have with this i0,
	 *          [ln(i0 / Float.MAX_VALUE), ln(i0 / Float.MIN_NORMAL)]
	 * @param scale multiplies A - offset; finite and not 0
	 * @throws IllegalArgumentException naming the invalid parameter
	 */
	public AttenuationParameters(final double i0, final double floorIntensity,
		final double offset, final double scale)
	{
		requireFloatFinite("i0 (open-field intensity)", i0);
		requireFloatFinite("floorIntensity", floorIntensity);
		requireFloatFinite("offset", offset);
		requireFloatFinite("scale", scale);
		if (!((float) i0 > 0)) {
			throw new IllegalArgumentException("i0 (open-field intensity) must be > 0, but is " + i0 +
				": use the intensity of the unattenuated beam, e.g. the background of the radiograph.");
		}
		if (!((float) floorIntensity > 0)) {
			throw new IllegalArgumentException("floorIntensity must be > 0, but is " + floorIntensity +
				": it replaces intensities at or below zero before the logarithm; e.g. 1 count, or i0 / 10000.");
		}
		if (!(floorIntensity < i0)) {
			throw new IllegalArgumentException("floorIntensity (" + floorIntensity + ") must be below i0 (" + i0 +
				"), or every pixel would be clamped; e.g. i0 / 10000.");
		}
		final double shiftedI0 = (float) i0 * Math.exp(-(double) (float) offset);
		if (!(shiftedI0 >= Float.MIN_NORMAL && shiftedI0 <= Float.MAX_VALUE)) {
			throw new IllegalArgumentException("offset (" + offset + ") must lie between " + Math.log(i0 /
				Float.MAX_VALUE) + " and " + Math.log(i0 / Float.MIN_NORMAL) +
				", the attenuations a float intensity can have with i0 = " + i0 + ".");
		}
		if (scale == 0) {
			throw new IllegalArgumentException("scale must not be 0 (it would set every pixel to 0); use 1 for no scaling.");
		}
		this.i0 = i0;
		this.floorIntensity = floorIntensity;
		this.offset = offset;
		this.scale = scale;
	}

	/**
	 * Attenuation without normalisation (offset 0, scale 1): out = A.
	 *
	 * @param i0 open-field intensity I0, in image units
	 * @param floorIntensity smallest intensity used, in image units
	 * @return the parameters
	 */
	public static AttenuationParameters withoutNormalisation(final double i0, final double floorIntensity) {
		return new AttenuationParameters(i0, floorIntensity, 0, 1);
	}

	/** @return open-field intensity I0, in image units */
	public double i0() {
		return i0;
	}

	/** @return smallest intensity used (smaller ones are clamped to it), in image units */
	public double floorIntensity() {
		return floorIntensity;
	}

	/** @return offset subtracted from the attenuation, in attenuation units */
	public double offset() {
		return offset;
	}

	/** @return factor applied to attenuation minus offset */
	public double scale() {
		return scale;
	}

	private static void requireFloatFinite(final String name, final double value) {
		if (!Float.isFinite((float) value)) {
			throw new IllegalArgumentException(name + " must be a finite number within float range (±" +
				Float.MAX_VALUE + "), but is " + value + ".");
		}
	}

	@Override
	public boolean equals(final Object o) {
		if (this == o) return true;
		if (!(o instanceof AttenuationParameters)) return false;
		final AttenuationParameters p = (AttenuationParameters) o;
		return Double.compare(i0, p.i0) == 0 && Double.compare(floorIntensity, p.floorIntensity) == 0 &&
			Double.compare(offset, p.offset) == 0 && Double.compare(scale, p.scale) == 0;
	}

	@Override
	public int hashCode() {
		return Objects.hash(i0, floorIntensity, offset, scale);
	}

	@Override
	public String toString() {
		return "AttenuationParameters[i0=" + i0 + ", floorIntensity=" + floorIntensity + ", offset=" + offset +
			", scale=" + scale + "]";
	}
}
