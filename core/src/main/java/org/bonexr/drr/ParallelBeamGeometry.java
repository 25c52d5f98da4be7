package org.bonexr.drr;

import java.util.ArrayList;
import java.util.List;

import org.bonexr.ct.CtVolume;
import org.bonexr.core.PixelSpacing;

/**
 * Parallel beam: every ray runs along the beam direction of the gantry angle
 * (see {@link ProjectionGeometry}) through its detector pixel, the detector
 * plane passing through the isocentre (shifted by the detector offset, mm
 * along columns and rows). Pixel sizes are the same at the detector and in
 * the patient (magnification 1), so Σ DRR × pixel area = integral of the
 * volume: the geometry for areal BMD. Immutable.
 */
public final class ParallelBeamGeometry extends ProjectionGeometry {

	private final int columns;
	private final int rows;
	private final double pixelWidthMm;
	private final double pixelHeightMm;
	private final double gantryAngleDeg;
	private final double[] isocenterMm;
	private final double offsetUMm;
	private final double offsetVMm;

	/** A detector of {@code columns × rows} pixels of the given size, gantry angle 0, isocentre at the origin. */
	public ParallelBeamGeometry(final int columns, final int rows,
		final double pixelWidthMm, final double pixelHeightMm)
	{
		this(columns, rows, pixelWidthMm, pixelHeightMm, 0, new double[3], 0, 0);
	}

	private ParallelBeamGeometry(final int columns, final int rows,
		final double pixelWidthMm, final double pixelHeightMm,
		final double gantryAngleDeg, final double[] isocenterMm,
		final double offsetUMm, final double offsetVMm)
	{
		checkDetector(columns, rows, pixelWidthMm, pixelHeightMm);
		this.columns = columns;
		this.rows = rows;
		this.pixelWidthMm = pixelWidthMm;
		this.pixelHeightMm = pixelHeightMm;
		this.gantryAngleDeg = gantryAngleDeg;
		this.isocenterMm = isocenterMm.clone();
		this.offsetUMm = offsetUMm;
		this.offsetVMm = offsetVMm;
	}

	/**
	 * A detector of square {@code pixelMm} pixels that sees the whole of
	 * {@code ct} at gantry angle {@code gantryAngleDeg} (isocentre at the CT's
	 * centre): the shadow of its 8 outer corners plus one pixel of margin.
	 */
	public static ParallelBeamGeometry covering(final CtVolume ct,
		final double gantryAngleDeg, final double pixelMm)
	{
		return covering(ct, new double[] { gantryAngleDeg }, pixelMm).get(0);
	}

	/**
	 * One geometry per gantry angle, all with the same detector, large enough
	 * to see the whole of {@code ct} at every angle (for a stack of DRRs). The
	 * pixel counts have the parity of the CT's size along the voxel axis
	 * closest to each detector axis, so that in axis-aligned views with pixels
	 * as large as voxels the rays pass through voxel centres, not along voxel
	 * faces.
	 */
	public static List<ParallelBeamGeometry> covering(final CtVolume ct,
		final double[] gantryAnglesDeg, final double pixelMm)
	{
		final double[] o = ct.originMm(), dir = ct.direction(), s = ct.spacingMm();
		final double[] centre = centreMm(ct);
		double maxU = 0, maxV = 0;
		for (final double angle : gantryAnglesDeg) {
			final double[] cu = columnDirection(angle);
			final double[] cv = rowDirection();
			for (int corner = 0; corner < 8; corner++) {
				double u = 0, v = 0;
				for (int d = 0; d < 3; d++) {
					final double half = ((corner >> d & 1) == 0 ? -0.5 : 0.5) * ct
						.dimension(d) * s[d];
					for (int r = 0; r < 3; r++) {
						u += half * dir[3 * d + r] * cu[r];
						v += half * dir[3 * d + r] * cv[r];
					}
				}
				maxU = Math.max(maxU, Math.abs(u));
				maxV = Math.max(maxV, Math.abs(v));
			}
		}
		final int cols = 2 * (int) Math.ceil(maxU / pixelMm) + 1 + parity(ct,
			columnDirection(gantryAnglesDeg[0]));
		final int rows = 2 * (int) Math.ceil(maxV / pixelMm) + 1 + parity(ct,
			rowDirection());
		final List<ParallelBeamGeometry> out = new ArrayList<>();
		for (final double angle : gantryAnglesDeg)
			out.add(new ParallelBeamGeometry(cols, rows, pixelMm, pixelMm, angle,
				centre, 0, 0));
		return out;
	}

