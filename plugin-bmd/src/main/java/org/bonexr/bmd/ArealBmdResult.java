package org.bonexr.bmd;

/**
 * Areal bone mineral density of one region: bone area (cm²), bone mineral
 * content (g) and their ratio, areal BMD (g/cm²).
 */
public final class ArealBmdResult {

	private final long pixels;
	private final double areaCm2;
	private final double bmcG;

	public ArealBmdResult(final long pixels, final double areaCm2, final double bmcG) {
		this.pixels = pixels;
		this.areaCm2 = areaCm2;
		this.bmcG = bmcG;
	}

	/** Bone pixels counted. */
	public long pixels() {
		return pixels;
	}

	/** Projected bone area, cm². */
	public double areaCm2() {
		return areaCm2;
	}

	/** Bone mineral content, g. */
	public double bmcG() {
		return bmcG;
	}

	/** Areal BMD = BMC / area, g/cm² (0 for an empty region). */
	public double bmdGPerCm2() {
		return areaCm2 > 0 ? bmcG / areaCm2 : 0;
	}

	/** T-score against a young-adult reference. */
	public double tScore(final ReferencePopulation youngAdults) {
		return youngAdults.score(bmdGPerCm2());
	}

	/** Z-score against an age- and sex-matched reference. */
	public double zScore(final ReferencePopulation ageMatched) {
		return ageMatched.score(bmdGPerCm2());
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT,
			"aBMD %.4f g/cm², BMC %.4f g, area %.3f cm²", bmdGPerCm2(), bmcG, areaCm2);
	}
}
