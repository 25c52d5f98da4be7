package org.bonexr.bmd;

import org.bonexr.core.BoneXRException;

/**
 * Areal BMD of a reference population (mean and SD in g/cm²), for T-scores
 * (young-adult reference) and Z-scores (age- and sex-matched reference):
 * {@code score = (BMD − mean) / SD}.
 * <p>
 * Shipped young-adult references, NHANES III (1988–94) DXA of non-Hispanic
 * white women aged 20–29 (Hologic QDR-1000 scale): Looker AC et al., "Updated
 * data on proximal femur bone mineral levels of US adults", Osteoporos Int
 * 1998;8(5):468–489, doi:10.1007/s001980050093. The femoral-neck values are
 * the ones WHO/IOF recommend as the reference standard for T-scores (Kanis JA
 * et al., "A reference standard for the description of osteoporosis", Bone
 * 2008;42(3):467–475, doi:10.1016/j.bone.2007.11.001); the NHANES III total
 * femur values of non-Hispanic whites are the reference the International
 * Committee on Standards in Bone Measurements chose for femur
 * standardisation (Looker 1998, abstract). A BMD from CT DRRs is
 * on DXA's scale only after calibration against DXA: treat T-scores from
 * uncalibrated CT as indicative.
 */
public final class ReferencePopulation {

	/** Femoral neck, NHANES III white women 20–29 y: 0.858 ± 0.120 g/cm². */
	public static final ReferencePopulation FEMORAL_NECK_NHANES3_WHITE_WOMEN_20_29 =
		new ReferencePopulation("femoral neck, NHANES III white women 20-29 y",
			0.858, 0.120,
			"Looker et al. 1998, Osteoporos Int 8:468; Kanis et al. 2008, Bone 42:467");

	/** Total hip (total femur), NHANES III white women 20–29 y: 0.942 ± 0.122 g/cm². */
	public static final ReferencePopulation TOTAL_HIP_NHANES3_WHITE_WOMEN_20_29 =
		new ReferencePopulation("total hip, NHANES III white women 20-29 y", 0.942,
			0.122, "Looker et al. 1998, Osteoporos Int 8:468");

	private final String name;
	private final double meanGPerCm2;
	private final double sdGPerCm2;
	private final String source;

	/**
	 * @param name what the population and region are
	 * @param meanGPerCm2 mean areal BMD, g/cm²
	 * @param sdGPerCm2 standard deviation, g/cm², &gt; 0
	 * @param source where the values come from
	 */
	public ReferencePopulation(final String name, final double meanGPerCm2,
		final double sdGPerCm2, final String source)
	{
		if (!(sdGPerCm2 > 0) || !Double.isFinite(meanGPerCm2) || Double.isInfinite(
			sdGPerCm2))
		{
			throw new BoneXRException("The reference BMD " + meanGPerCm2 + " ± " +
				sdGPerCm2 + " g/cm² is not valid.",
				"Give the reference mean and a positive SD in g/cm².");
		}
		this.name = name;
		this.meanGPerCm2 = meanGPerCm2;
		this.sdGPerCm2 = sdGPerCm2;
		this.source = source;
	}

	/** A young-adult reference the user typed in (for T-scores). */
	public static ReferencePopulation custom(final double meanGPerCm2,
		final double sdGPerCm2)
	{
		return new ReferencePopulation("custom", meanGPerCm2, sdGPerCm2, "user");
	}

	/**
	 * The age-matched reference the user typed in (for Z-scores), or null when
	 * its mean is not positive (no Z-score wanted).
	 */
	public static ReferencePopulation ageMatchedOrNone(final double meanGPerCm2,
		final double sdGPerCm2)
	{
		return meanGPerCm2 > 0 ? new ReferencePopulation("age-matched",
			meanGPerCm2, sdGPerCm2, "user") : null;
	}

	/** (BMD − mean) / SD: a T-score for a young-adult reference, a Z-score for an age-matched one. */
	public double score(final double bmdGPerCm2) {
		return (bmdGPerCm2 - meanGPerCm2) / sdGPerCm2;
	}

	public String name() {
		return name;
	}

	public double meanGPerCm2() {
		return meanGPerCm2;
	}

	public double sdGPerCm2() {
		return sdGPerCm2;
	}

	public String source() {
		return source;
	}
}
