package org.bonexr.core.io;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * Converts between ImageJ 1 {@link ImagePlus} and {@link Radiograph}, keeping
 * the calibration.
 * <p>
 * From ImagePlus: 8-, 16- and 32-bit single images; the calibration function
 * (e.g. DICOM rescale slope/intercept, signed 16-bit offset) is applied, so
 * values are the calibrated ones; spacing is taken from the calibration when
 * its unit is a length (nm, µm, mm, cm, m, inch), else unknown (px) with a
 * warning. The value domain is read from the image property
 * {@value #DOMAIN_PROPERTY} that BoneXR sets on its outputs (an ImageJ
 * image property, kept in TIFF files); images without it are taken as raw
 * intensity. A MONOCHROME1 DICOM opened by ImageJ (stored values shown with
 * an inverted LUT) is inverted within its stored range, as
 * {@link DicomRadiographs} reads it, so that values grow with detected
 * intensity. The input's pixels are copied, never shared.
 */
public final class ImagePlusRadiographs {

	/** Image property naming the {@link ValueDomain} of a BoneXR output. */
	public static final String DOMAIN_PROPERTY = "BoneXR.domain";

	private ImagePlusRadiographs() {}

	/** Converts a single 8/16/32-bit image; see the class description. */
	public static Radiograph fromImagePlus(final ImagePlus imp) {
		checkSingleGreyImage(imp);
		final ImageProcessor ip = imp.getProcessor();
		final int w = ip.getWidth();
		final int h = ip.getHeight();
		final Calibration cal = imp.getCalibration();
		final float[] values = new float[w * h];
		final double monochrome1Max = monochrome1StoredMax(imp);
		int nonFinite = 0;
		for (int i = 0; i < values.length; i++) {
			final float stored = ip.getf(i);
			final float raw = Double.isNaN(monochrome1Max) ? stored
				: (float) (monochrome1Max - stored);
			final float v = imp.getBitDepth() == 32 ? raw : (float) cal.getCValue(
				raw);
			if (!Float.isFinite(v)) nonFinite++;
			values[i] = v;
		}
		if (nonFinite > 0) {
			throw new BoneXRException("Image '" + imp.getTitle() + "' has " +
				nonFinite + " pixels that are NaN or infinite.",
				"Replace them first, e.g. Process>Math>Remove NaNs..., or crop them away.");
		}
		final List<String> warnings = new ArrayList<>();
		final PixelSpacing spacing = spacingOf(cal, imp.getTitle(), warnings);
		final ArrayImg<FloatType, FloatArray> pixels = ArrayImgs.floats(values, w,
			h);
		return new Radiograph(imp.getTitle(), pixels, spacing, domainOf(imp),
			warnings);
	}

	/**
	 * A new 32-bit ImagePlus with the radiograph's pixels, spacing (unit mm, or
	 * pixel when unknown) and domain property.
	 */
	public static ImagePlus toImagePlus(final Radiograph r, final String title) {
		final int w = Math.toIntExact(r.width());
		final int h = Math.toIntExact(r.height());
		final float[] values = new float[w * h];
		int i = 0;
		for (final FloatType t : Views.flatIterable(r.pixels()))
			values[i++] = t.get();
		final ImagePlus imp = new ImagePlus(title,
			new ij.process.FloatProcessor(w, h, values));
		final Calibration cal = imp.getCalibration();
		if (r.spacing().isKnown()) {
			cal.pixelWidth = r.spacing().xMm();
			cal.pixelHeight = r.spacing().yMm();
			cal.setUnit("mm");
		}
		imp.setProp(DOMAIN_PROPERTY, r.domain().name());
		imp.resetDisplayRange();
		return imp;
	}

	/** Throws unless the image is one 8/16/32-bit grey image. */
	public static void checkSingleGreyImage(final ImagePlus imp) {
		if (imp == null) {
			throw new BoneXRException("No image is open.",
				"Open a radiograph first (File>Open...).");
		}
		if (imp.getBitDepth() == 24 || imp.isComposite() && imp
			.getNChannels() > 1)
		{
			throw new BoneXRException("Image '" + imp.getTitle() +
				"' is a colour image; radiographs are grey.",
				"Convert it with Image>Type>32-bit (or 16-bit) first.");
		}
		if (imp.getStackSize() > 1) {
			throw new BoneXRException("Image '" + imp.getTitle() + "' is a stack of " +
				imp.getStackSize() + " images, but a single radiograph is expected.",
				"Pick one slice with Image>Duplicate... or run the command on each slice (e.g. from a macro).");
		}
	}

	/**
	 * For a MONOCHROME1 DICOM as ImageJ's DICOM reader opens it (stored values,
	 * inverted LUT): the largest stored value 2^BitsStored − 1, within which
	 * values are inverted as {@link DicomRadiographs} does; else NaN.
	 */
	private static double monochrome1StoredMax(final ImagePlus imp) {
		final String info = imp.getInfoProperty();
		if (info == null || !imp.isInvertedLut() || imp.getBitDepth() == 32 ||
			!info.contains("MONOCHROME1")) return Double.NaN;
		final DicomHeader tags = new DicomHeader(info);
		if (!"MONOCHROME1".equals(tags.get("0028,0004"))) return Double.NaN;
		return Math.pow(2, tags.number("0028,0101", imp.getBitDepth())) - 1;
	}

	private static PixelSpacing spacingOf(final Calibration cal,
		final String title, final List<String> warnings)
	{
		final double toMm = LengthUnits.mmPer(cal.getUnit());
		if (!cal.scaled() || Double.isNaN(toMm)) {
			warnings.add("Image '" + title +
				"' has no pixel spacing: lengths are in pixels (px), not mm. " +
				"Set the pixel size with Image>Properties... to measure in mm.");
			return PixelSpacing.UNKNOWN;
		}
		return PixelSpacing.mm(cal.pixelWidth * toMm, cal.pixelHeight * toMm);
	}

	private static ValueDomain domainOf(final ImagePlus imp) {
		final String p = imp.getProp(DOMAIN_PROPERTY);
		return p == null ? ValueDomain.INTENSITY : ValueDomain.valueOf(p);
	}
}
