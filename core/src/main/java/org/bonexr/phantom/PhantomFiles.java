package org.bonexr.phantom;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.ct.CtVolume;

/**
 * Writes phantom images as calibrated TIFFs (ImageJ 1: pixel size in mm,
 * unit "mm") and text files. Stacks hold one slice per named image.
 */
final class PhantomFiles {

	private PhantomFiles() {}

	/** 32-bit TIFF, one slice per image, all of the same size. */
	@SafeVarargs
	static <T extends RealType<T>> void saveFloat(final Path file,
		final double pixelMm, final String[] labels,
		final RandomAccessibleInterval<T>... images)
	{
		final int w = (int) images[0].dimension(0), h = (int) images[0].dimension(
			1);
		final ImageStack stack = new ImageStack(w, h);
		for (int s = 0; s < images.length; s++) {
			stack.addSlice(labels[s], new FloatProcessor(w, h, RealPixels.copy(
				images[s])));
		}
		save(file, new ImagePlus(file.getFileName().toString(), stack), pixelMm,
			pixelMm);
	}

	/**
	 * A radiograph in the attenuation domain as a 32-bit TIFF, marked as such
	 * so that BoneXR commands read it as attenuation.
	 */
	static <T extends RealType<T>> void saveAttenuation(final Path file,
		final double pixelMm, final String label,
		final RandomAccessibleInterval<T> attenuation)
	{
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(),
			new FloatProcessor((int) attenuation.dimension(0), (int) attenuation
				.dimension(1), RealPixels.copy(attenuation)));
		imp.getStack().setSliceLabel(label, 1);
		imp.setProp(ImagePlusRadiographs.DOMAIN_PROPERTY, ValueDomain.ATTENUATION
			.name());
		save(file, imp, pixelMm, pixelMm);
	}

	/**
	 * Detected intensities (photon counts) as the detector would store them:
	 * a 16-bit TIFF, rounded and clipped to 0..65535.
	 */
	static <T extends RealType<T>> void saveIntensity16(final Path file,
		final double pixelMm, final RandomAccessibleInterval<T> intensity)
	{
		final float[] f = RealPixels.copy(intensity);
		final short[] counts = new short[f.length];
		for (int i = 0; i < f.length; i++)
			counts[i] = (short) Math.max(0, Math.min(65535, Math.round(f[i])));
		save(file, new ImagePlus(file.getFileName().toString(), new ShortProcessor(
			(int) intensity.dimension(0), (int) intensity.dimension(1), counts,
			null)), pixelMm, pixelMm);
	}

	/** 8-bit TIFF of 0/255 masks, one slice per mask. */
	@SafeVarargs
	static <T extends RealType<T>> void saveMasks(final Path file,
		final double pixelMm, final String[] labels,
		final RandomAccessibleInterval<T>... masks)
	{
		final int w = (int) masks[0].dimension(0), h = (int) masks[0].dimension(1);
		final ImageStack stack = new ImageStack(w, h);
		for (int s = 0; s < masks.length; s++) {
			final float[] f = RealPixels.copy(masks[s]);
			final byte[] b = new byte[f.length];
			for (int i = 0; i < f.length; i++) b[i] = (byte) (f[i] != 0 ? 255 : 0);
			stack.addSlice(labels[s], new ByteProcessor(w, h, b));
		}
		save(file, new ImagePlus(file.getFileName().toString(), stack), pixelMm,
			pixelMm);
	}

	/**
	 * A CT volume as a 16-bit TIFF stack with ImageJ's signed 16-bit
	 * calibration (stored value − 32768 = HU, rounded), voxel size in mm.
	 */
	static void saveCtHu(final Path file, final CtVolume ct) {
		final int w = (int) ct.dimension(0), h = (int) ct.dimension(1), d =
			(int) ct.dimension(2);
		final float[] all = RealPixels.copy(ct.voxels());
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final short[] s = new short[w * h];
			for (int i = 0; i < s.length; i++) {
				s[i] = (short) (Math.round(all[z * w * h + i]) + 32768);
			}
			stack.addSlice(null, new ShortProcessor(w, h, s, null));
		}
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.getCalibration().setSigned16BitCalibration();
		imp.getCalibration().setValueUnit("HU");
		saveVolume(file, imp, ct);
	}

	/** A 0/1 volume as an 8-bit (0/255) TIFF stack. */
	static void saveMaskVolume(final Path file, final CtVolume mask) {
		final int w = (int) mask.dimension(0), h = (int) mask.dimension(1), d =
			(int) mask.dimension(2);
		final float[] all = RealPixels.copy(mask.voxels());
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final byte[] b = new byte[w * h];
			for (int i = 0; i < b.length; i++) {
				b[i] = (byte) (all[z * w * h + i] != 0 ? 255 : 0);
			}
			stack.addSlice(null, new ByteProcessor(w, h, b));
		}
		saveVolume(file, new ImagePlus(file.getFileName().toString(), stack),
			mask);
	}

	private static void saveVolume(final Path file, final ImagePlus imp,
		final CtVolume geometry)
	{
		final double[] sp = geometry.spacingMm();
		final double[] origin = geometry.originMm();
		final Calibration cal = imp.getCalibration();
		cal.pixelDepth = sp[2];
		// ImageJ: calibrated x = (pixel index − xOrigin)·pixelWidth
		cal.xOrigin = -origin[0] / sp[0];
		cal.yOrigin = -origin[1] / sp[1];
		cal.zOrigin = -origin[2] / sp[2];
		save(file, imp, sp[0], sp[1]);
	}

	private static void save(final Path file, final ImagePlus imp,
		final double pw, final double ph)
	{
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = pw;
		cal.pixelHeight = ph;
		if (cal.pixelDepth == 1 && imp.getStackSize() == 1) cal.pixelDepth = pw;
		cal.setUnit("mm");
		mkdirs(file.getParent());
		if (!IJ.saveAsTiff(imp, file.toString())) {
			throw new BoneXRException("Could not write " + file + ".",
				"Check that the folder is writable and the disk not full.");
		}
	}

	static void saveText(final Path file, final String text) {
		mkdirs(file.getParent());
		try {
			Files.write(file, text.getBytes(StandardCharsets.UTF_8));
		}
		catch (final IOException e) {
			throw new BoneXRException("Could not write " + file + ": " + e
				.getMessage(), "Check that the folder is writable.", e);
		}
	}

	private static void mkdirs(final Path dir) {
		if (dir == null) return;
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new BoneXRException("Could not create the folder " + dir + ": " +
				e.getMessage(), "Choose a writable output folder.", e);
		}
	}
}
