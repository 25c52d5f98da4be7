package org.bonexr.drr;

import ij.ImagePlus;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.ct.ImageJCtReader;
import org.bonexr.kernels.ComputeBackendService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * {@code Plugins>BoneXR>BMD>Generate DRR from CT}: a CT (a file: NIfTI,
 * MetaImage, TIFF stack, or a folder of DICOM slices; else the open stack with
 * its calibration) becomes a DRR, or a stack of DRRs
 * at several gantry angles, in a cone or parallel beam (plastimatch's
 * geometry conventions, see {@link ProjectionGeometry}). Pixels hold ∫μ dl
 * (attenuation, μ = μ_water·(1 + HU/1000)) or, for bone mineral, g/cm² of the
 * bone selected by a mask/label file or an HU threshold, with a linear
 * HU→mg/cm³ calibration. Pixel size in mm is set on the image. The
 * trilinear algorithm runs on an OpenCL device through CLIJ2 where there is
 * one (see {@code ComputeBackendService}). The CT and mask files are not
 * remembered between runs: a file left from an earlier run would silently
 * take the place of the open CT.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>BMD>Generate DRR from CT",
	description = "Digitally reconstructed radiographs (line integrals of attenuation or bone mineral) from a CT, exact (Siddon) or trilinear.")
public class GenerateDrrCommand extends BoneXRCommand {

	static final String CONE = "cone beam";
	static final String PARALLEL = "parallel beam";
	static final String EXACT = "exact (Siddon-Jacobs)";
	static final String TRILINEAR = "trilinear ray marching";
	static final String ATTENUATION = "attenuation (integral of mu)";
	static final String MINERAL = "bone mineral (g/cm2)";

	@Parameter(label = "CT image (an open stack with calibration)",
		required = false,
		description = "Used when no CT file is given; voxel values through the calibration function (HU).")
	private ImagePlus ctImage;

	@Parameter(label = "or CT file (NIfTI, MetaImage, TIFF stack or DICOM folder)",
		required = false, persist = false, style = FileWidget.OPEN_STYLE,
		description = "Read instead of the open image when given.")
	private File ct;

	@Parameter(label = "Geometry", choices = { CONE, PARALLEL })
	private String geometry = CONE;

	@Parameter(label = "Gantry angles (degrees, comma-separated)",
		description = "90 = AP (source anterior), 0 = lateral (source at the patient's left); one slice per angle.")
	private String gantryAnglesDeg = "90";

	@Parameter(label = "Source-axis distance SAD (mm, cone)", min = "1")
	private double sadMm = 1000;

	@Parameter(label = "Source-image distance SID (mm, cone)", min = "1")
	private double sidMm = 1500;

	@Parameter(label = "Detector size (mm, cone)", min = "1")
	private double detectorMm = 400;

	@Parameter(label = "Detector pixels per side (cone)", min = "1")
	private int detectorPixels = 512;

	@Parameter(label = "Isocentre (mm x,y,z; empty = CT centre; cone)",
		required = false,
		description = "Patient position (DICOM LPS, mm) the central ray passes through, as plastimatch's -o.")
	private String isocenterMm = "";

	@Parameter(label = "Pixel size (mm, parallel: detector covers the CT)",
		min = "0.01")
	private double parallelPixelMm = 1;

	@Parameter(label = "Algorithm", choices = { EXACT, TRILINEAR })
	private String algorithm = EXACT;

	@Parameter(label = "Trilinear step (mm)", min = "0.01")
	private double stepMm = 0.5;

	@Parameter(label = "Quantity", choices = { ATTENUATION, MINERAL })
	private String quantity = ATTENUATION;

	@Parameter(label = "mu of water (1/mm)", min = "0.000001")
	private double muWaterPerMm = AttenuationModel.DEFAULT_MU_WATER_PER_MM;

	@Parameter(label = "Air cut-off (HU; voxels at or below count as 0)")
	private double airCutoffHu = -1000;

	@Parameter(label = "Bone mask or label file (optional)", required = false,
		persist = false, style = FileWidget.OPEN_STYLE)
	private File mask;

	@Parameter(label = "Labels (comma-separated; empty = mask > 0)",
		required = false)
	private String labels = "";

	@Parameter(label = "Bone threshold (HU; without mask)")
	private double boneThresholdHu = 200;

