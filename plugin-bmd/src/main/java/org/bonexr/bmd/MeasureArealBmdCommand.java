package org.bonexr.bmd;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.measure.ResultsTable;

import ij.plugin.frame.RoiManager;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.type.logic.BitType;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.DensityCalibration;
import org.bonexr.drr.Drr;
import org.bonexr.drr.DrrImages;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * {@code Plugins>BoneXR>BMD>Measure Areal BMD from CT}: CT + bone (mask or
 * label file, else an HU threshold) + HU→mg/cm³ calibration → bone-mineral
 * DRR (g/cm², parallel beam, exact) → areal BMD (g/cm²), BMC (g) and area
 * (cm²) in an ImageJ ROI file drawn on that DRR, in each ROI of the ROI
 * Manager (one table row each; the number outputs are the first ROI's), or
 * over the whole projected bone; T- and Z-scores against the chosen
 * references. Outputs the DRR with the ROIs as overlay and a results table. See {@link CtArealBmd},
 * {@link ArealBmd}, {@link ReferencePopulation}.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>BMD>Measure Areal BMD from CT",
	description = "Areal BMD, BMC and area from a bone-mineral DRR of a CT, with T- and Z-scores.")
public class MeasureArealBmdCommand extends BoneXRCommand {

	static final String NONE = "none";
	static final String NECK = "femoral neck, NHANES III white women 20-29";
	static final String TOTAL_HIP = "total hip, NHANES III white women 20-29";
	static final String CUSTOM = "custom (mean and SD below)";

	@Parameter(label = "CT (NIfTI, MetaImage, TIFF stack or DICOM folder)",
		style = FileWidget.OPEN_STYLE)
	private File ct;

	@Parameter(label = "Bone mask or label file (optional)", required = false,
		persist = false, style = FileWidget.OPEN_STYLE)
	private File mask;

	@Parameter(label = "Labels (comma-separated; empty = mask > 0)",
		required = false)
	private String labels = "";

	@Parameter(label = "Bone threshold (HU; without mask)")
	private double boneThresholdHu = 200;

	@Parameter(label = "Metal cut-off (HU; voxels above are not bone)")
	private double metalCutoffHu = 2000;

	@Parameter(label = "Mineral calibration slope (mg/cm3 per HU)",
		min = "0.000001")
	private double slopeMgPerCm3PerHu = 0.8;

	@Parameter(label = "Mineral calibration intercept (mg/cm3)")
	private double interceptMgPerCm3 = 0;

	@Parameter(label = "Mineral of every voxel (bone selection gives the area)",
		description = "Counts the partial-volume rim of the bone too; needs a calibration that puts soft tissue at 0 mg/cm3.")
	private boolean mineralFromAllVoxels = false;

	@Parameter(label = "Gantry angle (degrees; 90 = AP)")
	private double gantryAngleDeg = CtArealBmd.AP_GANTRY_ANGLE_DEG;

	@Parameter(label = "DRR pixel size (mm)", min = "0.01")
	private double pixelMm = 0.5;

	@Parameter(label = "ROI file (.roi, drawn on the DRR; empty = whole bone)",
		required = false, persist = false, style = FileWidget.OPEN_STYLE)
	private File roiFile;

	@Parameter(label = "ROIs from the ROI Manager (one row each; without ROI file)",
		description = "ROIs drawn on a DRR made with the same angle and pixel size, e.g. by a first run of this command.")
	private boolean roisFromRoiManager = false;

	@Parameter(label = "T-score reference", choices = { NONE, NECK, TOTAL_HIP,
		CUSTOM })
	private String tReference = NONE;

	@Parameter(label = "Custom young-adult mean (g/cm2)")
	private double youngMean = 0;

	@Parameter(label = "Custom young-adult SD (g/cm2)")
	private double youngSd = 0;

	@Parameter(label = "Age-matched mean for Z-score (g/cm2; 0 = none)")
	private double ageMatchedMean = 0;

	@Parameter(label = "Age-matched SD (g/cm2)")
	private double ageMatchedSd = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus drr;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable bmdTable;

	@Parameter(type = ItemIO.OUTPUT, label = "Areal BMD (g/cm2)")
	private double bmdGPerCm2;

	@Parameter(type = ItemIO.OUTPUT, label = "BMC (g)")
	private double bmcG;

	@Parameter(type = ItemIO.OUTPUT, label = "Area (cm2)")
	private double areaCm2;

	@Parameter(type = ItemIO.OUTPUT, label = "T-score")
	private double tScore = Double.NaN;

	@Parameter(type = ItemIO.OUTPUT, label = "Z-score")
	private double zScore = Double.NaN;

