package org.bonexr.drr;

import org.bonexr.core.PixelSpacing;
import org.bonexr.ct.CtVolume;

/**
 * Where the rays of a DRR run: a detector of {@link #columns()} ×
 * {@link #rows()} pixels and, for each pixel, a ray through the patient.
 * <p>
 * Conventions shared by both geometries, as in plastimatch's {@code drr}:
 * patient coordinates in mm, DICOM LPS (x to the patient's left, y
 * posterior, z superior); at gantry angle θ (degrees) the beam runs along
 * {@code n = (−cos θ, sin θ, 0)} (θ = 0: source at the patient's left, a
 * lateral view; θ = 90°: source anterior, an AP view); detector columns (u) run
 * along {@code n × (0,0,1) = (sin θ, cos θ, 0)} and rows (v) downward, along
 * −z, so the image is upright with the head at the top and, in the AP view,
 * the patient's left on the right (the view from the source). The detector centre sits on the central ray, shifted by the
 * detector offset (mm along u and v).
 */
public abstract class ProjectionGeometry {

	ProjectionGeometry() {}

	/** Detector pixels along u (image width). */
	public abstract int columns();

	/** Detector pixels along v (image height). */
	public abstract int rows();

	/** Pixel size on the detector, mm. */
	public abstract PixelSpacing detectorSpacing();

	/**
	 * Detector-to-isocentre magnification (SID/SAD for cone beam, 1 for
	 * parallel): lengths at the isocentre plane are detector lengths divided
	 * by it.
	 */
	public abstract double magnification();

	/** The rays as affine functions of the pixel index, in patient mm, long enough to cross {@code volume}. */
	abstract RayFamily rays(ProjectionVolume volume);

	/** The patient position (mm, LPS) of the centre of {@code ct}'s voxel grid (midway between its outer voxel centres). */
	public static double[] centreMm(final CtVolume ct) {
		final double[] dir = ct.direction(), s = ct.spacingMm();
		final double[] centre = ct.originMm().clone();
		for (int d = 0; d < 3; d++)
			for (int r = 0; r < 3; r++)
				centre[r] += dir[3 * d + r] * (ct.dimension(d) - 1) / 2.0 * s[d];
		return centre;
	}

	/** Beam direction {@code (−cos θ, sin θ, 0)}. */
	static double[] beamDirection(final double gantryAngleDeg) {
		final double a = Math.toRadians(gantryAngleDeg);
		return new double[] { -snap(Math.cos(a)), snap(Math.sin(a)), 0 };
	}

	/** Detector column direction {@code n × (0,0,1)}. */
	static double[] columnDirection(final double gantryAngleDeg) {
		final double a = Math.toRadians(gantryAngleDeg);
		return new double[] { snap(Math.sin(a)), snap(Math.cos(a)), 0 };
	}

	/**
	 * 0 for rounding residue such as cos 90° = 6e-17, so that views along an
	 * axis are exactly axis-parallel (a ray in a voxel face stays in it).
	 */
	private static double snap(final double v) {
		return Math.abs(v) < 1e-12 ? 0 : v;
	}

	/** Detector row direction: −z (down). */
	static double[] rowDirection() {
		return new double[] { 0, 0, -1 };
	}

	static void checkDetector(final int columns, final int rows,
		final double pixelWidthMm, final double pixelHeightMm)
	{
		if (columns < 1 || rows < 1) {
			throw new org.bonexr.core.BoneXRException("A detector of " + columns +
				"×" + rows + " pixels is empty.", "Give at least 1×1 pixels.");
		}
		PixelSpacing.mm(pixelWidthMm, pixelHeightMm);
	}
}
