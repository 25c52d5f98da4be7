package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL per-channel affine map (model normalisation) against its Java
 * twin, on the first OpenCL device (PoCL on the build machine and in CI).
 * <p>
 * Measure: the largest relative difference of {@link ImageComparison}
 * (|a - b| / max(|b|, 1e-3 · range), b the Java result). Bound: 1e-6. Why:
 * the twin rounds the exact value once; the kernel rounds in - shift once and
 * then fma rounds once, so with shift 0 (scale_linear) it gives the correctly
 * rounded value and with add 0 (zero_mean_unit_variance, scale_range) it is
 * within two roundings, 2 · 2^-24 ≈ 1.2e-7 of the result; 1e-6 leaves room
 * for one more rounding and nothing else.
 */
class ChannelAffineEquivalenceTest {

	private static final double TOLERANCE = 1e-6;

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

	/** Attenuation-like values 0..5 with noise, per channel offset. */
	private static float[] stack(final int channels, final int height, final int width, final long seed) {
		final Random r = new Random(seed);
		final float[] d = new float[channels * height * width];
		for (int i = 0; i < d.length; i++) d[i] = (float) (5 * r.nextDouble() + 0.1 * r.nextGaussian() + i /
			(height * width));
		return d;
	}

	@Test
	void zeroMeanUnitVarianceFormMatchesJavaTwin() {
		// shift = mean, factor = 1 / (std + eps), add = 0 per channel, not floats
		final ChannelAffineParameters p = new ChannelAffineParameters(new double[] { 2.5123456789, 3.51,
			4.4999 }, new double[] { 1 / 1.4433, 1 / 1.51, 1 / 1.39 }, new double[] { 0, 0, 0 });
		assertMatchesTwin(stack(3, 301, 257, 1), 257, 301, p);
	}

	@Test
	void scaleLinearFormMatchesJavaTwin() {
		final ChannelAffineParameters p = new ChannelAffineParameters(new double[] { 0, 0 }, new double[] {
			0.3333333, -1.7 }, new double[] { -0.81234567, 2.25 });
		assertMatchesTwin(stack(2, 128, 200, 2), 200, 128, p);
	}

	@Test
	void scaleRangeFormSingleChannelMatchesJavaTwin() {
		assertMatchesTwin(stack(1, 512, 384, 3), 384, 512, ChannelAffineParameters.uniform(1, 0.0713, 1 / (
			5.02 - 0.0713 + 1e-6), 0));
	}

	@Test
	void valuesAreTheDefinition() {
		final float[] pixels = { 1, 2, 3, 4, 10, 20, 30, 40 };
		final ChannelAffineParameters p = new ChannelAffineParameters(new double[] { 2, 10 }, new double[] { 0.5,
			0.1 }, new double[] { 0, 1 });
		openCl.channelAffineInPlace(pixels, 2, 2, p);
		assertArrayEquals(new float[] { -0.5f, 0, 0.5f, 1, 1, 2, 3, 4 }, pixels, 1e-6f);
	}

	@Test
	void wrongStackIsRefused() {
		final ChannelAffineParameters p = ChannelAffineParameters.uniform(2, 0, 1, 0);
		assertThrows(IllegalArgumentException.class, () -> openCl.channelAffineInPlace(new float[10], 2, 2, p));
	}

	private static void assertMatchesTwin(final float[] pixels, final int width, final int height,
		final ChannelAffineParameters p)
	{
		final float[] gpu = pixels.clone(), java = pixels.clone();
		openCl.channelAffineInPlace(gpu, width, height, p);
		ChannelAffineJava.applyInPlace(java, width * height, p);
		final long[] dims = { width, height, p.channels() };
		final Img<FloatType> a = FloatImages.wrap(gpu, dims), b = FloatImages.wrap(java, dims);
		final double difference = ImageComparison.maxRelativeDifference(a, b);
		System.out.println("channel affine, OpenCL (" + device + ") vs Java, " + pixels.length +
			" pixels: max relative difference " + difference);
		assertTrue(difference <= TOLERANCE, "max relative difference " + difference + " > " + TOLERANCE + " on " +
			device);
		// and it did something: the first pixel is the definition
		final double expected = (pixels[0] - p.shift(0)) * (double) p.factor(0) + p.add(0);
		assertEquals(expected, gpu[0], 1e-6 * Math.max(1, Math.abs(expected)));
	}
}
