package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL attenuation transform against its Java twin, on the first OpenCL
 * device (PoCL on the build machine and in CI).
 * <p>
 * Measure: the largest relative difference |a - b| / max(|b|, 1e-3 · range),
 * b the Java result, range = max - min of the finite Java results (see
 * {@link ImageComparison}); the floor keeps pixels where the result crosses 0
 * (open field A ≈ 0, or A ≈ offset) from dividing by almost nothing. Bound:
 * 1e-5.
 */
class AttenuationTransformEquivalenceTest {

	private static final double TOLERANCE = 1e-5;

	/** Not a float: the parameters' rounding to float is part of the semantics both backends share. */
	private static final double I0 = 61234.567;

	private static ComputeBackend openCl;
	private static String device;

	@BeforeAll
	static void openDevice() {
		openCl = OpenClTestSupport.requireBackend();
		device = openCl.requestedDevice();
	}

	@AfterAll
	static void closeDevice() {
		if (openCl != null) openCl.close();
	}

	@AfterEach
	void stillOnTheDevice() {
		OpenClTestSupport.assertStillOnDevice(openCl);
	}

	@Test
	void radiographMatchesJavaTwinWithinTolerance() {
		final Img<FloatType> intensity = TestImages.radiograph(I0, 42, 512, 384);
		final AttenuationParameters p = new AttenuationParameters(I0, 5.0, 1.3, 0.45);
		assertMatchesTwin(intensity, p);
	}

	@Test
	void attenuationWithoutNormalisationMatchesJavaTwin() {
		final Img<FloatType> intensity = TestImages.radiograph(I0, 7, 512, 384);
		assertMatchesTwin(intensity, AttenuationParameters.withoutNormalisation(I0, 1.0));
	}

	@Test
	void volumeAndHigherDimensionsMatchJavaTwin() {
		final AttenuationParameters p = new AttenuationParameters(I0, 3.0, -0.2, 2.5);
		assertMatchesTwin(TestImages.radiograph(I0, 3, 61, 47, 5), p);
		assertMatchesTwin(TestImages.radiograph(I0, 4, 33, 21, 3, 2), p);
	}

	@Test
	void lineProfileMatchesJavaTwin() {
		final Img<FloatType> row = ArrayImgs.floats(FloatImages.toArray(TestImages.radiograph(I0, 6, 300, 2)),
			600);
		final Img<FloatType> gpu = openCl.attenuation(row, AttenuationParameters.withoutNormalisation(I0, 1));
		assertArrayEquals(new long[] { 600 }, Intervals.dimensionsAsLongArray(gpu));
		assertTrue(ImageComparison.maxRelativeDifference(gpu, AttenuationTransformJava.attenuation(row,
			AttenuationParameters.withoutNormalisation(I0, 1))) <= TOLERANCE);
	}

	@Test
	void offsetIntervalViewMatchesJavaTwin() {
		final RandomAccessibleInterval<FloatType> view = Views.interval(Views.translate(TestImages.radiograph(I0, 5,
			200, 150), 17, -9), new long[] { 30, 0 }, new long[] { 199, 120 });
		final AttenuationParameters p = new AttenuationParameters(I0, 5.0, 0.5, 1.0);
		final Img<FloatType> gpu = openCl.attenuation(view, p);
		final Img<FloatType> java = AttenuationTransformJava.attenuation(view, p);
		assertArrayEquals(Intervals.dimensionsAsLongArray(view), Intervals.dimensionsAsLongArray(gpu));
		assertTrue(ImageComparison.maxRelativeDifference(gpu, java) <= TOLERANCE);
		// Pixel correspondence, not just the same set of values: first pixel of the view.
		final double expected = (-Math.log(view.getAt(30, 0).get() / (float) I0) - 0.5);
		assertEquals(expected, gpu.getAt(0, 0).get(), 1e-5 * Math.max(1, Math.abs(expected)));
	}

	@Test
	void nonFinitePixelsGiveNaNOnBothBackends() {
		final float[] pixels = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1000f, 0f, -3f };
		final Img<FloatType> intensity = ArrayImgs.floats(pixels, 3, 2);
		final AttenuationParameters p = AttenuationParameters.withoutNormalisation(1000, 1);
		final Img<FloatType> gpu = openCl.attenuation(intensity, p);
		for (int x = 0; x < 3; x++) {
			assertTrue(Float.isNaN(gpu.getAt(x, 0).get()), "pixel " + x + " should be NaN");
		}
		assertEquals(0, gpu.getAt(0, 1).get(), 1e-7);
		assertEquals(Math.log(1000), gpu.getAt(1, 1).get(), 1e-5 * Math.log(1000));
		assertEquals(Math.log(1000), gpu.getAt(2, 1).get(), 1e-5 * Math.log(1000));
		assertEquals(0, ImageComparison.maxRelativeDifference(gpu, AttenuationTransformJava.attenuation(intensity, p)),
			TOLERANCE);
	}

	@Test
	void inputIsNotModified() {
		final Img<FloatType> intensity = TestImages.radiograph(I0, 11, 64, 48);
		final Img<FloatType> copy = intensity.copy();
		openCl.attenuation(intensity, AttenuationParameters.withoutNormalisation(I0, 1));
		assertEquals(0, ImageComparison.maxRelativeDifference(intensity, copy));
	}

	private static void assertMatchesTwin(final RandomAccessibleInterval<FloatType> intensity,
		final AttenuationParameters p)
	{
		final Img<FloatType> gpu = openCl.attenuation(intensity, p);
		final Img<FloatType> java = AttenuationTransformJava.attenuation(intensity, p);
		final double difference = ImageComparison.maxRelativeDifference(gpu, java);
		System.out.println("OpenCL (" + device + ") vs Java, " + java.size() + " pixels: max relative difference " +
			difference);
		assertTrue(difference <= TOLERANCE, "max relative difference " + difference + " > " + TOLERANCE + " on " +
			device);
	}
}
