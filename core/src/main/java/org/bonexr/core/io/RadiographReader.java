package org.bonexr.core.io;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;

/**
 * Reads a radiograph file: DICOM through {@link DicomRadiographs}, anything
 * else ImageJ 1 opens (TIFF with calibration, PNG, JPEG, ...) through
 * {@link ImagePlusRadiographs}.
 */
public final class RadiographReader {

	private RadiographReader() {}

	public static Radiograph read(final Path file) {
		checkReadable(file);
		if (DicomRadiographs.isDicom(file)) return DicomRadiographs.read(file);
		return ImagePlusRadiographs.fromImagePlus(openWithImageJ(file));
	}

	/**
	 * Reads the file as an ImagePlus for a command: DICOM converted by BoneXR's
	 * rules (32-bit, calibrated), other files as ImageJ opens them.
	 */
	public static ImagePlus readImagePlus(final Path file) {
		checkReadable(file);
		if (DicomRadiographs.isDicom(file)) {
			final Radiograph r = DicomRadiographs.read(file);
			return ImagePlusRadiographs.toImagePlus(r, r.name());
		}
		return openWithImageJ(file);
	}

	/**
	 * Throws unless the file can be read and its pixels (at least the file's
	 * size) fit the Java heap: ImageJ's opener would otherwise fail with an
	 * out-of-memory error or say nothing.
	 */
	private static void checkReadable(final Path file) {
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new BoneXRException("Cannot read '" + file + "'.",
				"Check the path and that the file exists and is readable.");
		}
		try {
			MemoryBudget.require("Opening '" + file.getFileName() + "'", Files.size(
				file));
		}
		catch (final java.io.IOException e) {
			throw new BoneXRException("Cannot read '" + file + "': " + e
				.getMessage(), "Check that the file is readable.", e);
		}
	}

	private static ImagePlus openWithImageJ(final Path file) {
		final ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) {
			throw new BoneXRException("'" + file.getFileName() +
				"' is not an image ImageJ can open.",
				"Use TIFF, PNG, JPEG or DICOM; in Fiji, other formats open with File>Import>Bio-Formats.");
		}
		return imp;
	}
}
