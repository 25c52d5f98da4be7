package org.bonexr.separation;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.attenuation.AttenuationConversion;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;

/**
 * What the separation commands share: the radiograph (whole image or the
 * bounding box of its ROI) in the attenuation domain, the model (a file or
 * the shipped one, through the {@link ModelService} cache), masks as ROIs.
 */
final class SeparationInputs {

	/** Choices of the "input values" parameter. */
	static final String AUTO = "auto (image property)", ATTENUATION =
		"attenuation", INTENSITY = "intensity";

	private SeparationInputs() {}

	/**
	 * The image (not modified) as an attenuation radiograph cropped to the
	 * bounding box of its ROI; intensity images are converted (Beer–Lambert,
	 * I0 estimated on the whole image) by the compute backend.
	 */
	/**
	 * Java heap per pixel of the region separated (the ROI's bounding box or
	 * the whole image): the network's five output channels, tile buffers,
	 * blending weights and the command's output images. Measured by bisecting
	 * {@code -Xmx}: {@code bin/bonexr run "Separate Bone Layers"} on a 2048 ×
	 * 2731 phantom (5.6 Mpx) completes with a 408 MB heap and fails with
	 * 352 MB; this figure with {@link #HEAP_BYTES_PER_IMAGE_PIXEL} asks for
	 * 447 MB there.
	 */
	static final double HEAP_BYTES_PER_REGION_PIXEL = 64;

	/** Java heap per pixel of the whole image: its float copy and attenuation conversion. */
	static final double HEAP_BYTES_PER_IMAGE_PIXEL = 16;

	/**
	 * Refuses, before any work, an image whose separation would not fit the
	 * Java heap ({@link MemoryBudget}); an ROI too small is refused first
	 * ({@link #bounds}).
	 *
	 * @param job e.g. "Separating the bone layers"
	 */
	static void requireMemory(final ImagePlus image, final String job) {
		final long whole = (long) image.getWidth() * image.getHeight();
		final Rectangle roi = bounds(image);
		final Rectangle b = roi != null ? roi : new Rectangle(0, 0, image.getWidth(), image.getHeight());
		final long region = (long) b.width * b.height;
		MemoryBudget.require(job + " of " + MemoryBudget.image(b.width, b.height), (long) Math.ceil(region *
			HEAP_BYTES_PER_REGION_PIXEL + whole * HEAP_BYTES_PER_IMAGE_PIXEL));
	}

	static Radiograph attenuation(final ImagePlus image, final String values,
		final ComputeBackendService compute)
	{
		Radiograph r = ImagePlusRadiographs.fromImagePlus(image);
		final ValueDomain domain = ATTENUATION.equals(values)
			? ValueDomain.ATTENUATION : INTENSITY.equals(values)
				? ValueDomain.INTENSITY : r.domain();
		r = r.withPixels(r.pixels(), domain);
		if (domain == ValueDomain.INTENSITY) {
			r = new AttenuationConversion(compute).convert(r, 0, false).attenuation;
		}
		final Rectangle b = bounds(image);
		if (b == null) return r;
		return r.withPixels(copy(Views.zeroMin(Views.interval(r.pixels(),
			new long[] { b.x, b.y }, new long[] { b.x + b.width - 1, b.y + b.height -
				1 }))), r.domain());
	}

	/** Bounding box of the image's area ROI clipped to the image, or null. */
	static Rectangle bounds(final ImagePlus image) {
		final Roi roi = image.getRoi();
		if (roi == null || !roi.isArea()) return null;
		final Rectangle b = roi.getBounds().intersection(new Rectangle(0, 0, image
			.getWidth(), image.getHeight()));
		if (b.width < 16 || b.height < 16) {
			throw new BoneXRException("The ROI on '" + image.getTitle() + "' covers " +
				Math.max(b.width, 0) + " x " + Math.max(b.height, 0) +
				" pixels of the image; the separation needs at least 16 x 16.",
				"Draw the ROI around the joint, or remove it to use the whole image.");
		}
		return b;
	}

