package org.bonexr.ct;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;

/**
 * A CT volume on ImgLib2 with its geometry.
 * <p>
 * Conventions: voxel values as stored after DICOM rescale slope/intercept
 * (normally Hounsfield units, or mg/cm³ for a mineral-density volume, or
 * label numbers for a segmentation on the same grid); axes x (columns),
 * y (rows), z (slices); spacing and origin in mm; the direction matrix gives,
 * row by row, the patient-space (DICOM LPS) direction of each voxel axis, so
 * that the centre of voxel (i, j, k) lies at
 * {@code origin + direction · (i·sx, j·sy, k·sz)}.
 * Immutable; operations never write into the voxels of their input.
 */
public final class CtVolume {

	private static final double[] IDENTITY = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };

	private final String name;
	private final RandomAccessibleInterval<FloatType> voxels;
	private final double[] spacingMm;
	private final double[] originMm;
	private final double[] direction;

	/**
	 * @param name shown to the user
	 * @param voxels 3D voxel values (x, y, z)
	 * @param spacingMm voxel size (sx, sy, sz) in mm, each finite and &gt; 0
	 * @param originMm patient-space position of voxel (0,0,0)'s centre in mm
	 * @param direction 3×3 direction cosines, row-major, rows are the x, y, z
	 *          voxel axes in patient space
	 */
	public CtVolume(final String name,
		final RandomAccessibleInterval<FloatType> voxels, final double[] spacingMm,
		final double[] originMm, final double[] direction)
	{
		if (voxels.numDimensions() != 3) {
			throw new BoneXRException("A CT volume must be 3D, but '" + name +
				"' has " + voxels.numDimensions() + " dimensions.",
				"Open the whole CT series or stack, not a single slice.");
		}
		if (spacingMm == null || spacingMm.length != 3 || Arrays.stream(
			spacingMm).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))
		{
			throw new BoneXRException("The CT volume '" + name +
				"' has no valid voxel spacing " + Arrays.toString(spacingMm) + ".",
				"Set the voxel size in mm (Image>Properties...) or read the CT from " +
					"a format that stores it (DICOM, NIfTI, MetaImage).");
		}
		this.name = name;
		this.voxels = voxels;
		this.spacingMm = spacingMm.clone();
		this.originMm = originMm == null ? new double[3] : originMm.clone();
		this.direction = direction == null ? IDENTITY.clone() : direction.clone();
	}

	/** A volume with identity direction and origin at zero. */
	public CtVolume(final String name,
		final RandomAccessibleInterval<FloatType> voxels, final double[] spacingMm)
	{
		this(name, voxels, spacingMm, null, null);
	}

	/** Same geometry, other voxel values (e.g. a mask or density volume). */
	public CtVolume withVoxels(final String newName,
		final RandomAccessibleInterval<FloatType> newVoxels)
	{
		return new CtVolume(newName, newVoxels, spacingMm, originMm, direction);
	}

	public String name() {
		return name;
	}

	public RandomAccessibleInterval<FloatType> voxels() {
		return voxels;
	}

	/** Voxel size (sx, sy, sz) in mm; a copy. */
	public double[] spacingMm() {
		return spacingMm.clone();
	}

	/** Patient-space position of voxel (0,0,0)'s centre, mm; a copy. */
	public double[] originMm() {
		return originMm.clone();
	}

	/** Direction cosines, row-major 3×3; a copy. */
	public double[] direction() {
		return direction.clone();
	}

	/** Volume of one voxel in mm³. */
	public double voxelVolumeMm3() {
		return spacingMm[0] * spacingMm[1] * spacingMm[2];
	}

	public long dimension(final int d) {
		return voxels.dimension(d);
	}
}
