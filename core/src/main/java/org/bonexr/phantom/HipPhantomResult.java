package org.bonexr.phantom;

import java.util.Collections;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
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
	private final ApProjection ap;
	private final List<RoiTruth> rois;

	HipPhantomResult(final HipPhantomParameters parameters, final CtVolume hu,
		final CtVolume mineral, final CtVolume boneMask,
		final double analyticMassMg, final double voxelMassMg,
		final ApProjection ap, final List<RoiTruth> rois)
	{
		this.parameters = parameters;
		this.hu = hu;
		this.mineral = mineral;
		this.boneMask = boneMask;
		this.analyticMassMg = analyticMassMg;
		this.voxelMassMg = voxelMassMg;
		this.ap = ap;
		this.rois = Collections.unmodifiableList(rois);
	}

	/** The exact AP projections on the CT grid's (x, z) pixels. */
	static final class ApProjection {

		final float[] mineral;
		final float[] body;
		final float[] mineralChord;
		final int width, height;
		final double pixelMm, x0, zTop;

		ApProjection(final float[] mineral, final float[] body,
			final float[] mineralChord, final int width, final int height,
			final double pixelMm, final double x0, final double zTop)
		{
			this.mineral = mineral;
			this.body = body;
			this.mineralChord = mineralChord;
			this.width = width;
			this.height = height;
			this.pixelMm = pixelMm;
			this.x0 = x0;
			this.zTop = zTop;
		}

		Radiograph image(final String name, final float[] data,
			final ValueDomain domain)
		{
			return new Radiograph(name, ArrayImgs.floats(data, width, height),
				PixelSpacing.mm(pixelMm, pixelMm), domain);
		}
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
	 * Exact AP parallel projection of the bone mineral, g/cm² (the target of
	 * a bone-only mineral DRR). Pixels are the CT grid's (x, z) columns, the
	 * image seen as a radiograph: column i is x index i (patient left to the
	 * right), row r is z index nz − 1 − r (superior at the top); pixel size
	 * the voxel size in mm.
	 */
	public Radiograph apMineralGcm2() {
		return ap.image("hip phantom AP bone mineral (g/cm2)", ap.mineral.clone(),
			ValueDomain.ATTENUATION);
	}

	/**
	 * Exact AP parallel radiograph in the attenuation domain for μ =
	 * μ_water·(1 + HU/1000): μ_water·[(1 + HU_soft/1000)·body chord +
	 * Σ (ρ/k)/1000 · bone chord], same pixels as {@link #apMineralGcm2()}.
	 *
	 * @param muWaterPerMm e.g. 0.02 per mm
	 */
	public Radiograph apAttenuation(final double muWaterPerMm) {
		final float[] a = new float[ap.body.length];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) (muWaterPerMm * ((1 + parameters.softTissueHu / 1000) *
				ap.body[i] + ap.mineralChord[i] / parameters.mgPerCm3PerHu / 1000));
		}
		return ap.image("hip phantom AP radiograph (attenuation)", a,
			ValueDomain.ATTENUATION);
	}

	/** Position (x, z) in mm of the top-left corner of the AP images. */
	public double[] apTopLeftMm() {
		return new double[] { ap.x0, ap.zTop };
	}

	/** Truth for the femoral neck and total hip ROIs. */
	public List<RoiTruth> rois() {
		return rois;
	}
}
