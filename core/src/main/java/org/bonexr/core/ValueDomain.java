package org.bonexr.core;

/**
 * What the pixel values of a {@link Radiograph} mean.
 */
public enum ValueDomain {
	/**
	 * Detected intensity I, as the detector (after DICOM rescale, with
	 * MONOCHROME1 already inverted) reports it: bright where little was
	 * attenuated.
	 */
	INTENSITY,
	/**
	 * Attenuation A = -ln(I / I0) = Σ ∫μ dl (dimensionless): zero in the open
	 * field, larger through more or denser tissue. In this domain the layers of
	 * a radiograph add.
	 */
	ATTENUATION
}
