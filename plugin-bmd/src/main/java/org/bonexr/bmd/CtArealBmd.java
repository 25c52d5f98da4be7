package org.bonexr.bmd;

import org.bonexr.ct.CtVolume;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.DensityCalibration;
import org.bonexr.drr.Drr;
import org.bonexr.drr.ParallelBeamGeometry;
import org.bonexr.drr.ProjectionVolume;
import org.bonexr.drr.SiddonProjector;

/**
 * Areal BMD from CT: the CT (HU) is turned into mineral density (mg/cm³) by a
 * linear calibration, restricted to bone (threshold, mask or labels), and
 * projected with the exact Siddon projector in a parallel beam (like a
 * pencil-beam DXA scan) into a bone-mineral DRR in g/cm²; {@link ArealBmd}
 * reads area, BMC and BMD off it. Usable from a script:
 *
 * <pre>
 * drr = CtArealBmd.boneMineralDrr(ct, BoneSelection.labels(seg, 75), DensityCalibration(0.8, 0), 90, 0.5)
 * print ArealBmd.measure(drr)
 * </pre>
 */
public final class CtArealBmd {

	/** AP view: source anterior (gantry angle 90° in plastimatch's convention). */
	public static final double AP_GANTRY_ANGLE_DEG = 90;

	private CtArealBmd() {}

	/**
	 * The bone-mineral DRR (g/cm²) of the selected bone of {@code ct} on a
	 * parallel-beam detector of {@code pixelMm} pixels covering the whole CT.
	 */
	public static Drr boneMineralDrr(final CtVolume ct,
		final BoneSelection bone, final DensityCalibration calibration,
		final double gantryAngleDeg, final double pixelMm)
	{
		return new SiddonProjector().project(ProjectionVolume.mineralDensity(ct,
			calibration, bone), ParallelBeamGeometry.covering(ct, gantryAngleDeg,
				pixelMm));
	}
}
