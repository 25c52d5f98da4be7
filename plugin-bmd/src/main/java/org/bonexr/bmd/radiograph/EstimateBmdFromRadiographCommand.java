package org.bonexr.bmd.radiograph;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.measure.ResultsTable;
import ij.io.FileSaver;
import ij.process.FloatPolygon;
import ij.process.ImageProcessor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bonexr.attenuation.AttenuationConversion;
import org.bonexr.bmd.ArealBmdResult;
import org.bonexr.bmd.ReferencePopulation;
import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.AtomicFiles;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * {@code Plugins>BoneXR>BMD>Estimate BMD from Radiograph}: an AP hip
 * radiograph (pixel size in mm) → attenuation (Beer–Lambert for linear
 * intensity, {@link LogExposureConversion} for log-exposure CR/DX values) →
 * the model's bone-only mineral DRR (g/cm², {@link BoneDrrModel}) → areal BMD
 * (g/cm²), BMC (g) and area (cm²) in the image's selection (or an ROI file),
 * or in the automatic femoral-neck and total-hip regions
 * ({@link HipRois}); optional DXA calibration ({@link DxaCalibration}) and
 * T/Z-scores ({@link ReferencePopulation}). Outputs the bone DRR with the
 * regions as overlay and one results-table row per region.
 * <p>
 * The shipped model is a demo trained on synthetic phantoms only.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>BMD>Estimate BMD from Radiograph",
	description = "Areal BMD of the hip from a plain radiograph via a predicted bone-only mineral DRR (demo model trained on phantoms).")
public class EstimateBmdFromRadiographCommand extends BoneXRCommand {

	/**
	 * Java heap per radiograph pixel before the model runs (checked before any
	 * work; {@link BoneDrrModel} checks its own need again): the radiograph's
	 * float copy, the attenuation conversion's input, output and result
	 * arrays, and the model's copy of the attenuation (five floats).
	 */
	static final double HEAP_BYTES_PER_PIXEL = 5 * Float.BYTES;

	static final String AUTO = "automatic: femoral neck and total hip";
	static final String SELECTION = "image selection or ROI file";
	static final String LINEAR = "attenuation or linear intensity";
	static final String LOG = "log exposure, bone bright (CR/DX for presentation)";
	static final String NONE = "none";
	static final String NHANES = "NHANES III white women 20-29 (by region)";
	static final String CUSTOM = "custom (mean and SD below)";
	static final double PREVIEW_MAX_G_PER_CM2 = 3;

	@Parameter(label = "Hip radiograph (AP, pixel size in mm)")
	private ImagePlus image;

	@Parameter(label = "Model (empty = shipped demo model)", required = false,
		persist = false, style = FileWidget.OPEN_STYLE)
	private File model;

	@Parameter(label = "Regions", choices = { AUTO, SELECTION }, persist = false)
	private String region = AUTO;

