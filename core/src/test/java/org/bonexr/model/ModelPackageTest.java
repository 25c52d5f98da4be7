package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening packages: checksums, files inside the folder, zips and zip slip. */
class ModelPackageTest {

	@Test
	void opensTheTrainedModelFolder() {
		try (ModelPackage p = ModelPackage.open(TestModels.tinyDenoiser())) {
			assertEquals(p.description().weightsSha256(), p.weightsSha256());
			assertArrayEquals(new long[] { 1, 1, 64, 64 }, p.testInput().shape());
			assertArrayEquals(new long[] { 1, 1, 64, 64 }, p.testOutput().shape());
			assertTrue(p.hasTestTensors());
			assertTrue(p.warnings().isEmpty(), p.warnings().toString());
		}
	}

	@Test
	void weightsThatDoNotMatchTheirSha256AreRefused(@TempDir final Path dir)
		throws IOException
	{
		final Path m = TestModels.copyOfTinyDenoiser(dir);
		Files.write(m.resolve("weights.pt"), new byte[] { 0 },
			StandardOpenOption.APPEND);
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> ModelPackage.open(m));
		assertTrue(e.problem().contains("weights.pt") && e.problem().contains(
			"sha256"), e.getMessage());
		assertTrue(e.fix().contains("again"), e.getMessage());
	}

	@Test
	void testTensorsAreCheckedToo(@TempDir final Path dir) throws IOException {
		final Path m = TestModels.copyOfTinyDenoiser(dir);
		final FloatTensor t = Npy.read(m.resolve("test_output.npy"));
		t.data()[0] += 1;
		Npy.write(t, m.resolve("test_output.npy"));
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> ModelPackage.open(m));
		assertTrue(e.problem().contains("test_output.npy"), e.getMessage());
	}

	@Test
	void filesOutsideTheFolderOrOnTheWebAreRefused(@TempDir final Path dir)
		throws IOException
	{
		final Path m = TestModels.copyOfTinyDenoiser(dir);
		Files.copy(m.resolve("weights.pt"), dir.resolve("outside.pt"));
		TestModels.editRdf(m, "source: weights.pt", "source: ../outside.pt");
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> ModelPackage.open(m));
		assertTrue(e.problem().contains("outside the model folder"), e
			.getMessage());
		TestModels.editRdf(m, "source: ../outside.pt",
			"source: https://example.org/w.pt");
		assertTrue(assertThrows(BoneXRException.class, () -> ModelPackage.open(m))
			.problem().contains("internet"));
		TestModels.editRdf(m, "source: https://example.org/w.pt",
			"source: missing.pt");
		assertTrue(assertThrows(BoneXRException.class, () -> ModelPackage.open(m))
			.problem().contains("lacks the file missing.pt"));
	}

	@Test
	void opensAZipAndDeletesItsUnpackedCopy(@TempDir final Path dir)
		throws IOException
	{
		final Path zip = TestModels.zip(TestModels.tinyDenoiser(), dir.resolve(
			"tiny.zip"), "");
		final Path root;
		try (ModelPackage p = ModelPackage.open(zip)) {
			root = p.root();
			assertFalse(root.startsWith(dir));
			assertTrue(Files.isRegularFile(p.weights()));
			assertEquals(ModelPackage.sha256(TestModels.tinyDenoiser().resolve(
				"weights.pt")), p.weightsSha256());
		}
		assertFalse(Files.exists(root));
	}

	@Test
	void opensAZipOfTheFolderItself(@TempDir final Path dir) throws IOException {
		final Path zip = TestModels.zip(TestModels.tinyDenoiser(), dir.resolve(
			"nested.zip"), "tiny-denoiser/");
		try (ModelPackage p = ModelPackage.open(zip)) {
			assertEquals("tiny-denoiser", p.root().getFileName().toString());
		}
	}

	@Test
	void zipSlipEntriesAreRefusedBeforeAnythingIsWritten(@TempDir final Path dir)
		throws IOException
	{
		final Path inner = Files.createDirectories(dir.resolve("inner"));
		for (final String evil : new String[] { "../evil.txt", "a/../../evil.txt",
			"/tmp/bonexr-evil.txt", "..\\evil.txt", "C:/evil.txt" })
		{
			final Path zip = TestModels.zipWithEntries(inner.resolve("m.zip"),
				"rdf.yaml", "name: x", evil, "pwned");
			final BoneXRException e = assertThrows(BoneXRException.class,
				() -> ModelPackage.open(zip), evil);
			assertTrue(e.problem().contains("outside the model's folder") && e
				.problem().contains(evil), e.getMessage());
			assertFalse(Files.exists(dir.resolve("evil.txt")));
			assertFalse(Files.exists(Path.of("/tmp/bonexr-evil.txt")));
		}
		// the check itself, independent of ZipFile's handling of names
		final Path root = dir.resolve("root");
		assertThrows(BoneXRException.class, () -> ModelPackage.entryTarget(root,
			"x/../../y", dir));
		assertEquals(root.resolve("x/y"), ModelPackage.entryTarget(root, "x/./y",
			dir));
	}

	@Test
	void notAModelSaysWhatToChoose(@TempDir final Path dir) throws IOException {
		assertTrue(assertThrows(BoneXRException.class, () -> ModelPackage.open(dir
			.resolve("nope"))).problem().contains("does not exist"));
		assertTrue(assertThrows(BoneXRException.class, () -> ModelPackage.open(dir))
			.problem().contains("no rdf.yaml"));
		final Path notZip = Files.write(dir.resolve("model.zip"), "hello".getBytes());
		assertTrue(assertThrows(BoneXRException.class, () -> ModelPackage.open(
			notZip)).problem().contains("zip"));
	}
}
