package org.bonexr.drr;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;

/**
 * Cone beam (point source, flat detector), described as plastimatch's
 * {@code drr} describes it: source-to-axis distance SAD and source-to-image
 * distance SID (mm), detector size (mm) and resolution (pixels), gantry angle
 * (degrees), isocentre (patient mm, LPS) and detector offset (mm along the
 * detector's columns and rows; plastimatch's image centre
 * {@code -c} equals {@code (columns−1)/2 − offsetU/pixelWidth} and
 * {@code (rows−1)/2 − offsetV/pixelHeight}). See {@link ProjectionGeometry}
 * for the axes: the source is at {@code iso − SAD·n}, the detector plane at
 * {@code iso + (SID − SAD)·n}. Immutable; the {@code with…} methods return
 * modified copies.
 * <p>
 * Equivalent plastimatch 1.9.4 call (its {@code -r}, {@code -z}, {@code -c}
 * pairs are read as columns then rows): {@code plastimatch drr -i exact
 * --sad SAD --sid SID -r "C R" -z "W H" -n "cosθ −sinθ 0" --vup "0 0 1" -o
 * "x y z"}. Its {@code -n} points from the isocentre to the source (the
 * opposite of n), and its {@code -y} gantry angle is read in radians by that
 * build (its {@code -N} angle spacing in degrees), so pass {@code -n}.
 */
public final class ConeBeamGeometry extends ProjectionGeometry {

	private final double sadMm;
	private final double sidMm;
	private final int columns;
	private final int rows;
	private final double widthMm;
	private final double heightMm;
	private final double gantryAngleDeg;
	private final double[] isocenterMm;
	private final double offsetUMm;
	private final double offsetVMm;

	/**
	 * A detector of {@code columns × rows} pixels covering
	 * {@code widthMm × heightMm}, gantry angle 0, isocentre at the origin, no
	 * offset.
	 */
	public ConeBeamGeometry(final double sadMm, final double sidMm,
		final int columns, final int rows, final double widthMm,
		final double heightMm)
	{
		this(sadMm, sidMm, columns, rows, widthMm, heightMm, 0, new double[3], 0,
			0);
	}

	private ConeBeamGeometry(final double sadMm, final double sidMm,
		final int columns, final int rows, final double widthMm,
		final double heightMm, final double gantryAngleDeg,
		final double[] isocenterMm, final double offsetUMm, final double offsetVMm)
	{
		if (!(sadMm > 0) || !(sidMm > sadMm) || Double.isInfinite(sidMm)) {
			throw new BoneXRException("Cone-beam distances SAD " + sadMm +
				" mm and SID " + sidMm + " mm are not valid.",
				"Give 0 < SAD < SID in mm (e.g. SAD 1000, SID 1500).");
		}
		checkDetector(columns, rows, widthMm / columns, heightMm / rows);
		this.sadMm = sadMm;
		this.sidMm = sidMm;
		this.columns = columns;
		this.rows = rows;
		this.widthMm = widthMm;
		this.heightMm = heightMm;
		this.gantryAngleDeg = gantryAngleDeg;
		this.isocenterMm = isocenterMm.clone();
		this.offsetUMm = offsetUMm;
		this.offsetVMm = offsetVMm;
	}

	/** A copy at gantry angle {@code degrees}. */
	public ConeBeamGeometry withGantryAngleDeg(final double degrees) {
		return new ConeBeamGeometry(sadMm, sidMm, columns, rows, widthMm, heightMm,
			degrees, isocenterMm, offsetUMm, offsetVMm);
	}

	/** A copy with the isocentre at patient position (x, y, z) mm. */
	public ConeBeamGeometry withIsocenterMm(final double x, final double y,
		final double z)
	{
		return new ConeBeamGeometry(sadMm, sidMm, columns, rows, widthMm, heightMm,
			gantryAngleDeg, new double[] { x, y, z }, offsetUMm, offsetVMm);
	}

	/** A copy with the detector shifted by (u, v) mm along its columns and rows. */
	public ConeBeamGeometry withDetectorOffsetMm(final double u, final double v) {
		return new ConeBeamGeometry(sadMm, sidMm, columns, rows, widthMm, heightMm,
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
		return PixelSpacing.mm(widthMm / columns, heightMm / rows);
	}

	@Override
	public double magnification() {
		return sidMm / sadMm;
	}

	public double sadMm() {
		return sadMm;
	}

	public double sidMm() {
		return sidMm;
	}

	public double gantryAngleDeg() {
		return gantryAngleDeg;
	}

	public double[] isocenterMm() {
		return isocenterMm.clone();
	}

	/** Patient position of the source, mm. */
	public double[] sourceMm() {
		final double[] n = beamDirection(gantryAngleDeg);
		final double[] s = new double[3];
		for (int d = 0; d < 3; d++)
			s[d] = isocenterMm[d] - sadMm * n[d];
		return s;
	}

	@Override
	RayFamily rays(final ProjectionVolume volume) {
		final double[] n = beamDirection(gantryAngleDeg);
		final double[] cu = columnDirection(gantryAngleDeg);
		final double[] cv = rowDirection();
		final double pu = widthMm / columns, pv = heightMm / rows;
		final double u0 = -(columns - 1) / 2.0 * pu + offsetUMm;
		final double v0 = -(rows - 1) / 2.0 * pv + offsetVMm;
		final double[] e0 = new double[3], eu = new double[3], ev = new double[3];
		for (int d = 0; d < 3; d++) {
			e0[d] = isocenterMm[d] + (sidMm - sadMm) * n[d] + u0 * cu[d] + v0 * cv[d];
			eu[d] = pu * cu[d];
			ev[d] = pv * cv[d];
		}
		return new RayFamily(sourceMm(), new double[3], new double[3], e0, eu, ev);
	}
}
