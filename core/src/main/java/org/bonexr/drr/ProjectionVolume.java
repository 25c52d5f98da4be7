package org.bonexr.drr;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.ct.CtVolume;
import org.bonexr.core.BoneXRException;

/**
 * A CT turned into the quantity a DRR integrates: μ in 1/mm
 * ({@link #attenuation}) or mineral density in mg/cm³ ({@link #mineralDensity}),
 * with non-selected voxels 0, stored as a flat float array with one voxel of
 * zeros padded on every side (so that projectors need no bounds tests at the
 * volume's faces).
 * <p>
 * Index coordinates h: voxel (i, j, k) has its centre at h = (i, j, k) and
 * fills [h − ½, h + ½]; the patient position p (mm, LPS) maps to
 * {@code h_d = dir_d · (p − origin) / spacing_d}. The direction matrix must be
 * orthonormal (no gantry tilt shear).
 */
public final class ProjectionVolume {

	private final float[] padded;
	private final int[] dims;
	private final int[] nonZeroMin;
	private final int[] nonZeroMax;
	private final double[] spacingMm;
	private final double[] originMm;
	private final double[] direction;
	private final DrrUnit unit;

	private ProjectionVolume(final CtVolume ct, final float[] padded,
		final DrrUnit unit)
	{
		this.padded = padded;
		this.dims = new int[] { (int) ct.dimension(0), (int) ct.dimension(1),
			(int) ct.dimension(2) };
		this.nonZeroMin = new int[] { dims[0], dims[1], dims[2] };
		this.nonZeroMax = new int[] { -1, -1, -1 };
		findNonZeroBox();
		this.spacingMm = ct.spacingMm();
		this.originMm = ct.originMm();
		this.direction = ct.direction();
		this.unit = unit;
	}

	/** μ (1/mm) of the selected voxels of {@code ct} (HU). */
	public static ProjectionVolume attenuation(final CtVolume ct,
		final AttenuationModel model, final BoneSelection selection)
	{
		return new ProjectionVolume(ct, map(ct, selection, model::muPerMm),
			DrrUnit.ATTENUATION);
	}

	/** Mineral density (mg/cm³) of the selected voxels of {@code ct} (HU). */
	public static ProjectionVolume mineralDensity(final CtVolume ct,
		final DensityCalibration calibration, final BoneSelection selection)
	{
		return new ProjectionVolume(ct, map(ct, selection,
			calibration::densityMgPerCm3), DrrUnit.AREAL_DENSITY_G_PER_CM2);
	}

	/**
	 * The voxel values of {@code volume} as they are (already μ in 1/mm, or
	 * mg/cm³ for {@link DrrUnit#AREAL_DENSITY_G_PER_CM2}); for phantoms.
	 */
	public static ProjectionVolume ofValues(final CtVolume volume,
		final DrrUnit unit)
	{
		return new ProjectionVolume(volume, map(volume, BoneSelection.all(),
			v -> v), unit);
	}

	private static float[] map(final CtVolume ct, final BoneSelection selection,
		final java.util.function.DoubleUnaryOperator f)
	{
		checkOrthonormal(ct);
		final long nx = ct.dimension(0), ny = ct.dimension(1), nz = ct.dimension(2);
		final long size = (nx + 2) * (ny + 2) * (nz + 2);
		if (size > Integer.MAX_VALUE - 8) {
			throw new BoneXRException("The CT '" + ct.name() + "' (" + nx + "×" + ny +
				"×" + nz + ") is too large to project at once.",
				"Crop it to the region of interest or downsample it.");
		}
		final float[] out = new float[(int) size];
		final Cursor<FloatType> c = Views.flatIterable(ct.voxels()).cursor();
		final RandomAccessibleInterval<FloatType> maskVoxels = selection
			.maskVoxels(ct);
		final Cursor<FloatType> m = maskVoxels == null ? null : Views.flatIterable(
			maskVoxels).cursor();
		final int px = (int) nx + 2, pxy = px * ((int) ny + 2);
		for (int z = 0; z < nz; z++) {
			for (int y = 0; y < ny; y++) {
				int idx = (z + 1) * pxy + (y + 1) * px + 1;
				for (int x = 0; x < nx; x++, idx++) {
					final double hu = c.next().get();
					final float mv = m == null ? 0 : m.next().get();
					if (selection.selects(hu, mv)) out[idx] = (float) f.applyAsDouble(hu);
				}
			}
		}
		return out;
	}

