package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny denoiser trained by training/train.py, run through DJL's
 * PyTorch engine: the bioimage.io test, seamless tiling, threads, zips.
 */
class BioImageModelTest {

	private static BioImageModel model;

	@BeforeAll
	static void load() {
		model = BioImageModel.open(TestModels.tinyDenoiser(), null);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	/** Smooth blobs (clean) and the same plus Gaussian noise of SD 0.1 (noisy), cyx. */
	static FloatTensor[] blobs(final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final float[] clean = new float[h * w], noisy = new float[h * w];
		for (int b = 0; b < 12; b++) {
			final double cy = r.nextDouble() * h, cx = r.nextDouble() * w;
			final double ry = 8 + r.nextDouble() * 20, rx = 8 + r.nextDouble() * 20;
			final double a = 0.3 + 0.7 * r.nextDouble();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double dy = (y - cy) / ry, dx = (x - cx) / rx;
					clean[y * w + x] += a * Math.exp(-(dy * dy + dx * dx));
				}
		}
		for (int i = 0; i < noisy.length; i++) noisy[i] = clean[i] + (float) (0.1 * r
			.nextGaussian());
		return new FloatTensor[] { new FloatTensor(new long[] { 1, h, w }, clean),
			new FloatTensor(new long[] { 1, h, w }, noisy) };
	}

	private static double mse(final FloatTensor a, final FloatTensor b) {
		double s = 0;
		for (int i = 0; i < a.data().length; i++) {
			final double d = a.data()[i] - b.data()[i];
			s += d * d;
		}
		return s / a.data().length;
	}

	@Test
	void reproducesItsTestOutput() {
		final ModelTestResult r = model.test();
		assertTrue(r.passed(), r.toString());
		assertEquals(64 * 64, r.values());
		assertTrue(r.maxAbsDifference() < 1e-4, r.toString());
	}

	@Test
	void tiledEqualsWholeImageAwayFromBorders() {
		final FloatTensor noisy = blobs(300, 260, 3)[1];
		final FloatTensor whole = model.predict(noisy, 1024, null);
		final int[] tiles = { 0 };
		final FloatTensor tiled = model.predict(noisy, 96, (done, total) -> tiles[0] =
			total);
		assertTrue(tiles[0] >= 50, "tiles: " + tiles[0]);
		// the receptive radius is 22 px (halo 24): beyond that the tile borders
		// must not show; the right/bottom image borders see different padding
		assertEquals(0, TilingTest.maxDiffInside(whole, tiled, 32), 1e-5);
		// top and left borders see the same (zero) padding in both: exact there too
		double topLeft = 0;
		for (int y = 0; y < 32; y++)
			for (int x = 0; x < 200; x++) {
				topLeft = Math.max(topLeft, Math.abs(whole.data()[y * 260 + x] - tiled
					.data()[y * 260 + x]));
			}
		assertEquals(0, topLeft, 1e-5);
	}

	@Test
	void denoisesAnImgLib2ImageOfAnySize() {
		final FloatTensor[] pair = blobs(203, 151, 4);
		final Img<FloatType> img = ArrayImgs.floats(pair[1].data().clone(), 151,
			203);
		final Img<FloatType> out = model.predict(img);
		assertArrayEquals(new long[] { 151, 203 }, out.dimensionsAsLongArray());
		final FloatTensor result = TensorLayout.fromImage(out);
		final double before = mse(pair[1], pair[0]), after = mse(result, pair[0]);
		assertTrue(after < before / 3, "MSE noisy " + before + ", denoised " +
			after);
		assertArrayEquals(pair[1].data(), TensorLayout.fromImage(img).data(),
			"input unchanged");
	}

	@Test
	void twoThreadsGiveTheSerialResults() throws Exception {
		final FloatTensor a = TensorLayout.toModel(blobs(128, 128, 5)[1], "bcyx");
		final FloatTensor b = TensorLayout.toModel(blobs(96, 160, 6)[1], "bcyx");
		final FloatTensor serialA = model.network().run(a);
		final FloatTensor serialB = model.network().run(b);
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			final List<Future<FloatTensor>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				final FloatTensor in = i % 2 == 0 ? a : b;
				results.add(pool.submit(() -> model.network().run(in)));
			}
			for (int i = 0; i < results.size(); i++) {
				assertArrayEquals((i % 2 == 0 ? serialA : serialB).data(), results.get(i)
					.get().data(), "run " + i);
			}
			// the passes ran on libtorch's one worker thread, not on the callers
			assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(
				t -> t.getName().equals(TorchScriptModel.WORKER_NAME)));
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aZippedModelRunsTheSame(@TempDir final Path dir) throws IOException {
		final Path zip = TestModels.zip(TestModels.tinyDenoiser(), dir.resolve(
			"tiny.zip"), "");
		final FloatTensor noisy = blobs(64, 80, 7)[1];
		try (BioImageModel zipped = BioImageModel.open(zip, null)) {
			assertTrue(zipped.test().passed());
			assertArrayEquals(model.predict(noisy, 512, null).data(), zipped.predict(
				noisy, 512, null).data());
		}
	}

	@Test
	void wrongChannelCountIsExplained() {
		final BoneXRException e = assertThrows(BoneXRException.class, () -> model
			.predict(FloatTensor.zeros(2, 32, 32), 512, null));
		assertTrue(e.problem().contains("1 channel(s)") && e.problem().contains(
			"has 2"), e.getMessage());
	}

	@Test
	void brokenWeightsAndMisfitInputsAreExplained(@TempDir final Path dir)
		throws IOException
	{
		final BoneXRException misfit = assertThrows(BoneXRException.class,
			() -> model.network().run(FloatTensor.zeros(1, 1, 30, 30)));
		assertTrue(misfit.problem().contains("[1, 1, 30, 30]"), misfit.getMessage());
		final Path m = TestModels.copyOfTinyDenoiser(dir);
		java.nio.file.Files.write(m.resolve("weights.pt"), "not a TorchScript file"
			.getBytes());
		TestModels.editRdf(m, model.modelPackage().weightsSha256(), ModelPackage
			.sha256(m.resolve("weights.pt")));
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> BioImageModel.open(m, null));
		assertTrue(e.problem().contains("could not be loaded") && e.fix().contains(
			"torch.jit"), e.getMessage());
	}
}
