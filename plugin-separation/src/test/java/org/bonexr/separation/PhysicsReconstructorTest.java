package org.bonexr.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.separation.PhysicsReconstructor.Distribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Residual and projection against a joint phantom's true layers. */
class PhysicsReconstructorTest {

	private static JointPhantomResult phantom;

	@BeforeAll
	static void render() {
		phantom = JointPhantom.render(JointPhantomParameters.builder().spacingMm(
			0.25).fieldMm(20, 24).flexionDeg(25).build());
	}

	static Layers truth(final JointPhantomResult p) {
		return new Layers(copy(p.distalLayer().pixels()), copy(p.proximalLayer()
			.pixels()), copy(p.softTissueLayer().pixels()), p.attenuation()
				.spacing());
	}

	static Img<FloatType> copy(final net.imglib2.RandomAccessibleInterval<FloatType> img) {
		return ArrayImgs.floats(Pixels.floats(img), img.dimension(0), img
			.dimension(1));
	}

	@Test
	void trueLayersReconstructTheNoiseFreeRadiograph() {
		final Residual r = PhysicsReconstructor.residual(phantom
			.attenuationNoiseFree().pixels(), truth(phantom));
		assertTrue(r.inputRange() > 0.3, "phantom range " + r.inputRange());
		assertTrue(r.rmsPercent() < 1e-4, r.toString());
		assertTrue(r.maxAbsPercent() < 1e-3, r.toString());
	}

	@Test
	void residualOfTheDetectedImageIsItsNoise() {
		final float[] detected = Pixels.floats(phantom.attenuation().pixels());
		final float[] clean = Pixels.floats(phantom.attenuationNoiseFree().pixels());
		double sq = 0, max = 0;
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (int i = 0; i < clean.length; i++) {
			final double d = detected[i] - clean[i];
			sq += d * d;
			max = Math.max(max, Math.abs(d));
			lo = Math.min(lo, detected[i]);
			hi = Math.max(hi, detected[i]);
		}
		final Residual r = PhysicsReconstructor.residual(phantom.attenuation()
			.pixels(), truth(phantom));
		assertEquals(Math.sqrt(sq / clean.length), r.rms(), 1e-6);
		assertEquals(max, r.maxAbs(), 1e-6);
		assertEquals(hi - lo, r.inputRange(), 1e-6);
		assertTrue(r.rms() > 1e-3, "the default phantom has quantum noise");
		final float[] img = Pixels.floats(r.image());
		for (int i = 0; i < img.length; i += 97) {
			assertEquals(detected[i] - clean[i], img[i], 1e-5);
		}
	}

	@Test
	void projectionMakesTheSumExactAndKeepsEmptyLayersEmpty() {
		final Layers t = truth(phantom);
		// a wrong separation: 30% of the upper bone is missing
		final float[] u = Pixels.floats(t.upper());
		final float[] wrongU = u.clone();
		for (int i = 0; i < u.length; i++) wrongU[i] *= 0.7f;
		final Layers wrong = new Layers(Pixels.image(wrongU, t.width(), t.height()),
			t.lower(), t.softTissue(), t.spacing());
		final float[] before = wrongU.clone();
		final Residual r0 = PhysicsReconstructor.residual(phantom
			.attenuationNoiseFree().pixels(), wrong);
		assertTrue(r0.maxAbsPercent() > 5, r0.toString());
		for (final Distribution d : Distribution.values()) {
			final Layers p = PhysicsReconstructor.project(phantom
				.attenuationNoiseFree().pixels(), wrong, d);
			final Residual r = PhysicsReconstructor.residual(phantom
				.attenuationNoiseFree().pixels(), p);
			assertTrue(r.maxAbsPercent() < 1e-4, d + ": " + r);
			assertArrayEquals(before, Pixels.floats(wrong.upper()), "input kept");
			final float[] pu = Pixels.floats(p.upper()), pl = Pixels.floats(p
				.lower()), l = Pixels.floats(t.lower()), res = Pixels.floats(r0
					.image());
			for (int i = 0; i < u.length; i++) {
				if (d == Distribution.PROPORTIONAL && wrongU[i] == 0) {
					assertEquals(0, pu[i], 0, "no bone, no share");
				}
				if (d == Distribution.EQUAL) {
					assertEquals(wrongU[i] + res[i] / 3, pu[i], 1e-5);
					assertEquals(l[i] + res[i] / 3, pl[i], 1e-5);
				}
			}
		}
	}

	@Test
	void proportionalShareFollowsEachLayersAttenuation() {
		final Img<FloatType> a = ArrayImgs.floats(new float[] { 1.1f, 0.5f }, 2, 1);
		final Layers l = new Layers(ArrayImgs.floats(new float[] { 0.2f, 0 }, 2,
			1), ArrayImgs.floats(new float[] { 0.3f, 0 }, 2, 1), ArrayImgs.floats(
				new float[] { 0.5f, 0 }, 2, 1), org.bonexr.core.PixelSpacing.UNKNOWN);
		final Layers p = PhysicsReconstructor.project(a, l,
			Distribution.PROPORTIONAL);
		// residual 0.1 in pixel 0 shared 0.2:0.3:0.5; 0.5 in pixel 1 split equally
		assertArrayEquals(new float[] { 0.22f, 0.5f / 3 }, Pixels.floats(p.upper()),
			1e-6f);
		assertArrayEquals(new float[] { 0.33f, 0.5f / 3 }, Pixels.floats(p.lower()),
			1e-6f);
		assertArrayEquals(new float[] { 0.55f, 0.5f / 3 }, Pixels.floats(p
			.softTissue()), 1e-6f);
	}

	@Test
	void sizeMismatchIsAClearError() {
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> PhysicsReconstructor.residual(ArrayImgs.floats(3, 3), truth(
				phantom)));
		assertTrue(e.getMessage().contains("differ in size"), e.getMessage());
	}
}
