package org.bonexr.ct;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.plugin.FolderOpener;
import ij.process.ImageProcessor;
import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.LengthUnits;

/**
 * CT volumes through ImageJ 1: TIFF stacks with calibration, DICOM series in a
 * folder (ImageJ's {@link FolderOpener}, which sorts the slices), or any 8-,
 * 16- or 32-bit {@link ImagePlus} stack of at least two slices, without NaN
 * or infinite values.
 * <p>
 * Voxel size from the calibration (pixel width, height, depth) converted to
 * mm from its unit (mm, µm, cm, m, inch); a stack calibrated in pixels is
 * refused. Values pass through the calibration function, so 16-bit DICOM gets
 * its rescale slope/intercept (HU). For DICOM, direction and origin come from
 * Image Orientation/Position (Patient) (0020,0037)/(0020,0032) of the first
 * and last slice; otherwise the direction is the identity and the origin is
 * the calibration's origin.
 */
public final class ImageJCtReader {

	private static final String IOP = "0020,0037";
	private static final String IPP = "0020,0032";

	private ImageJCtReader() {}

	/** Opens a stack file (TIFF, or anything ImageJ 1 opens) as a CT volume. */
	public static CtVolume readFile(final Path file) {
		final ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) {
			throw new BoneXRException("ImageJ could not open " + file +
				" as an image stack.",
				"Open a TIFF stack, a NIfTI (.nii, .nii.gz), a MetaImage (.mha/.mhd) or a folder of DICOM slices.");
		}
		return fromImagePlus(imp);
	}

	/** Opens the DICOM slices in {@code folder} as one volume. */
	public static CtVolume readDicomSeries(final Path folder) {
		final ImagePlus imp = FolderOpener.open(folder.toString());
		if (imp == null || imp.getStackSize() < 1) {
			throw new BoneXRException("No image slices were found in " + folder +
				".", "Choose the folder that holds the DICOM files of one CT series.");
		}
		return fromImagePlus(imp);
	}

	/** The CT volume of an 8-, 16- or 32-bit stack, values through its calibration function. */
	public static CtVolume fromImagePlus(final ImagePlus imp) {
		final String name = imp.getTitle();
		if (imp.getBitDepth() == 24) {
			throw new BoneXRException("'" + name + "' is an RGB image, not a CT.",
				"Open the CT as 8-, 16- or 32-bit grey values.");
		}
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
			throw new BoneXRException("'" + name + "' has several channels or " +
				"time points.", "Pick one 3D volume (Image>Duplicate...).");
		}
		if (imp.getStackSize() < 2) {
			throw new BoneXRException("'" + name + "' is a single 2D image, but a " +
				"CT volume (a stack of slices) is expected.",
				"Open the whole CT series (File>Import>Image Sequence... for a " +
					"folder of DICOM slices) or a CT stack file (NIfTI, MetaImage, TIFF).");
		}
		final Calibration cal = imp.getCalibration();
		final double toMm = unitToMm(name, cal.getUnit());
		final double[] spacing = { cal.pixelWidth * toMm, cal.pixelHeight * toMm,
			cal.pixelDepth * toMm };
		final ImageStack stack = imp.getStack();
		final int w = imp.getWidth();
		final int h = imp.getHeight();
		final int n = stack.getSize();
		final float[] voxels = new float[Math.multiplyExact(w * h, n)];
		final float[] table = imp.getBitDepth() == 32 ? null : cal.getCTable();
		long nonFinite = 0;
		for (int z = 0; z < n; z++) {
			final ImageProcessor ip = stack.getProcessor(z + 1);
			final int offset = z * w * h;
			for (int i = 0; i < w * h; i++) {
				final float v = table == null ? ip.getf(i) : table[ip.get(i)];
				if (!Float.isFinite(v)) nonFinite++;
				voxels[offset + i] = v;
			}
		}
		if (nonFinite > 0) {
			throw new BoneXRException("The CT '" + name + "' has " + nonFinite +
				" voxels that are NaN or infinite.",
				"Replace them first (e.g. Process>Math>Remove NaNs... on each slice, or set them to -1000 HU, air).");
		}
		final double[] origin = { -cal.xOrigin * spacing[0], -cal.yOrigin *
			spacing[1], -cal.zOrigin * spacing[2] };
		double[] direction = null;
		final double[] iop = dicomNumbers(stack.getSliceLabel(1), IOP, 6);
		final double[] first = dicomNumbers(stack.getSliceLabel(1), IPP, 3);
		if (iop != null && first != null) {
			direction = dicomDirection(iop, first, dicomNumbers(stack.getSliceLabel(
				n), IPP, 3));
			System.arraycopy(first, 0, origin, 0, 3);
		}
		return new CtVolume(name, ArrayImgs.floats(voxels, w, h, n), spacing,
			origin, direction);
	}

	/** Rows: DICOM row direction, column direction, slice direction (first → last slice). */
	private static double[] dicomDirection(final double[] iop,
		final double[] first, final double[] last)
	{
		final double[] normal = { iop[1] * iop[5] - iop[2] * iop[4], iop[2] *
			iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3] };
		if (last != null) {
			final double along = (last[0] - first[0]) * normal[0] + (last[1] -
				first[1]) * normal[1] + (last[2] - first[2]) * normal[2];
			if (along < 0) {
				for (int i = 0; i < 3; i++)
					normal[i] = -normal[i];
			}
		}
		return new double[] { iop[0], iop[1], iop[2], iop[3], iop[4], iop[5],
			normal[0], normal[1], normal[2] };
	}

	/** Numbers of a DICOM tag in ImageJ's header text ("0020,0032  Name: a\b\c"), or null. */
	static double[] dicomNumbers(final String info, final String tag,
		final int count)
	{
		if (info == null) return null;
		for (final String line : info.split("\n")) {
			if (!line.startsWith(tag)) continue;
			final int colon = line.indexOf(':');
			if (colon < 0) return null;
			final String[] parts = line.substring(colon + 1).trim().split("\\\\");
			if (parts.length != count) return null;
			final double[] out = new double[count];
			try {
				for (int i = 0; i < count; i++)
					out[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				return null;
			}
			return out;
		}
		return null;
	}

	private static double unitToMm(final String name, final String unit) {
		final double mm = LengthUnits.mmPer(unit);
		if (Double.isNaN(mm)) {
			throw new BoneXRException("The stack '" + name +
				"' has no voxel size (its unit is '" + unit + "').",
				"Set the voxel width, height and depth in mm (Image>Properties...) and try again.");
		}
		return mm;
	}
}
