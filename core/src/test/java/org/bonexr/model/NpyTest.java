package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPY reading of files written by NumPy, and writing that NumPy's format rules accept. */
class NpyTest {

	@Test
	void readsFloat64WrittenByNumpy() {
		final FloatTensor t = Npy.read(TestModels.resource("npy/float64_2x3.npy"));
		assertArrayEquals(new long[] { 2, 3 }, t.shape());
		assertArrayEquals(new float[] { -1, -0.5f, 0, 0.5f, 1, 1.5f }, t.data());
	}

	@Test
	void readsFloat32InCOrder() {
		final FloatTensor t = Npy.read(TestModels.resource("npy/float32_3d.npy"));
		assertArrayEquals(new long[] { 2, 3, 4 }, t.shape());
		for (int i = 0; i < 24; i++) assertEquals(i / 7f, t.data()[i], 0);
	}

	@Test
	void refusesFortranOrderAndIntegersWithAFix() {
		final BoneXRException f = assertThrows(BoneXRException.class, () -> Npy
			.read(TestModels.resource("npy/fortran.npy")));
		assertTrue(f.problem().contains("Fortran order"), f.getMessage());
		final BoneXRException i = assertThrows(BoneXRException.class, () -> Npy
			.read(TestModels.resource("npy/int32.npy")));
		assertTrue(i.problem().contains("'<i4'") && i.fix().contains("float32"), i
			.getMessage());
	}

	@Test
	void refusesTruncatedAndForeignFiles() {
		assertThrows(BoneXRException.class, () -> Npy.read(new ByteArrayInputStream(
			"not an array".getBytes()), "x.npy"));
		final byte[] good = bytes(new FloatTensor(new long[] { 4 }, new float[] { 1,
			2, 3, 4 }));
		final byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
		final BoneXRException e = assertThrows(BoneXRException.class, () -> Npy.read(
			new ByteArrayInputStream(cut), "cut.npy"));
		assertTrue(e.problem().contains("fewer values"), e.getMessage());
	}

	@Test
	void writeReadRoundTripWithAlignedHeader(@TempDir final Path dir)
		throws IOException
	{
		final float[] v = new float[3 * 5 * 7];
		for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i) * 1e3f;
		final Path f = dir.resolve("a.npy");
		Npy.write(new FloatTensor(new long[] { 3, 5, 7 }, v), f);
		final byte[] raw = Files.readAllBytes(f);
		// NPY 1.0: data starts at a multiple of 64 bytes, header ends with '\n'
		final int headerLength = (raw[8] & 0xff) | (raw[9] & 0xff) << 8;
		assertEquals(0, (10 + headerLength) % 64);
		assertEquals('\n', raw[10 + headerLength - 1]);
		assertEquals(10 + headerLength + 4 * v.length, raw.length);
		final FloatTensor back = Npy.read(f);
		assertArrayEquals(new long[] { 3, 5, 7 }, back.shape());
		assertArrayEquals(v, back.data());
	}

	@Test
	void writesOneDimensionalShapeAsNumpyTuple() throws IOException {
		final String header = new String(bytes(new FloatTensor(new long[] { 4 },
			new float[4])), "ISO-8859-1");
		assertTrue(header.contains("'shape': (4,)"), header);
	}

	private static byte[] bytes(final FloatTensor t) {
		try {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			Npy.write(t, out);
			return out.toByteArray();
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
