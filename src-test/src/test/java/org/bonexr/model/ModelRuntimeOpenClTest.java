package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.OpenClTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.log.StderrLogService;

/**
 * The model runtime with its normalisation and tile blending on an OpenCL
 * device (PoCL on the build machine and in CI): the same guarantees as in
 * Java (bioimage.io test, tiled = whole), and the same results as the Java
 * twins. It lives in src-test, in the runtime's package, because core's
 * tests run without CLIJ2 (they test the Java path); core's test-jar gives it
 * the tiny denoiser and the helpers of {@link BioImageModelTest} and
 * {@link TilingTest}.
 * <p>
 * Tolerances: normalisation steps agree with their Java twin within 1e-6
 * relative (two float roundings, see {@code ChannelAffineEquivalenceTest});
 * through the tiny denoiser (outputs of order 1) the whole prediction agrees
 * within 1e-5 absolute, the bound the Java runtime's own tiled = whole test
 * uses: the network is the same code on the same inputs up to those
 * roundings, and it does not amplify them by more than a few times.
 */
class ModelRuntimeOpenClTest {

	private static ComputeBackend openCl;
	private static BioImageModel onDevice;
	private static BioImageModel inJava;

	private static Path folder;

	@BeforeAll
	static void open() throws IOException {
		final String device = OpenClTestSupport.requireDevice();
		openCl = new ComputeBackend(device, new StderrLogService());
		assertTrue(openCl.isOpenCL(), openCl.toString());
		folder = tinyDenoiserCopy();
		onDevice = BioImageModel.open(folder, null, openCl);
		inJava = BioImageModel.open(folder, null);
	}

	@AfterAll
	static void close() throws IOException {
		if (onDevice != null) onDevice.close();
		if (inJava != null) inJava.close();
		if (openCl != null) openCl.close();
		if (folder != null) {
			try (java.util.stream.Stream<Path> files = Files.list(folder)) {
				for (final Path f : (Iterable<Path>) files::iterator) Files.delete(f);
			}
			Files.delete(folder);
		}
	}

	/** The tiny denoiser of core's test resources (inside core's test-jar), copied to a folder. */
	private static Path tinyDenoiserCopy() throws IOException {
		final Path dir = Files.createTempDirectory("tiny-denoiser");
		for (final String name : new String[] { "rdf.yaml", "README.md", "weights.pt", "test_input.npy",
			"test_output.npy" }) {
			try (InputStream in = TestModels.class.getResourceAsStream("tiny-denoiser/" + name)) {
				if (in == null) throw new IllegalStateException("core's test-jar lacks tiny-denoiser/" + name);
				Files.copy(in, dir.resolve(name));
			}
		}
		return dir;
	}

	@Test
	void passesItsBioimageIoTestOnTheDevice() {
		final ModelTestResult r = onDevice.test();
		assertTrue(r.passed(), r.toString());
	}

	@Test
	void tiledEqualsWholeImageOnTheDevice() {
		final FloatTensor noisy = BioImageModelTest.blobs(300, 260, 3)[1];
		final FloatTensor whole = onDevice.predict(noisy, 1024, null);
		final int[] tiles = { 0 };
		final FloatTensor tiled = onDevice.predict(noisy, 96, (done, total) -> tiles[0] = total);
		assertTrue(tiles[0] >= 50, "tiles: " + tiles[0]);
		assertEquals(0, TilingTest.maxDiffInside(whole, tiled, 32), 1e-5);
		final double javaDifference = tiled.maxAbsDifference(inJava.predict(noisy, 96, null));
		System.out.println("tiny denoiser, 300 x 260 in " + tiles[0] + " tiles: OpenCL vs Java max |difference| " +
			javaDifference);
		assertEquals(0, javaDifference, 1e-5);
	}

	@Test
	void boxFilterTiledOnTheDeviceEqualsWhole() {
		final int passes = 5;
		final FloatTensor img = TilingTest.random(2, 203, 177, 1);
		final FloatTensor whole = TilingTest.boxFilter(img, passes);
		final Tiling tiling = new Tiling(AxisSize.parameterized(16, 1), AxisSize.parameterized(16, 1), 6, 6, 48);
		final FloatTensor tiled = tiling.run(img, t -> TilingTest.boxFilter(t, passes), null, openCl);
		assertEquals(0, TilingTest.maxDiffInside(whole, tiled, passes), 1e-5);
		final FloatTensor inJavaTiled = tiling.run(img, t -> TilingTest.boxFilter(t, passes), null);
		assertEquals(0, tiled.maxAbsDifference(inJavaTiled), 1e-6);
	}

	@Test
	void normalisationsMatchTheirJavaTwins() {
		final List<Processing> steps = List.of( //
			Processing.parse("scale_linear", kwargs("axis", "channel", "gain", List.of(2.5, -0.3), "offset", List.of(
				0.1, 7.0)), "in"), //
			Processing.parse("zero_mean_unit_variance", kwargs("axes", List.of("x", "y"), "eps", 1e-6), "in"), //
			Processing.parse("zero_mean_unit_variance", kwargs(), "in"), //
			Processing.parse("fixed_zero_mean_unit_variance", kwargs("axis", "channel", "mean", List.of(1.0, 2.0),
				"std", List.of(0.5, 3.0)), "in"), //
			Processing.parse("scale_range", kwargs("axes", "yx", "min_percentile", 1.0, "max_percentile", 99.8),
				"in"));
		for (final Processing step : steps) {
			final FloatTensor img = TilingTest.random(2, 190, 230, 9);
			final FloatTensor gpu = img.copy(), java = img.copy();
			step.apply(gpu, openCl);
			step.apply(java);
			double worst = 0, range = 0;
			for (final float v : java.data()) range = Math.max(range, Math.abs(v));
			for (int i = 0; i < java.data().length; i++) {
				worst = Math.max(worst, Math.abs(gpu.data()[i] - java.data()[i]) / Math.max(Math.abs(java.data()[i]),
					1e-3 * range));
			}
			System.out.println(step + ": OpenCL vs Java max relative difference " + worst);
			assertTrue(worst <= 1e-6, step + ": " + worst);
			assertTrue(java.maxAbsDifference(img) > 0.01, step + " did nothing");
		}
	}

	private static Map<String, Object> kwargs(final Object... kv) {
		final Map<String, Object> m = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
		return m;
	}
}
