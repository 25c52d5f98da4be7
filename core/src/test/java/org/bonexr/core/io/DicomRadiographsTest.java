package org.bonexr.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.DICOM;

import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.SharedData;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.Test;

/** Reads the NEMA WG-04 radiographs in ../shared/data/dicom-nema. */
class DicomRadiographsTest {

	@Test
	void readsPixelSpacingOfComputedRadiograph() {
		final Radiograph r = RadiographReader.read(SharedData.file(
			"dicom-nema/RG2_UNC.dcm"));
		assertEquals(1760, r.width());
		assertEquals(2140, r.height());
		assertEquals(PixelSpacing.mm(0.2, 0.2), r.spacing());
		assertEquals("mm", r.spacing().unit());
		assertEquals(ValueDomain.INTENSITY, r.domain());
		assertTrue(r.warnings().isEmpty(), r.warnings().toString());
	}

	@Test
	void monochrome1IsInvertedWithinStoredRangeAndWarnsAboutMissingSpacing() {
		final Path file = SharedData.file("dicom-nema/RG3_UNC.dcm");
		final Radiograph r = RadiographReader.read(file);
		assertFalse(r.spacing().isKnown());
		assertEquals("px", r.spacing().unit());
		assertEquals(1, r.warnings().size());
		assertTrue(r.warnings().get(0).contains("px"), r.warnings().get(0));
		// ImageJ's own reading keeps the stored values (and only inverts the
		// LUT); BoneXR's value must be (2^10 - 1) - stored at every pixel.
		final DICOM raw = new DICOM();
		raw.open(file.toString());
		final RandomAccess<FloatType> a = r.pixels().randomAccess();
		for (final int[] xy : new int[][] { { 0, 0 }, { 880, 880 }, { 1000,
			300 }, { 1759, 1759 } })
		{
			final float stored = raw.getProcessor().getf(xy[0], xy[1]);
			assertEquals(1023 - stored, a.setPositionAndGet(xy[0], xy[1]).get(), 0,
				"pixel " + xy[0] + "," + xy[1]);
		}
	}

	@Test
	void jpegLosslessIsRefusedWithTheWayOut() {
		final Path file = SharedData.file("dicom-nema/RG2_JPLL.dcm");
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> RadiographReader.read(file));
		assertTrue(e.problem().contains("JPEG Lossless"), e.problem());
		assertTrue(e.fix().contains("Bio-Formats"), e.fix());
		assertTrue(e.fix().contains("dcmdjpeg"), e.fix());
	}
}