	/**
	 * Masks from a label image (1 upper, 2 lower, 3 both) of the image's size
	 * (cropped to the ROI) or of the ROI's size; null for none: no image, an
	 * empty one (what a headless run fills an optional image with) or the
	 * radiograph itself (what a dialog offers first).
	 */
	static BoneMasks masks(final ImagePlus labels, final ImagePlus image,
		final Radiograph cropped)
	{
		if (labels == null || labels.getProcessor() == null || labels == image) {
			return null;
		}
		ImagePlusRadiographs.checkSingleGreyImage(labels);
		final Radiograph l = ImagePlusRadiographs.fromImagePlus(labels);
		RandomAccessibleInterval<FloatType> px = l.pixels();
		final Rectangle b = bounds(image);
		if (b != null && l.width() == image.getWidth() && l.height() == image
			.getHeight())
		{
			px = Views.zeroMin(Views.interval(px, new long[] { b.x, b.y },
				new long[] { b.x + b.width - 1, b.y + b.height - 1 }));
		}
		return BoneMasks.fromLabels(px, cropped.width(), cropped.height());
	}

	/**
	 * The model (zip, folder, or a folder's rdf.yaml), or the shipped demo
	 * model when null or empty.
	 */
	static SeparationModel model(final File file, final ModelService models) {
		Path p = file == null || file.getPath().isEmpty() ? ShippedModel.path()
			: file.toPath();
		if (p.getFileName().toString().endsWith(".yaml") && p.getParent() != null) {
			p = p.getParent();
		}
		return new SeparationModel(models.get(p));
	}

	/** Label image (1 upper, 2 lower, 3 both) with the radiograph's spacing. */
	static ImagePlus labelImage(final BoneMasks m, final Radiograph r,
		final String title)
	{
		final Img<UnsignedByteType> labels = m.labels();
		final ImagePlus imp = ImagePlusRadiographs.toImagePlus(r.withPixels(copy(
			labels), r.domain()), title);
		final ImagePlus bytes = new ImagePlus(title, imp.getProcessor()
			.convertToByte(false));
		bytes.setCalibration(imp.getCalibration());
		bytes.setDisplayRange(0, 3);
		return bytes;
	}

	/** Adds both masks to the ROI Manager unless running headless. */
	static void toRoiManager(final BoneMasks m, final ImagePlus image) {
		if (GraphicsEnvironment.isHeadless()) return;
		final Rectangle b = bounds(image);
		// a batch-mode macro has its own ROI Manager; commands run on another
		// thread than the macro, so RoiManager.getRoiManager() would miss it
		final RoiManager batch = Interpreter.isBatchMode() ? Interpreter
			.getBatchModeRoiManager() : null;
		final RoiManager rm = batch != null ? batch : RoiManager.getRoiManager();
		for (final boolean upper : new boolean[] { true, false }) {
			final Roi roi = roi(upper ? m.upper() : m.lower(), (int) m.width(),
				(int) m.height());
			if (roi == null) continue;
			if (b != null) roi.setLocation(roi.getXBase() + b.x, roi.getYBase() + b.y);
			roi.setName(upper ? "upper (distal) bone" : "lower (proximal) bone");
			rm.addRoi(roi);
		}
	}

	private static Roi roi(final Img<UnsignedByteType> mask, final int w,
		final int h)
	{
		final ByteProcessor bp = new ByteProcessor(w, h);
		int i = 0;
		for (final UnsignedByteType t : mask) bp.set(i++, t.get() * 255);
		bp.setThreshold(255, 255, ByteProcessor.NO_LUT_UPDATE);
		return ThresholdToSelection.run(new ImagePlus("mask", bp));
	}

	static Img<FloatType> copy(
		final RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> img)
	{
		return Pixels.image(Pixels.floats(img), img.dimension(0), img.dimension(1));
	}

	static String stem(final String title) {
		final int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
