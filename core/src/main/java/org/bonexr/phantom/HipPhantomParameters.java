package org.bonexr.phantom;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bonexr.core.BoneXRException;

/**
 * Everything that defines a {@link HipPhantom}. Immutable; make one with
 * {@link #builder()}.
 * <p>
 * Units: lengths mm, angles degrees, mineral densities mg/cm³, CT values HU.
 * Defaults: an adult-sized left proximal femur (scale 1: head radius 23 mm,
 * neck radius 14 mm, neck-shaft angle 130°), cortical shell 2 mm of
 * 1000 mg/cm³, trabecular core 200 mg/cm³, soft tissue 40 HU, 1 mm voxels.
 * <p>
 * HU ↔ mineral density: ρ = k·(HU − HU_soft) with k =
 * {@code mgPerCm3PerHu} (default 0.8), i.e. a bone voxel's HU is the soft
 * tissue's plus ρ/k (cortical 1000 mg/cm³ → 1290 HU, trabecular 200 → 290
 * HU). Inside the body this relation gives every voxel's mineral exactly, at
 * partial-volume edges too.
 */
public final class HipPhantomParameters {

	/** Rotation about the shaft axis allowed, ± degrees. */
	static final double MAX_ROTATION_DEG = 30;

	final double voxelMm;
	final double scale;
	final double neckShaftAngleDeg;
	final double rotationDeg;
	final double corticalThicknessMm;
	final double corticalDensity;
	final double trabecularDensity;
	final double softTissueHu;
	final double mgPerCm3PerHu;
	final double softTissueMarginMm;
	final double airMarginMm;
	final int supersampling;

	private HipPhantomParameters(final Builder b) {
		voxelMm = b.voxelMm;
		scale = b.scale;
		neckShaftAngleDeg = b.neckShaftAngleDeg;
		rotationDeg = b.rotationDeg;
		corticalThicknessMm = b.corticalThicknessMm;
		corticalDensity = b.corticalDensity;
		trabecularDensity = b.trabecularDensity;
		softTissueHu = b.softTissueHu;
		mgPerCm3PerHu = b.mgPerCm3PerHu;
		softTissueMarginMm = b.softTissueMarginMm;
		airMarginMm = b.airMarginMm;
		supersampling = b.supersampling;
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		return new Builder().voxelMm(voxelMm).scale(scale).neckShaftAngleDeg(
			neckShaftAngleDeg).rotationDeg(rotationDeg).corticalThicknessMm(
				corticalThicknessMm).densities(corticalDensity, trabecularDensity)
			.softTissueHu(softTissueHu).mgPerCm3PerHu(mgPerCm3PerHu).marginsMm(
				softTissueMarginMm, airMarginMm).supersampling(supersampling);
	}

	public double voxelMm() {
		return voxelMm;
	}

	public double rotationDeg() {
		return rotationDeg;
	}

	public double softTissueHu() {
		return softTissueHu;
	}

