package org.bonexr.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIfTI and MetaImage readers on tiny fixtures written independently of
 * BoneXR: the NIfTI files by Python's struct module, the MetaImages from them
 * by Debian's plastimatch 1.9.4 (see {@code make_fixtures.py}, which states
 * the values and geometry asserted here).
 */
class CtReadersTest {

	private static final double COS30 = Math.cos(Math.toRadians(30));

	@TempDir
	Path tmp;

	static Path fixture(final String name) {
		try {
			return Paths.get(CtReadersTest.class.getResource(name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static float value(final CtVolume v, final int x, final int y, final int z) {
		final RandomAccess<FloatType> ra = v.voxels().randomAccess();
		ra.setPosition(new long[] { x, y, z });
		return ra.get().get();
	}

	@Test
	void niftiSformInt16WithSlopeGivesLpsGeometryAndRescaledValues()
		throws IOException
	{
		final CtVolume v = NiftiReader.read(fixture("oblique_sform_int16.nii"));
		assertArrayEquals(new long[] { 5, 4, 3 }, dims(v));
		assertArrayEquals(new double[] { 0.8, 1.2, 2.5 }, v.spacingMm(), 1e-6);
		// RAS sform columns R_z(30°)·diag(spacing) → LPS rows: negate x and y
		assertArrayEquals(new double[] { -COS30, -0.5, 0, 0.5, -COS30, 0, 0, 0,
			1 }, v.direction(), 1e-6);
		assertArrayEquals(new double[] { -10, 20, 30 }, v.originMm(), 1e-6);
		// value = 2·(i + 10j + 100k − 50) − 1000
		assertEquals(2 * (3 + 20 + 200 - 50) - 1000, value(v, 3, 2, 2), 0);
		assertEquals(2 * -50 - 1000, value(v, 0, 0, 0), 0);
	}

	@Test
	void niftiQformBigEndianGzipFloatWithNegativeQfac() throws IOException {
		final CtVolume v = NiftiReader.read(fixture("qform_float32_be.nii.gz"));
		assertArrayEquals(new long[] { 4, 3, 2 }, dims(v));
		assertArrayEquals(new double[] { 1.5, 1.0, 2.0 }, v.spacingMm(), 1e-6);
		// rotation 90° about x, qfac −1, then RAS → LPS
		assertArrayEquals(new double[] { -1, 0, 0, 0, 0, 1, 0, -1, 0 }, v
			.direction(), 1e-6);
		assertArrayEquals(new double[] { 5, -6, 7 }, v.originMm(), 1e-6);
		assertEquals(0.5 * (3 - 1) + 1, value(v, 3, 1, 1), 0);
	}

	@Test
	void metaImagesWrittenByPlastimatchEqualTheirNiftiSources()
		throws IOException
	{
		assertSameVolume(NiftiReader.read(fixture("oblique_sform_int16.nii")),
			MetaImageReader.read(fixture("oblique_sform_int16.mha")));
		assertSameVolume(NiftiReader.read(fixture("qform_float32_be.nii.gz")),
			CtFiles.read(fixture("qform_float32_be.mhd")));
	}

	@Test
	void metaImageWriterRoundTripsValuesAndGeometry() throws IOException {
		final CtVolume source = NiftiReader.read(fixture(
			"oblique_sform_int16.nii"));
		final Path file = tmp.resolve("copy.mha");
		MetaImageWriter.write(source, file, MetaImageWriter.Storage.INT16);
		assertSameVolume(source, MetaImageReader.read(file));
		MetaImageWriter.write(source, file, MetaImageWriter.Storage.FLOAT32);
		assertSameVolume(source, CtFiles.read(file));
	}

	@Test
	void metaImageWithoutSpacingIsRefusedWithAFix() throws IOException {
		final Path file = tmp.resolve("nospacing.mha");
		final byte[] header = ("ObjectType = Image\nNDims = 3\nDimSize = 2 2 2\n" +
			"ElementType = MET_UCHAR\nElementDataFile = LOCAL\n").getBytes(
				StandardCharsets.US_ASCII);
		final byte[] all = new byte[header.length + 8];
		System.arraycopy(header, 0, all, 0, header.length);
		Files.write(file, all);
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> MetaImageReader.read(file));
		assertTrue(e.problem().contains("ElementSpacing"), e.getMessage());
		assertTrue(e.fix().contains("mm"), e.getMessage());
	}

	@Test
	void truncatedNiftiIsRefused() throws IOException {
		final byte[] full = Files.readAllBytes(fixture("oblique_sform_int16.nii"));
		final Path cut = tmp.resolve("cut.nii");
		Files.write(cut, java.util.Arrays.copyOf(full, full.length - 10));
		assertThrows(BoneXRException.class, () -> NiftiReader.read(cut));
	}

	static void assertSameVolume(final CtVolume expected,
		final CtVolume actual)
	{
		assertArrayEquals(dims(expected), dims(actual));
		assertArrayEquals(expected.spacingMm(), actual.spacingMm(), 1e-5);
		assertArrayEquals(expected.originMm(), actual.originMm(), 1e-5);
		assertArrayEquals(expected.direction(), actual.direction(), 1e-6);
		for (int z = 0; z < expected.dimension(2); z++)
			for (int y = 0; y < expected.dimension(1); y++)
				for (int x = 0; x < expected.dimension(0); x++)
					assertEquals(value(expected, x, y, z), value(actual, x, y, z), 0,
						"voxel " + x + "," + y + "," + z);
	}

	static long[] dims(final CtVolume v) {
		return new long[] { v.dimension(0), v.dimension(1), v.dimension(2) };
	}
}