	@Override
	protected void execute() {
		final ReferencePopulation young = youngReference();
		final ReferencePopulation aged = ReferencePopulation.ageMatchedOrNone(
			ageMatchedMean, ageMatchedSd);
		progress(0, 3, "Reading " + ct.getName());
		final CtVolume volume = CtFiles.read(ct);
		final BoneSelection bone = BoneSelection.of(mask == null ? null : CtFiles
			.read(mask), labels, boneThresholdHu).withMetalCutoffHu(metalCutoffHu);
		progress(1, 3, "Projecting bone mineral");
		final DensityCalibration calibration = new DensityCalibration(
			slopeMgPerCm3PerHu, interceptMgPerCm3);
		final Drr boneDrr = CtArealBmd.boneMineralDrr(volume, bone, calibration,
			gantryAngleDeg, pixelMm);
		final Drr mineral = mineralFromAllVoxels ? CtArealBmd.boneMineralDrr(volume,
			BoneSelection.all().withMetalCutoffHu(metalCutoffHu), calibration,
			gantryAngleDeg, pixelMm) : boneDrr;
		drr = DrrImages.toImagePlus(volume.name() + "-bone-mineral-drr",
			Collections.singletonList(mineral), new double[] { gantryAngleDeg });
		final List<Roi> rois = rois();
		progress(2, 3, "Measuring areal BMD");
		bmdTable = new ResultsTable();
		final Overlay overlay = new Overlay();
		ArealBmdResult first = null;
		for (final Roi roi : rois)
			requireOnDrr(roi, drr);
		for (final Roi roi : rois.isEmpty() ? Collections.<Roi> singletonList(null)
			: rois)
		{
			final ArealBmdResult r = ArealBmd.measure(mineral, boneDrr, roi == null
				? null : mask(roi, mineral), 0);
			if (first == null) first = r;
			if (roi != null) overlay.add(roi);
			bmdTable.incrementCounter();
			bmdTable.addValue("Region", roi == null ? "whole bone" : roi
				.getName() == null ? "ROI " + bmdTable.size() : roi.getName());
			bmdTable.addValue("Area (cm2)", r.areaCm2());
			bmdTable.addValue("BMC (g)", r.bmcG());
			bmdTable.addValue("aBMD (g/cm2)", r.bmdGPerCm2());
			bmdTable.addValue("T-score", young == null ? Double.NaN : r.tScore(
				young));
			bmdTable.addValue("T reference", young == null ? "" : young.name() +
				" (" + young.source() + ")");
			bmdTable.addValue("Z-score", aged == null ? Double.NaN : r.zScore(aged));
		}
		if (overlay.size() > 0) drr.setOverlay(overlay);
		bmdGPerCm2 = first.bmdGPerCm2();
		bmcG = first.bmcG();
		areaCm2 = first.areaCm2();
		if (young != null) tScore = first.tScore(young);
		if (aged != null) zScore = first.zScore(aged);
		progress(3, 3, "Areal BMD " + String.format(java.util.Locale.ROOT, "%.3f",
			bmdGPerCm2) + " g/cm2");
	}

	/** The ROI file's ROI, else the ROI Manager's ROIs when asked for, else none (whole bone). */
	private List<Roi> rois() {
		if (roiFile != null) {
			final Roi roi = RoiDecoder.open(roiFile.getPath());
			if (roi == null) {
				throw new BoneXRException("Could not read the ROI file " + roiFile + ".",
					"Save the ROI from ImageJ (File>Save As>Selection...) as a .roi file.");
			}
			return Collections.singletonList(roi);
		}
		if (!roisFromRoiManager) return Collections.emptyList();
		final RoiManager manager = RoiManager.getInstance2();
		if (manager == null || manager.getCount() == 0) {
			throw new BoneXRException("The ROI Manager holds no ROIs.",
				"Draw ROIs on a DRR of the same angle and pixel size and add them (Analyze>Tools>ROI Manager, Add), or untick 'ROIs from the ROI Manager'.");
		}
		final List<Roi> rois = new ArrayList<>();
		for (final Roi roi : manager.getRoisAsArray())
			rois.add((Roi) roi.clone());
		return rois;
	}

	private ReferencePopulation youngReference() {
		switch (tReference) {
			case NECK:
				return ReferencePopulation.FEMORAL_NECK_NHANES3_WHITE_WOMEN_20_29;
			case TOTAL_HIP:
				return ReferencePopulation.TOTAL_HIP_NHANES3_WHITE_WOMEN_20_29;
			case CUSTOM:
				return ReferencePopulation.custom(youngMean, youngSd);
			default:
				return null;
		}
	}

	/** Throws unless the ROI overlaps the DRR. */
	private static void requireOnDrr(final Roi roi, final ImagePlus drr) {
		final java.awt.Rectangle b = roi.getBounds();
		if (!b.intersects(new java.awt.Rectangle(0, 0, drr.getWidth(), drr
			.getHeight())))
		{
			throw new BoneXRException("The ROI " + (roi.getName() == null ? ""
				: "'" + roi.getName() + "' ") + "at " + b.x + "," + b.y + " (" +
				b.width + " x " + b.height + " px) lies outside the DRR, which is " +
				drr.getWidth() + " x " + drr.getHeight() + " pixels.",
				"Draw the ROI on a DRR made with the same gantry angle and pixel " +
					"size (e.g. by a first run of this command without ROI) and save it " +
					"from there.");
		}
	}

	/** The ROI as a mask on the DRR's pixel grid (pixel centres inside). */
	private static ArrayImg<BitType, LongArray> mask(final Roi roi,
		final Drr drr)
	{
		final int w = (int) drr.image().dimension(0), h = (int) drr.image()
			.dimension(1);
		final ArrayImg<BitType, LongArray> m = ArrayImgs.bits(w, h);
		final RandomAccess<BitType> ra = m.randomAccess();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (roi.contains(x, y)) {
					ra.setPosition(new int[] { x, y });
					ra.get().set(true);
				}
		return m;
	}
}
