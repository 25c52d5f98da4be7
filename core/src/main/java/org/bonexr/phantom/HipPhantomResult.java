package org.bonexr.phantom;

import java.util.Collections;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.ct.CtVolume;

/**
 * A voxelised {@link HipPhantom} with its ground truth. The three volumes
 * share one grid (spacing, origin, direction).
 */
public final class HipPhantomResult {

	/** True BMC, projected bone area and areal BMD of one ROI (AP projection). */
	public static final class RoiTruth {

		private final AreaRoi roi;
		private final double bmcG;
		private final double analyticBmcG;
		private final double areaCm2;

		RoiTruth(final AreaRoi roi, final double bmcG, final double analyticBmcG,
			final double areaCm2)
		{
			this.roi = roi;
			this.bmcG = bmcG;
			this.analyticBmcG = analyticBmcG;
			this.areaCm2 = areaCm2;
		}

		public AreaRoi roi() {
			return roi;
		}

		/** Mineral in the ROI's columns from the voxel sums, g. */
		public double bmcG() {
			return bmcG;
		}

		/** The same from the exact chords (no voxels), g. */
		public double analyticBmcG() {
			return analyticBmcG;
		}

		/** Projected bone area in the ROI, cm². */
		public double areaCm2() {
			return areaCm2;
		}

		/** Areal BMD = BMC / projected bone area, g/cm². */
		public double areaBmdGcm2() {
			return bmcG / areaCm2;
		}
	}

	private final HipPhantomParameters parameters;
	private final CtVolume hu;
	private final CtVolume mineral;
	private final CtVolume boneMask;
	private final double analyticMassMg;
	private final double voxelMassMg;
	private final float[] apMineral;
	private final int apWidth;
	private final int apHeight;
	private final List<RoiTruth> rois;

	HipPhantomResult(final HipPhantomParameters parameters, final CtVolume hu,
		final CtVolume mineral, final CtVolume boneMask,
		final double analyticMassMg, final double voxelMassMg,
		final float[] apMineral, final int apWidth, final int apHeight,
		final List<RoiTruth> rois)
	{
		this.parameters = parameters;
		this.hu = hu;
		this.mineral = mineral;
		this.boneMask = boneMask;
		this.analyticMassMg = analyticMassMg;
		this.voxelMassMg = voxelMassMg;
		this.apMineral = apMineral;
		this.apWidth = apWidth;
		this.apHeight = apHeight;
		this.rois = Collections.unmodifiableList(rois);
	}

	public HipPhantomParameters parameters() {
		return parameters;
	}

	/** CT values, HU. */
	public CtVolume hu() {
		return hu;
	}

	/** Bone mineral density per voxel, mg/cm³ (0 outside bone). */
	public CtVolume mineral() {
		return mineral;
	}

	/** 1 where at least half of the voxel is bone, else 0. */
	public CtVolume boneMask() {
		return boneMask;
	}

	/** Mineral mass from the closed-form piece volumes, mg. */
	public double analyticMassMg() {
		return analyticMassMg;
	}

	/** Σ voxels mineral × voxel volume, mg. */
	public double voxelMassMg() {
		return voxelMassMg;
	}

	/**
	 * Exact AP parallel projection of the mineral, g/cm², on the CT grid's
	 * (x, z) pixels: element (i, k) is the column at x index i and z index k
	 * (z up with k), averaged over the n×n rays across the pixel.
	 */
	public Img<FloatType> apMineralGcm2() {
		return ArrayImgs.floats(apMineral.clone(), apWidth, apHeight);
	}

	/** Truth for the femoral neck and total hip ROIs. */
	public List<RoiTruth> rois() {
		return rois;
	}
}
