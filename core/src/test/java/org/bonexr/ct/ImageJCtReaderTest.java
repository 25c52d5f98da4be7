package org.bonexr.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CT volumes from ImageJ 1 stacks: TIFF calibration, 16-bit calibration function, DICOM geometry. */
class ImageJCtReaderTest {

	@TempDir
	Path tmp;

	/** 16-bit stack, raw = x + 10y + 100z + 32768 (as ImageJ stores signed DICOM). */
	private static ImagePlus stack(final String unit, final double pw,
		final double pd)
	{
		final ImageStack s = new ImageStack(4, 3);
		for (int z = 0; z < 2; z++) {
			final ShortProcessor sp = new ShortProcessor(4, 3);
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 4; x++)
					sp.set(x, y, x + 10 * y + 100 * z + 32768);
			s.addSlice("slice" + z, sp);
		}
		final ImagePlus imp = new ImagePlus("ct", s);
		final Calibration cal = imp.getCalibration();
		cal.setUnit(unit);
		cal.pixelWidth = pw;
		cal.pixelHeight = pw;
		cal.pixelDepth = pd;
		// straight line: value = raw − 32768 − 1024 (like a DICOM rescale intercept)
		cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { -32768 - 1024,
			1 }, "HU");
		return imp;
	}

	@Test
	void tiffStackKeepsCalibrationAndRescale() throws java.io.IOException {
		final Path file = tmp.resolve("ct.tif");
		IJ.saveAsTiff(stack("cm", 0.07, 0.25), file.toString());
		final CtVolume v = CtFiles.read(file);
		// TIFF stores the resolution as a rational: 1e-6 relative
		assertArrayEquals(new double[] { 0.7, 0.7, 2.5 }, v.spacingMm(), 1e-6);
		assertEquals(3 + 20 + 100 - 1024, CtReadersTest.value(v, 3, 2, 1), 0);
	}

	@Test
	void dicomHeadersGiveOrientationOriginAndSliceDirection() {
		final ImagePlus imp = stack("mm", 0.5, 2);
		final String iop = "0020,0037  Image Orientation (Patient): 0\\1\\0\\0\\0\\-1\n";
		imp.getStack().setSliceLabel("a\n" + iop +
			"0020,0032  Image Position (Patient): 10\\20\\30\n", 1);
		// second slice lies at −x: the slice axis is −(row × column) = (−1, 0, 0)
		imp.getStack().setSliceLabel("b\n" + iop +
			"0020,0032  Image Position (Patient): 8\\20\\30\n", 2);
		final CtVolume v = ImageJCtReader.fromImagePlus(imp);
		assertArrayEquals(new double[] { 0, 1, 0, 0, 0, -1, -1, 0, 0 }, v
			.direction(), 0);
		assertArrayEquals(new double[] { 10, 20, 30 }, v.originMm(), 0);
		assertEquals(-1024, CtReadersTest.value(v, 0, 0, 0), 0);
	}

	@Test
	void stackInPixelsIsRefusedWithAFix() {
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> ImageJCtReader.fromImagePlus(stack("pixel", 1, 1)));
		assertTrue(e.fix().contains("Image>Properties"), e.getMessage());
	}
}