	@Parameter(label = "ROI file (.roi, on the radiograph; else the selection)",
		required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File roiFile;

	@Parameter(label = "Pixel values", choices = { LINEAR, LOG }, persist = false)
	private String pixelValues = LINEAR;

	@Parameter(label = "Open-field intensity I0 (linear; 0 = estimate)",
		min = "0")
	private double i0 = 0;

	@Parameter(label = "Values per decade of exposure (log)", min = "0.001")
	private double valuesPerDecade = 512;

	@Parameter(label = "DXA calibration file (optional)", required = false,
		persist = false, style = FileWidget.OPEN_STYLE)
	private File calibration;

	@Parameter(label = "T-score reference", choices = { NONE, NHANES, CUSTOM },
		persist = false)
	private String tReference = NONE;

	@Parameter(label = "Custom young-adult mean (g/cm2)")
	private double youngMean = 0;

	@Parameter(label = "Custom young-adult SD (g/cm2)")
	private double youngSd = 0;

	@Parameter(label = "Age-matched mean for Z-score (g/cm2; 0 = none)")
	private double ageMatchedMean = 0;

	@Parameter(label = "Age-matched SD (g/cm2)")
	private double ageMatchedSd = 0;

	@Parameter(label = "Preview PNG to write (optional)", required = false,
		persist = false, style = FileWidget.SAVE_STYLE,
		description = "The bone DRR, 0 (black) to " + PREVIEW_MAX_G_PER_CM2 +
			" g/cm2 (white), with the regions drawn in.")
	private File previewPng;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus boneDrr;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable results;

	@Parameter(type = ItemIO.OUTPUT,
		label = "Areal BMD (g/cm2; selection or femoral neck)")
	private double bmdGPerCm2 = Double.NaN;

	@Parameter(type = ItemIO.OUTPUT, label = "Total hip areal BMD (g/cm2)")
	private double totalHipBmdGPerCm2 = Double.NaN;

	@Parameter(type = ItemIO.OUTPUT, label = "T-score (selection or femoral neck)")
	private double tScore = Double.NaN;

	@Parameter(type = ItemIO.OUTPUT, label = "Z-score (selection or femoral neck)")
	private double zScore = Double.NaN;

	@Parameter
	private ModelService models;

	@Parameter
	private ComputeBackendService compute;

	@Override
	protected void execute() {
		if (previewPng != null) {
			final Path preview = previewPng.toPath().toAbsolutePath();
			AtomicFiles.requireWritableFolder(preview.getParent());
			AtomicFiles.refuseExisting(preview);
		}
		MemoryBudget.require("Estimating the BMD of " + MemoryBudget.image(image
			.getWidth(), image.getHeight()), (long) image.getWidth() * image
				.getHeight(), HEAP_BYTES_PER_PIXEL);
		final Radiograph input = ImagePlusRadiographs.fromImagePlus(image);
		input.warnings().forEach(log()::warn);
		if (!input.spacing().isKnown()) {
			throw new BoneXRException("'" + image.getTitle() +
				"' has no pixel size in mm, so an areal BMD (g/cm², mineral per " +
				"area) cannot be measured on it.", "Set the pixel size in mm " +
					"(Image>Properties; for a DICOM, its (Imager) Pixel Spacing) and " +
					"run again.");
		}
		final Roi userRoi = SELECTION.equals(region) ? onImage(userRoi()) : null;
		final DxaCalibration cal = calibration == null ? null : DxaCalibration
			.load(calibration.toPath());
		final ReferencePopulation custom = CUSTOM.equals(tReference)
			? ReferencePopulation.custom(youngMean, youngSd) : null;
		final ReferencePopulation aged = ReferencePopulation.ageMatchedOrNone(
			ageMatchedMean, ageMatchedSd);

		progress(0, 3, "Converting " + image.getTitle() + " to attenuation");
		final Radiograph attenuation = toAttenuation(input);
		progress(1, 3, "Predicting the bone mineral DRR");
		final BoneDrrModel net = new BoneDrrModel(models.get(model == null
			? ShippedModel.path() : model.toPath()));
		final BoneDrr drr = net.predict(attenuation, null);
		progress(2, 3, "Measuring areal BMD");
		final List<Region> regions = new ArrayList<>();
		if (userRoi != null) {
			regions.add(regionOf(userRoi, input, drr));
		}
		else {
			final HipRois.Result auto = HipRois.find(drr);
			regions.add(auto.femoralNeck);
			regions.add(auto.totalHip);
		}
		boneDrr = ImagePlusRadiographs.toImagePlus(drr.toRadiograph("bone DRR"),
			stripExtension(image.getTitle()) + "-bone-drr");
		boneDrr.getCalibration().setValueUnit("g/cm2");
		final Overlay overlay = new Overlay();
		results = new ResultsTable();
		for (int k = 0; k < regions.size(); k++) {
			final Region reg = regions.get(k);
			final ArealBmdResult r = RegionBmd.measure(drr, reg.mask(), reg.name());
			final double bmd = cal == null ? r.bmdGPerCm2() : cal.apply(r
				.bmdGPerCm2());
			final ReferencePopulation young = custom != null ? custom : NHANES
				.equals(tReference) ? reference(reg.name()) : null;
			final double t = young == null ? Double.NaN : young.score(bmd);
			final double z = aged == null ? Double.NaN : aged.score(bmd);
			if (k == 0) {
				bmdGPerCm2 = bmd;
				tScore = t;
				zScore = z;
			}
			if ("total hip".equals(reg.name())) totalHipBmdGPerCm2 = bmd;
			final double[] xs = reg.outlineX(), ys = reg.outlineY();
			if (xs.length > 2) {
				final PolygonRoi outline = new PolygonRoi(new FloatPolygon(toFloat(xs),
					toFloat(ys)), Roi.POLYGON);
				outline.setName(reg.name());
				overlay.add(outline);
			}
			results.incrementCounter();
			results.addValue("Image", image.getTitle());
			results.addValue("Region", reg.name());
			results.addValue("Area (cm2)", r.areaCm2());
			results.addValue("BMC (g)", r.bmcG());
			results.addValue("aBMD model (g/cm2)", r.bmdGPerCm2());
			results.addValue("aBMD (g/cm2)", bmd);
			results.addValue("DXA calibration", cal == null ? "none" : calibration
				.getName());
			results.addValue("T-score", t);
			results.addValue("T reference", young == null ? "" : young.name());
			results.addValue("Z-score", z);
			results.addValue("Model", net.model().description().name());
		}
		boneDrr.setOverlay(overlay);
		if (previewPng != null) savePreview(boneDrr, previewPng.toPath());
		progress(3, 3, String.format(Locale.ROOT, "Areal BMD %.3f g/cm2 (%s)",
			bmdGPerCm2, regions.get(0).name()));
	}

	/** 8-bit rendering of the DRR with the regions burnt in, as PNG. */
	private static void savePreview(final ImagePlus drr, final Path file) {
		final ImageProcessor ip = drr.getProcessor().duplicate();
		ip.setMinAndMax(0, PREVIEW_MAX_G_PER_CM2);
		final ImagePlus preview = new ImagePlus(drr.getTitle(), ip.convertToByte(
			true).convertToRGB());
		preview.setOverlay(drr.getOverlay().duplicate());
		preview.getOverlay().setStrokeColor(java.awt.Color.YELLOW);
		final ImagePlus flat = preview.flatten();
		AtomicFiles.write(file, tmp -> {
			if (!new FileSaver(flat).saveAsPng(tmp.toString())) {
				throw new java.io.IOException("ImageJ could not write the PNG");
			}
		});
	}

	/** The region, after checking that it overlaps the image. */
	private Roi onImage(final Roi roi) {
		final java.awt.Rectangle b = roi.getBounds();
		if (!b.intersects(new java.awt.Rectangle(0, 0, image.getWidth(), image
			.getHeight())))
		{
			throw new BoneXRException("The region at " + b.x + "," + b.y + " (" +
				b.width + " x " + b.height + " px) lies outside '" + image.getTitle() +
				"', which is " + image.getWidth() + " x " + image.getHeight() +
				" pixels.", "Draw the region (e.g. over the femoral neck) inside the " +
					"image, or choose the automatic regions.");
		}
		return roi;
	}

	private Roi userRoi() {
		if (roiFile != null) {
			final Roi roi = RoiDecoder.open(roiFile.getPath());
			if (roi == null) {
				throw new BoneXRException("Could not read the ROI file " + roiFile +
					".", "Save the ROI from ImageJ (File>Save As>Selection...) as a " +
						".roi file.");
			}
			return roi;
		}
		final Roi roi = image.getRoi();
		if (roi == null || !roi.isArea()) {
			throw new BoneXRException("Regions are set to the image selection, but '" +
				image.getTitle() + "' has no area selection.", "Draw the region " +
					"(e.g. over the femoral neck), give an ROI file, or choose the " +
					"automatic regions.");
		}
		return roi;
	}

	private Radiograph toAttenuation(final Radiograph input) {
		if (input.domain() == ValueDomain.ATTENUATION) return input;
		if (LOG.equals(pixelValues)) {
			return LogExposureConversion.convert(input, valuesPerDecade);
		}
		return new AttenuationConversion(compute).convert(input, i0,
			false).attenuation;
	}

	/**
	 * The ROI (on the radiograph's pixels; its polygon, in pixel-edge
	 * coordinates) on the DRR grid: DRR pixel centres inside it.
	 */
	private static Region regionOf(final Roi roi, final Radiograph input,
		final BoneDrr drr)
	{
		final double fx = drr.pixelMm() / input.spacing().xMm();
		final double fy = drr.pixelMm() / input.spacing().yMm();
		final FloatPolygon p = roi.getFloatPolygon();
		final boolean[] mask = new boolean[drr.width() * drr.height()];
		for (int r = 0; r < drr.height(); r++)
			for (int c = 0; c < drr.width(); c++)
				mask[c + drr.width() * r] = p.contains((c + 0.5) * fx, (r + 0.5) *
					fy);
		final double[] xs = new double[p.npoints], ys = new double[p.npoints];
		for (int i = 0; i < p.npoints; i++) {
			xs[i] = p.xpoints[i] / fx;
			ys[i] = p.ypoints[i] / fy;
		}
		return new Region(roi.getName() == null ? "ROI" : roi.getName(), mask, xs,
			ys);
	}

	private static ReferencePopulation reference(final String regionName) {
		return "total hip".equals(regionName)
			? ReferencePopulation.TOTAL_HIP_NHANES3_WHITE_WOMEN_20_29
			: ReferencePopulation.FEMORAL_NECK_NHANES3_WHITE_WOMEN_20_29;
	}

	private static float[] toFloat(final double[] d) {
		final float[] f = new float[d.length];
		for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
		return f;
	}

	private static String stripExtension(final String title) {
		final int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