	@Parameter(label = "Mineral calibration slope (mg/cm3 per HU)",
		min = "0.000001")
	private double slopeMgPerCm3PerHu = 0.8;

	@Parameter(label = "Mineral calibration intercept (mg/cm3)")
	private double interceptMgPerCm3 = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus drr;

	@Parameter(required = false)
	private ComputeBackendService computeBackend;

	@Override
	protected void execute() {
		final double[] angles = angles(gantryAnglesDeg);
		final CtVolume volume = volume();
		final ProjectionVolume values = MINERAL.equals(quantity) ? ProjectionVolume
			.mineralDensity(volume, new DensityCalibration(slopeMgPerCm3PerHu,
				interceptMgPerCm3), selection()) : ProjectionVolume.attenuation(
					volume, new AttenuationModel(muWaterPerMm, airCutoffHu), mask == null
						? BoneSelection.all() : selection());
		final Projector projector = projector();
		log().info("BoneXR DRR: " + projector.description());
		final List<? extends ProjectionGeometry> geometries = geometries(volume,
			angles);
		final List<Drr> drrs = new ArrayList<>();
		for (int i = 0; i < angles.length; i++) {
			progress(i, angles.length, "DRR at " + angles[i] + "°");
			drrs.add(projector.project(values, geometries.get(i)));
		}
		progress(angles.length, angles.length, "DRRs done");
		drr = DrrImages.toImagePlus(volume.name().replaceFirst(
			"(?i)\\.(tiff?|nii(\\.gz)?|mh[ad]|dcm)$", "") + "-drr", drrs, angles);
	}

	/** The CT file if given, else the open CT image. */
	private CtVolume volume() {
		if (ct != null) return CtFiles.read(ct);
		if (ctImage != null) return ImageJCtReader.fromImagePlus(ctImage);
		throw new BoneXRException("No CT was given.",
			"Open a CT stack with its voxel size, or choose a CT file (NIfTI, MetaImage, TIFF stack or DICOM folder).");
	}

	/**
	 * Exact: Siddon-Jacobs in Java. Trilinear: on the context's compute backend
	 * (an OpenCL device through CLIJ2 where there is one, else the Java twin;
	 * it logs which), or in Java in a context without that service.
	 */
	private Projector projector() {
		if (!TRILINEAR.equals(algorithm)) return new SiddonProjector();
		return computeBackend == null ? new TrilinearProjector(stepMm)
			: new BackendTrilinearProjector(computeBackend.compute(), stepMm);
	}

	/** One geometry per angle, all with the same detector (a parallel one covers the CT at every angle). */
	private List<? extends ProjectionGeometry> geometries(final CtVolume volume,
		final double[] angles)
	{
		if (PARALLEL.equals(geometry)) return ParallelBeamGeometry.covering(volume,
			angles, parallelPixelMm);
		final double[] iso = isocenterMm == null || isocenterMm.trim().isEmpty()
			? ProjectionGeometry.centreMm(volume) : numbers(isocenterMm, 3,
				"isocentre", "e.g. 0,0,0 (mm)");
		final List<ConeBeamGeometry> out = new ArrayList<>();
		for (final double angle : angles)
			out.add(new ConeBeamGeometry(sadMm, sidMm, detectorPixels, detectorPixels,
				detectorMm, detectorMm).withGantryAngleDeg(angle).withIsocenterMm(
					iso[0], iso[1], iso[2]));
		return out;
	}

	private BoneSelection selection() {
		return BoneSelection.of(mask == null ? null : CtFiles.read(mask), labels,
			boneThresholdHu);
	}

	static double[] angles(final String text) {
		return numbers(text, -1, "gantry angle", "List angles in degrees separated by commas, e.g. 0,45,90.");
	}

	/** Numbers separated by commas or spaces ({@code count} of them, or any number when −1). */
	private static double[] numbers(final String text, final int count,
		final String what, final String fix)
	{
		final String[] parts = text.trim().split("[,\\s]+");
		if (count >= 0 && parts.length != count) {
			throw new BoneXRException("The " + what + " '" + text + "' does not have " +
				count + " numbers.", fix);
		}
		final double[] a = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				a[i] = Double.parseDouble(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new BoneXRException("The " + what + " '" + parts[i] +
					"' is not a number.", fix);
			}
		}
		return a;
	}
}
