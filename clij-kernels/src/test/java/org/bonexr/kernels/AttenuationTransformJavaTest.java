package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * The Java twin against analytic values: an intensity I = i0 · exp(-k) has
 * attenuation exactly k (Beer–Lambert), up to the float rounding of I
 * (relative 6e-8, i.e. 6e-8 absolute in A).
 */
class AttenuationTransformJavaTest {

	/** A float, so the parameters' rounding to float plays no part. */
	private static final double I0 = 50000;
	private static final double[] K = { -0.3, 0, 1e-4, 0.1, 1, 2.5, 5, 8 };

	@Test
	void beerLambertIntensitiesGiveTheirAttenuation() {
		final Img<FloatType> out = AttenuationTransformJava.attenuation(beerLambert(), AttenuationParameters
			.withoutNormalisation(I0, 1));
		for (int i = 0; i < K.length; i++) {
			assertEquals(K[i], out.getAt(i, 0).get(), 2e-7 * Math.max(1, Math.abs(K[i])), "k = " + K[i]);
		}
	}

	@Test
	void normalisationSubtractsOffsetThenScales() {
		final double offset = 1.5, scale = 0.25;
		final Img<FloatType> out = AttenuationTransformJava.attenuation(beerLambert(), new AttenuationParameters(I0, 1,
			offset, scale));
		for (int i = 0; i < K.length; i++) {
			assertEquals((K[i] - offset) * scale, out.getAt(i, 0).get(), 1e-7, "k = " + K[i]);
		}
	}

	@Test
	void intensitiesBelowTheFloorAreClampedToIt() {
		final double floor = 2;
		final Img<FloatType> in = ArrayImgs.floats(new float[] { 0, -5, 0.5f, 2, 3 }, 5);
		final Img<FloatType> out = AttenuationTransformJava.attenuation(in, AttenuationParameters.withoutNormalisation(
			I0, floor));
		final double atFloor = Math.log(I0 / floor);
		for (int i = 0; i < 4; i++) {
			assertEquals(atFloor, out.getAt(i).get(), 1e-6, "pixel " + i);
		}
		assertEquals(Math.log(I0 / 3), out.getAt(4).get(), 1e-6);
	}

	@Test
	void nonFiniteIntensitiesGiveNaN() {
		final Img<FloatType> in = ArrayImgs.floats(new float[] { Float.NaN, Float.POSITIVE_INFINITY,
			Float.NEGATIVE_INFINITY }, 3);
		final Img<FloatType> out = AttenuationTransformJava.attenuation(in, AttenuationParameters.withoutNormalisation(
			I0, 1));
		for (int i = 0; i < 3; i++) {
			assertTrue(Float.isNaN(out.getAt(i).get()), "pixel " + i);
		}
	}

	@Test
	void offsetViewGivesNewZeroMinImageOfSameSizeAndLeavesInputAlone() {
		final Img<FloatType> base = TestImages.radiograph(I0, 1, 40, 30, 3);
		final Img<FloatType> before = base.copy();
		final Img<FloatType> out = AttenuationTransformJava.attenuation(Views.translate(base, 5, -7, 2),
			AttenuationParameters.withoutNormalisation(I0, 1));
		assertNotSame(base, out);
		assertArrayEquals(new long[] { 40, 30, 3 }, Intervals.dimensionsAsLongArray(out));
		assertArrayEquals(new long[] { 0, 0, 0 }, Intervals.minAsLongArray(out));
		final float intensity = base.getAt(12, 20, 1).get();
		assertEquals(-Math.log(Math.max(intensity, 1) / I0), out.getAt(12, 20, 1).get(), 1e-6);
		assertEquals(0, ImageComparison.maxRelativeDifference(base, before));
	}

	/** I = i0 · exp(-k) for each k, as float pixels along x. */
	private static Img<FloatType> beerLambert() {
		final float[] pixels = new float[K.length];
		for (int i = 0; i < K.length; i++) {
			pixels[i] = (float) (I0 * Math.exp(-K[i]));
		}
		return ArrayImgs.floats(pixels, K.length, 1);
	}
}
