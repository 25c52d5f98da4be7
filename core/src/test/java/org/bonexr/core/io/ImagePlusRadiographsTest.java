package org.bonexr.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.Test;

class ImagePlusRadiographsTest {

	@Test
	void sixteenBitKeepsCalibrationFunctionAndSpacingInCentimetres() {
		final ShortProcessor ip = new ShortProcessor(4, 3);
		ip.set(1, 2, 1000);
		final ImagePlus imp = new ImagePlus("cr", ip);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.01;
		cal.pixelHeight = 0.02;
		cal.setUnit("cm");
		cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { -5, 0.5 },
			"Gray Value");
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(imp);
		assertEquals(PixelSpacing.mm(0.1, 0.2), r.spacing());
		assertEquals(-5 + 0.5 * 1000, r.pixels().randomAccess().setPositionAndGet(
			1, 2).get(), 1e-6);
		assertEquals(ValueDomain.INTENSITY, r.domain());
	}

	@Test
	void eightBitWithoutCalibrationIsInPixelsWithAWarning() {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(5, 5));
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(imp);
		assertFalse(r.spacing().isKnown());
		assertEquals(1, r.warnings().size());
	}

	@Test
	void roundTripKeepsPixelsSpacingAndDomain() {
		final float[] values = { 1, 2, 3, 4, 5, 6 };
		final ImagePlus imp = new ImagePlus("f", new FloatProcessor(3, 2, values
			.clone()));
		imp.getCalibration().pixelWidth = 0.05;
		imp.getCalibration().pixelHeight = 0.05;
		imp.getCalibration().setUnit("mm");
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(imp);
		final Radiograph a = r.withPixels(r.pixels(), ValueDomain.ATTENUATION);
		final ImagePlus back = ImagePlusRadiographs.toImagePlus(a, "back");
		assertArrayEquals(values, (float[]) back.getProcessor().getPixels());
		assertEquals("mm", back.getCalibration().getUnit());
		assertEquals(0.05, back.getCalibration().pixelWidth);
		assertEquals(ValueDomain.ATTENUATION, ImagePlusRadiographs.fromImagePlus(
			back).domain());
	}

	@Test
	void domainSurvivesATiffFile(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(new ImagePlus("f",
			new FloatProcessor(2, 2)));
		final String path = dir.resolve("a.tif").toString();
		ij.IJ.saveAsTiff(ImagePlusRadiographs.toImagePlus(r.withPixels(r.pixels(),
			ValueDomain.ATTENUATION), "a"), path);
		assertEquals(ValueDomain.ATTENUATION, ImagePlusRadiographs.fromImagePlus(
			ij.IJ.openImage(path)).domain());
	}

	@Test
	void inputPixelsAreCopiedNotShared() {
		final float[] values = { 1, 2, 3, 4 };
		final ImagePlus imp = new ImagePlus("f", new FloatProcessor(2, 2, values));
		final Radiograph r = ImagePlusRadiographs.fromImagePlus(imp);
		for (final FloatType t : net.imglib2.view.Views.iterable(r.pixels()))
			t.set(-1);
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, values);
	}

	@Test
	void rgbStackAndNaNAreRefusedWithTheFix() {
		final BoneXRException rgb = assertThrows(BoneXRException.class,
			() -> ImagePlusRadiographs.fromImagePlus(new ImagePlus("rgb",
				new ColorProcessor(3, 3))));
		assertTrue(rgb.fix().contains("Image>Type"), rgb.getMessage());
		final ImageStack stack = new ImageStack(3, 3);
		stack.addSlice(new FloatProcessor(3, 3));
		stack.addSlice(new FloatProcessor(3, 3));
		final BoneXRException st = assertThrows(BoneXRException.class,
			() -> ImagePlusRadiographs.fromImagePlus(new ImagePlus("s", stack)));
		assertTrue(st.problem().contains("stack of 2"), st.getMessage());
		final FloatProcessor nan = new FloatProcessor(3, 3);
		nan.setf(1, 1, Float.NaN);
		nan.setf(2, 1, Float.POSITIVE_INFINITY);
		final BoneXRException n = assertThrows(BoneXRException.class,
			() -> ImagePlusRadiographs.fromImagePlus(new ImagePlus("n", nan)));
		assertTrue(n.problem().contains("2 pixels"), n.getMessage());
		assertTrue(n.fix().contains("Remove NaNs"), n.getMessage());
	}
}