	/** 1 if the CT's size along the voxel axis closest to {@code axis} is even, else 0. */
	private static int parity(final CtVolume ct, final double[] axis) {
		final double[] dir = ct.direction();
		int best = 0;
		double bestDot = -1;
		for (int d = 0; d < 3; d++) {
			final double dot = Math.abs(dir[3 * d] * axis[0] + dir[3 * d + 1] *
				axis[1] + dir[3 * d + 2] * axis[2]);
			if (dot > bestDot) {
				bestDot = dot;
				best = d;
			}
		}
		return ct.dimension(best) % 2 == 0 ? 1 : 0;
	}

	/** A copy at gantry angle {@code degrees}. */
	public ParallelBeamGeometry withGantryAngleDeg(final double degrees) {
		return new ParallelBeamGeometry(columns, rows, pixelWidthMm, pixelHeightMm,
			degrees, isocenterMm, offsetUMm, offsetVMm);
	}

	/** A copy with the isocentre at patient position (x, y, z) mm. */
	public ParallelBeamGeometry withIsocenterMm(final double x, final double y,
		final double z)
	{
		return new ParallelBeamGeometry(columns, rows, pixelWidthMm, pixelHeightMm,
			gantryAngleDeg, new double[] { x, y, z }, offsetUMm, offsetVMm);
	}

	/** A copy with the detector shifted by (u, v) mm along its columns and rows. */
	public ParallelBeamGeometry withDetectorOffsetMm(final double u,
		final double v)
	{
		return new ParallelBeamGeometry(columns, rows, pixelWidthMm, pixelHeightMm,
			gantryAngleDeg, isocenterMm, u, v);
	}

	@Override
	public int columns() {
		return columns;
	}

	@Override
	public int rows() {
		return rows;
	}

	@Override
	public PixelSpacing detectorSpacing() {
		return PixelSpacing.mm(pixelWidthMm, pixelHeightMm);
	}

	@Override
	public double magnification() {
		return 1;
	}

	public double gantryAngleDeg() {
		return gantryAngleDeg;
	}

	/** Patient position of the isocentre (mm); the detector plane passes through it. */
	public double[] isocenterMm() {
		return isocenterMm.clone();
	}

	/** Detector offset along columns and rows, mm. */
	public double[] detectorOffsetMm() {
		return new double[] { offsetUMm, offsetVMm };
	}

	@Override
	RayFamily rays(final ProjectionVolume volume) {
		final double[] n = beamDirection(gantryAngleDeg);
		final double[] cu = columnDirection(gantryAngleDeg);
		final double[] cv = rowDirection();
		final double[] centre = volume.centreMm();
		double dist = 0;
		for (int d = 0; d < 3; d++)
			dist += (centre[d] - isocenterMm[d]) * (centre[d] - isocenterMm[d]);
		final double reach = Math.sqrt(dist) + volume.radiusMm() + 1;
		final double u0 = -(columns - 1) / 2.0 * pixelWidthMm + offsetUMm;
		final double v0 = -(rows - 1) / 2.0 * pixelHeightMm + offsetVMm;
		final double[] s0 = new double[3], e0 = new double[3], su = new double[3],
				sv = new double[3];
		for (int d = 0; d < 3; d++) {
			final double p = isocenterMm[d] + u0 * cu[d] + v0 * cv[d];
			s0[d] = p - reach * n[d];
			e0[d] = p + reach * n[d];
			su[d] = pixelWidthMm * cu[d];
			sv[d] = pixelHeightMm * cv[d];
		}
		return new RayFamily(s0, su, sv, e0, su.clone(), sv.clone());
	}
}
