package org.bonexr.jsn;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Roi;

import java.awt.Rectangle;
import java.util.Arrays;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.attenuation.AttenuationConversion;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.kernels.ComputeBackendService;

/**
 * Turns the ImageJ inputs of the joint space commands into a
 * {@link JointImage} and a {@link JointAxis}: intensity radiographs are
 * converted to attenuation; the optional proximal/distal images are
 * <em>masks</em> when they hold only two values (used to place the
 * measurement) and <em>layers</em> otherwise (used to place it and to find
 * each margin in its own layer); the region comes from the image's ROI
 * (rectangle, or a line across the joint), else from the text "x,y,w,h",
 * else from the masks or layers.
 */
final class JointSpaceInputs {

	private JointSpaceInputs() {}

	/**
	 * Java heap per pixel of each input image: its float copy, the attenuation
	 * conversion's arrays and the joint image (four floats).
	 */
	static final double HEAP_BYTES_PER_PIXEL = 4 * Float.BYTES;

	/**
	 * Refuses, before any work, input images that would not fit the Java heap
	 * ({@link MemoryBudget}).
	 *
	 * @param job e.g. "Measuring the joint space"
	 * @param images the inputs (null entries are skipped)
	 */
	static void requireMemory(final String job, final ImagePlus... images) {
		long pixels = 0;
		ImagePlus first = null;
		for (final ImagePlus imp : images) {
			if (imp == null) continue;
			if (first == null) first = imp;
			pixels += (long) imp.getWidth() * imp.getHeight();
		}
		if (first == null) return;
		MemoryBudget.require(job + " on " + MemoryBudget.image(first.getWidth(), first.getHeight()), pixels,
			HEAP_BYTES_PER_PIXEL);
	}

	static Radiograph attenuation(final ImagePlus imp,
		final ComputeBackendService compute, final double i0)
	{
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(imp);
		return r.domain() == ValueDomain.ATTENUATION ? r
			: new AttenuationConversion(compute).convert(r, i0, false).attenuation;
	}

	static boolean isMask(final ImagePlus imp) {
		final float[] v = RealPixels.copy(ImagePlusRadiographs.fromImagePlus(imp)
			.pixels());
		final float first = v[0];
		float other = Float.NaN;
		for (final float x : v) {
			if (x == first) continue;
			if (Float.isNaN(other)) other = x;
			else if (x != other) return false;
		}
		return true;
	}

	/** Binary mask of a layer: above a quarter of its 99.5th percentile. */
	static net.imglib2.img.Img<net.imglib2.type.numeric.real.FloatType> mask(
		final Radiograph layerOrMask)
	{
		final float[] v = RealPixels.copy(layerOrMask.pixels());
		final float[] s = v.clone();
		Arrays.sort(s);
		final float min = s[0];
		final float high = s[(int) Math.min(s.length - 1, Math.floor(0.995 *
			s.length))];
		final float threshold = min + 0.25f * (high - min);
		final float[] m = new float[v.length];
		for (int i = 0; i < v.length; i++)
			m[i] = v[i] > threshold ? 1 : 0;
		return ArrayImgs.floats(m, layerOrMask.width(), layerOrMask.height());
	}

	/** The region to measure; see the class description. */
	/** x, after checking that the rectangle overlaps the image. */
	private static double inside(final ImagePlus image, final double x,
		final double y, final double w, final double h)
	{
		if (x >= image.getWidth() || y >= image.getHeight() || x + w <= 0 || y +
			h <= 0)
		{
			throw new BoneXRException(String.format(Locale.ROOT,
				"The region %.0f,%.0f,%.0f,%.0f (x,y,width,height px) lies outside " +
					"'%s', which is %d x %d pixels.", x, y, w, h, image.getTitle(), image
						.getWidth(), image.getHeight()),
				"Draw the rectangle (or line) across the joint inside the image, or " +
					"give region=x,y,width,height within it.");
		}
		return x;
	}

	static JointAxis axis(final ImagePlus image, final String region,
		final int lineHalfWidthPx, final Radiograph proximal,
		final Radiograph distal)
	{
		final JointAxis given = region(image, region, lineHalfWidthPx);
		if (given != null) return given;
		if (proximal != null && distal != null) {
			return JointAxis.fromMasks(mask(proximal), mask(distal));
		}
		throw new BoneXRException("No joint region on '" + image.getTitle() +
			"'.", "Draw a rectangle or a line across the joint (from one bone " +
				"to the other), give region=x,y,width,height, or give the two " +
				"bone layers or masks (or separate the layers first) for " +
				"automatic placement.");
	}

	/**
	 * The region the user gave: the image's ROI (rectangle, or a line across
	 * the joint), else the text "x,y,w,h"; null when neither.
	 */
	static JointAxis region(final ImagePlus image, final String region,
		final int lineHalfWidthPx)
	{
		final Roi roi = image.getRoi();
		if (roi instanceof Line) {
			final Line l = (Line) roi;
			final int half = lineHalfWidthPx > 0 ? lineHalfWidthPx : (int) Math
				.max(1, Math.round(l.getLength() / 2));
			return JointAxis.ofLine(l.x1d, l.y1d, l.x2d, l.y2d, half);
		}
		if (roi != null && roi.isArea()) {
			final Rectangle b = roi.getBounds();
			return JointAxis.ofRectangle(inside(image, b.x, b.y, b.width, b.height),
				b.y, b.width, b.height);
		}
		if (region != null && !region.trim().isEmpty()) {
			final String[] p = region.trim().split("\\s*,\\s*");
			try {
				if (p.length != 4) throw new NumberFormatException();
				final double x = Double.parseDouble(p[0]), y = Double.parseDouble(p[1]),
					w = Double.parseDouble(p[2]), h = Double.parseDouble(p[3]);
				return JointAxis.ofRectangle(inside(image, x, y, w, h), y, w, h);
			}
			catch (final NumberFormatException e) {
				throw new BoneXRException(String.format(Locale.ROOT,
					"Region '%s' is not x,y,width,height.", region),
					"Give the rectangle across the joint as four numbers in pixels, " +
						"e.g. region=100,150,60,50.");
			}
		}
		return null;
	}
}
