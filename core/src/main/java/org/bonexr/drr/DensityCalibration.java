package org.bonexr.drr;

import org.bonexr.core.BoneXRException;

/**
 * Linear HU → mineral density calibration, as from a calibration phantom
 * scanned with the patient: {@code ρ = slope · HU + intercept} in mg/cm³
 * (e.g. K2HPO4 or hydroxyapatite equivalent), clamped at 0.
 */
public final class DensityCalibration {

	private final double slopeMgPerCm3PerHu;
	private final double interceptMgPerCm3;

	/**
	 * @param slopeMgPerCm3PerHu mg/cm³ per HU, &gt; 0 (typically 0.6–1.0)
	 * @param interceptMgPerCm3 density at 0 HU, mg/cm³
	 */
	public DensityCalibration(final double slopeMgPerCm3PerHu,
		final double interceptMgPerCm3)
	{
		if (!(slopeMgPerCm3PerHu > 0) || Double.isInfinite(slopeMgPerCm3PerHu) ||
			!Double.isFinite(interceptMgPerCm3))
		{
			throw new BoneXRException("The HU to mineral density calibration (slope " +
				slopeMgPerCm3PerHu + ", intercept " + interceptMgPerCm3 +
				") is not valid.",
				"Give a positive slope in mg/cm³ per HU and a finite intercept in mg/cm³, from your phantom.");
		}
		this.slopeMgPerCm3PerHu = slopeMgPerCm3PerHu;
		this.interceptMgPerCm3 = interceptMgPerCm3;
	}

	/** Mineral density in mg/cm³ of a voxel of {@code hu}, ≥ 0. */
	public double densityMgPerCm3(final double hu) {
		return Math.max(0, slopeMgPerCm3PerHu * hu + interceptMgPerCm3);
	}

	public double slopeMgPerCm3PerHu() {
		return slopeMgPerCm3PerHu;
	}

	public double interceptMgPerCm3() {
		return interceptMgPerCm3;
	}
}
