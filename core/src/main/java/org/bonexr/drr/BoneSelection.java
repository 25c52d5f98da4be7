package org.bonexr.drr;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.ct.CtVolume;
import org.bonexr.core.BoneXRException;

/**
 * Which voxels of a CT take part in a projection: all, those at or above an
 * HU threshold (bone-only by threshold), or those of a mask or label volume on
 * the same grid (e.g. femur labels of a segmentation). Voxels not selected
 * project as 0.
 */
public final class BoneSelection {

	private final double minHu;
	private final double maxHu;
	private final CtVolume mask;
	private final int[] labels;

	private BoneSelection(final double minHu, final double maxHu,
		final CtVolume mask, final int[] labels)
	{
		this.minHu = minHu;
		this.maxHu = maxHu;
		this.mask = mask;
		this.labels = labels;
	}

	private BoneSelection(final double minHu, final CtVolume mask,
		final int[] labels)
	{
		this(minHu, Double.POSITIVE_INFINITY, mask, labels);
	}

	/**
	 * The same selection without voxels above {@code maxHu}: metal (implants,
	 * above ~2000 HU; cortical bone stays below) is not bone mineral.
	 */
	public BoneSelection withMetalCutoffHu(final double maxHu) {
		return new BoneSelection(minHu, maxHu, mask, labels);
	}

	/** Every voxel. */
	public static BoneSelection all() {
		return new BoneSelection(Double.NEGATIVE_INFINITY, null, null);
	}

	/** Voxels with HU ≥ {@code minHu} (e.g. 200 HU for bone). */
	public static BoneSelection huThreshold(final double minHu) {
		return new BoneSelection(minHu, null, null);
	}

	/** Voxels where {@code mask} (same grid as the CT) is &gt; 0. */
	public static BoneSelection mask(final CtVolume mask) {
		return new BoneSelection(Double.NEGATIVE_INFINITY, mask, null);
	}

	/** Voxels whose label in {@code labelVolume} is one of {@code labels}. */
	public static BoneSelection labels(final CtVolume labelVolume,
		final int... labels)
	{
		if (labels.length == 0) {
			throw new BoneXRException("No label was given for the bone selection.",
				"Name at least one label number (e.g. 75 for femur_left in TotalSegmentator).");
		}
		return new BoneSelection(Double.NEGATIVE_INFINITY, labelVolume, labels
			.clone());
	}

	/**
	 * Label numbers from text such as "75, 76" (commas or spaces); empty for
	 * blank text.
	 */
	public static int[] parseLabels(final String text) {
		final String t = text == null ? "" : text.trim();
		if (t.isEmpty()) return new int[0];
		final String[] parts = t.split("[,\\s]+");
		final int[] values = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				values[i] = Integer.parseInt(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new BoneXRException("The label '" + parts[i] +
					"' is not a whole number.",
					"List label numbers separated by commas, e.g. 75,76.");
			}
		}
		return values;
	}

	/**
	 * The selection the front doors offer: labels of {@code maskOrLabels} when
	 * {@code labels} lists any, else its voxels &gt; 0; without a mask, voxels
	 * at or above {@code thresholdHu}.
	 */
	public static BoneSelection of(final CtVolume maskOrLabels,
		final String labels, final double thresholdHu)
	{
		if (maskOrLabels == null) return huThreshold(thresholdHu);
		final int[] l = parseLabels(labels);
		return l.length == 0 ? mask(maskOrLabels) : labels(maskOrLabels, l);
	}

	/** The mask or label volume on the CT's grid, or null; checks the grid. */
	RandomAccessibleInterval<FloatType> maskVoxels(final CtVolume ct) {
		if (mask == null) return null;
		for (int d = 0; d < 3; d++) {
			if (mask.dimension(d) != ct.dimension(d) || Math.abs(mask.spacingMm()[d] -
				ct.spacingMm()[d]) > 1e-3 * ct.spacingMm()[d])
			{
				throw new BoneXRException("The mask '" + mask.name() +
					"' is not on the grid of the CT '" + ct.name() + "' (" + Arrays
						.toString(new long[] { mask.dimension(0), mask.dimension(1), mask
							.dimension(2) }) + " voxels of " + Arrays.toString(mask
								.spacingMm()) + " mm).",
					"Use the mask or segmentation made from this CT, or resample it onto the CT grid.");
			}
		}
		return mask.voxels();
	}

	/** Whether a voxel with value {@code hu} and mask value {@code maskValue} is selected. */
	boolean selects(final double hu, final float maskValue) {
		if (hu < minHu || hu > maxHu) return false;
		if (mask == null) return true;
		if (labels == null) return maskValue > 0;
		for (final int l : labels)
			if (maskValue == l) return true;
		return false;
	}
}