	private static void checkOrthonormal(final CtVolume ct) {
		final double[] d = ct.direction();
		for (int a = 0; a < 3; a++) {
			for (int b = 0; b < 3; b++) {
				final double dot = d[3 * a] * d[3 * b] + d[3 * a + 1] * d[3 * b + 1] +
					d[3 * a + 2] * d[3 * b + 2];
				if (Math.abs(dot - (a == b ? 1 : 0)) > 1e-4) {
					throw new BoneXRException("The CT '" + ct.name() +
						"' has sheared voxel axes (gantry tilt), which BoneXR does not project.",
						"Resample it onto an orthogonal grid first (e.g. plastimatch resample).");
				}
			}
		}
	}

	/** Bounds of the non-zero voxels (projectors skip the zeros around them). */
	private void findNonZeroBox() {
		final int px = dims[0] + 2, pxy = px * (dims[1] + 2);
		for (int z = 0; z < dims[2]; z++)
			for (int y = 0; y < dims[1]; y++) {
				final int row = (z + 1) * pxy + (y + 1) * px + 1;
				int first = 0, last = dims[0] - 1;
				while (first < dims[0] && padded[row + first] == 0)
					first++;
				if (first == dims[0]) continue;
				while (padded[row + last] == 0)
					last--;
				nonZeroMin[0] = Math.min(nonZeroMin[0], first);
				nonZeroMax[0] = Math.max(nonZeroMax[0], last);
				nonZeroMin[1] = Math.min(nonZeroMin[1], y);
				nonZeroMax[1] = Math.max(nonZeroMax[1], y);
				nonZeroMin[2] = Math.min(nonZeroMin[2], z);
				nonZeroMax[2] = Math.max(nonZeroMax[2], z);
			}
	}

	/**
	 * Smallest voxel index (x, y, z) of any non-zero voxel; with
	 * {@link #nonZeroMax()} the box outside which every voxel is 0 (empty
	 * when max &lt; min).
	 */
	public int[] nonZeroMin() {
		return nonZeroMin.clone();
	}

	/** Largest voxel index (x, y, z) of any non-zero voxel. */
	public int[] nonZeroMax() {
		return nonZeroMax.clone();
	}

	/** h coordinates (voxel index units) of patient point {@code p} (mm). */
	double[] toIndex(final double[] p) {
		final double[] h = new double[3];
		for (int d = 0; d < 3; d++) {
			double s = 0;
			for (int r = 0; r < 3; r++)
				s += direction[3 * d + r] * (p[r] - originMm[r]);
			h[d] = s / spacingMm[d];
		}
		return h;
	}

	/** Same as {@link #toIndex} for a direction (no origin). */
	double[] toIndexDirection(final double[] v) {
		final double[] h = new double[3];
		for (int d = 0; d < 3; d++) {
			double s = 0;
			for (int r = 0; r < 3; r++)
				s += direction[3 * d + r] * v[r];
			h[d] = s / spacingMm[d];
		}
		return h;
	}

	/** Distance (mm) from the volume's centre to its farthest corner. */
	double radiusMm() {
		double r2 = 0;
		for (int d = 0; d < 3; d++) {
			final double half = (dims[d] + 1) * spacingMm[d] / 2;
			r2 += half * half;
		}
		return Math.sqrt(r2);
	}

	/** Patient position (mm) of the volume's centre. */
	double[] centreMm() {
		final double[] c = originMm.clone();
		for (int d = 0; d < 3; d++)
			for (int r = 0; r < 3; r++)
				c[r] += direction[3 * d + r] * (dims[d] - 1) / 2.0 * spacingMm[d];
		return c;
	}

	/** The padded voxel values (not a copy: do not modify). */
	float[] paddedValues() {
		return padded;
	}

	/** Voxels per axis, without the padding. */
	public int[] dims() {
		return dims.clone();
	}

	public double[] spacingMm() {
		return spacingMm.clone();
	}

	public DrrUnit unit() {
		return unit;
	}

	/** Σ value × voxel volume over all voxels, in (value unit) · mm³; for mg/cm³, × 1e-6 gives grams. */
	public double integralMm3() {
		double s = 0;
		for (final float v : padded)
			s += v;
		return s * spacingMm[0] * spacingMm[1] * spacingMm[2];
	}
}
