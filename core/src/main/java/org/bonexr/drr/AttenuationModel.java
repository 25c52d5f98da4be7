package org.bonexr.drr;

import org.bonexr.core.BoneXRException;

/**
 * Hounsfield units to linear attenuation coefficient:
 * {@code μ = μ_water · (1 + HU/1000)} in 1/mm, clamped at 0, and 0 for every
 * voxel at or below the air cut-off. A DRR of μ is the line integral
 * {@code ∫μ dl} (dimensionless), the attenuation domain of
 * {@link org.bonexr.core.ValueDomain#ATTENUATION}.
 */
public final class AttenuationModel {

	/** μ of water at ≈65 keV effective energy, 1/mm (NIST XCOM: 0.0203/mm at 60 keV, 0.0194/mm at 70 keV). */
	public static final double DEFAULT_MU_WATER_PER_MM = 0.02;

	private final double muWaterPerMm;
	private final double airCutoffHu;

	/**
	 * @param muWaterPerMm μ of water in 1/mm, &gt; 0
	 * @param airCutoffHu voxels with HU ≤ this value count as 0 (e.g. −800
	 *          removes air and the table's foam; −1000 keeps everything)
	 */
	public AttenuationModel(final double muWaterPerMm, final double airCutoffHu) {
		if (!(muWaterPerMm > 0) || Double.isInfinite(muWaterPerMm)) {
			throw new BoneXRException("μ of water must be a positive number in 1/mm, not " +
				muWaterPerMm + ".", "Use about 0.02 (1/mm) for diagnostic energies.");
		}
		this.muWaterPerMm = muWaterPerMm;
		this.airCutoffHu = airCutoffHu;
	}

	/** μ_water = {@value #DEFAULT_MU_WATER_PER_MM}/mm, cut-off −1000 HU. */
	public static AttenuationModel defaults() {
		return new AttenuationModel(DEFAULT_MU_WATER_PER_MM, -1000);
	}

	/**
	 * The conversion of plastimatch's {@code drr} (1.9.4, HU conversion
	 * "preprocess"): μ_water 0.022/mm, zero at ≤ −800 HU. (plastimatch writes
	 * {@code ∫μ dl / 10}.)
	 */
	public static AttenuationModel plastimatch() {
		return new AttenuationModel(0.022, -800);
	}

	/** μ in 1/mm of a voxel of {@code hu}. */
	public double muPerMm(final double hu) {
		if (hu <= airCutoffHu) return 0;
		return Math.max(0, muWaterPerMm * (1 + hu / 1000));
	}

	public double muWaterPerMm() {
		return muWaterPerMm;
	}

	public double airCutoffHu() {
		return airCutoffHu;
	}
}