	/** k in ρ [mg/cm³] = k·(HU − HU_soft). */
	public double mgPerCm3PerHu() {
		return mgPerCm3PerHu;
	}

	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("voxelMm", voxelMm);
		m.put("scale", scale);
		m.put("neckShaftAngleDeg", neckShaftAngleDeg);
		m.put("rotationDeg", rotationDeg);
		m.put("corticalThicknessMm", corticalThicknessMm);
		m.put("corticalDensityMgCm3", corticalDensity);
		m.put("trabecularDensityMgCm3", trabecularDensity);
		m.put("softTissueHu", softTissueHu);
		m.put("mgPerCm3PerHu", mgPerCm3PerHu);
		m.put("softTissueMarginMm", softTissueMarginMm);
		m.put("airMarginMm", airMarginMm);
		m.put("supersampling", supersampling);
		return m;
	}

	/** Mutable builder; {@link #build()} checks the values. */
	public static final class Builder {

		private double voxelMm = 1;
		private double scale = 1;
		private double neckShaftAngleDeg = 130;
		private double rotationDeg = 0;
		private double corticalThicknessMm = 2;
		private double corticalDensity = 1000;
		private double trabecularDensity = 200;
		private double softTissueHu = 40;
		private double mgPerCm3PerHu = 0.8;
		private double softTissueMarginMm = 20;
		private double airMarginMm = 5;
		private int supersampling = 2;

		private Builder() {}

		/** Isotropic voxel size, mm. */
		public Builder voxelMm(final double v) {
			voxelMm = v;
			return this;
		}

		/** Size of the femur relative to an adult's (lengths ×scale). */
		public Builder scale(final double v) {
			scale = v;
			return this;
		}

		public Builder neckShaftAngleDeg(final double v) {
			neckShaftAngleDeg = v;
			return this;
		}

		/** Pose: rotation about the shaft axis, degrees in [−30, 30]. */
		public Builder rotationDeg(final double v) {
			rotationDeg = v;
			return this;
		}

		/** Cortical shell thickness at scale 1, mm (scaled with the bone). */
		public Builder corticalThicknessMm(final double v) {
			corticalThicknessMm = v;
			return this;
		}

		/** Mineral densities of cortical and trabecular bone, mg/cm³. */
		public Builder densities(final double cortical, final double trabecular) {
			corticalDensity = cortical;
			trabecularDensity = trabecular;
			return this;
		}

		public Builder softTissueHu(final double v) {
			softTissueHu = v;
			return this;
		}

		public Builder mgPerCm3PerHu(final double v) {
			mgPerCm3PerHu = v;
			return this;
		}

		/** Soft tissue around the bone and air around the body, mm (not scaled). */
		public Builder marginsMm(final double softTissue, final double air) {
			softTissueMarginMm = softTissue;
			airMarginMm = air;
			return this;
		}

		/** Sub-rays per voxel side across the beam (n×n), 1–8. */
		public Builder supersampling(final int v) {
			supersampling = v;
			return this;
		}

		public HipPhantomParameters build() {
			if (!(voxelMm > 0) || voxelMm > 10) {
				throw new BoneXRException("Voxel size " + voxelMm +
					" mm is not valid.", "Use a voxel size in (0, 10] mm.");
			}
			if (!(scale >= 0.3 && scale <= 2)) {
				throw new BoneXRException("Femur scale " + scale +
					" is out of range.", "Use a scale between 0.3 and 2.");
			}
			if (!(neckShaftAngleDeg >= 115 && neckShaftAngleDeg <= 140)) {
				throw new BoneXRException("Neck-shaft angle " + neckShaftAngleDeg +
					"° is out of range.", "Use 115 to 140 degrees.");
			}
			if (!(Math.abs(rotationDeg) <= MAX_ROTATION_DEG)) {
				throw new BoneXRException("Rotation " + rotationDeg +
					"° about the shaft is out of range.", "Use −30 to 30 degrees.");
			}
			if (!(corticalThicknessMm > 0 && corticalThicknessMm < 6)) {
				throw new BoneXRException("Cortical thickness " +
					corticalThicknessMm + " mm is not valid.", "Use 0 to 6 mm.");
			}
			if (!(corticalDensity >= 0) || !(trabecularDensity >= 0)) {
				throw new BoneXRException("Mineral densities must be ≥ 0 mg/cm³.",
					"Use e.g. 1000 (cortical) and 200 (trabecular).");
			}
			if (!(mgPerCm3PerHu > 0)) {
				throw new BoneXRException("The HU calibration slope must be > 0.",
					"Use e.g. 0.8 mg/cm³ per HU.");
			}
			if (!(softTissueMarginMm >= 1) || !(airMarginMm >= 0)) {
				throw new BoneXRException("Margins " + softTissueMarginMm + " / " +
					airMarginMm + " mm are not valid.",
					"Use ≥ 1 mm of soft tissue and ≥ 0 mm of air.");
			}
			if (supersampling < 1 || supersampling > 8) {
				throw new BoneXRException("Supersampling " + supersampling +
					" is out of range.", "Use 1 to 8.");
			}
			return new HipPhantomParameters(this);
		}
	}
}
