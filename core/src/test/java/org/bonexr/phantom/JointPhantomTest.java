package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;


import org.bonexr.core.BoneXRException;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JointPhantomTest {

	private static JointPhantomParameters.Builder clean() {
		return JointPhantomParameters.builder().degradation(XrayDegradation
			.none());
	}

	@Test
	void layersAddUpToTheNoiseFreeAttenuation() {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().flexionDeg(25).seed(7).build());
		final float[] a = Pixels.of(r.attenuationNoiseFree().pixels());
		final float[] p = Pixels.of(r.proximalLayer().pixels());
		final float[] d = Pixels.of(r.distalLayer().pixels());
		final float[] s = Pixels.of(r.softTissueLayer().pixels());
		double maxDiff = 0, maxA = 0;
		for (int i = 0; i < a.length; i++) {
			maxDiff = Math.max(maxDiff, Math.abs(p[i] + d[i] + s[i] - a[i]));
			maxA = Math.max(maxA, a[i]);
		}
		assertTrue(maxDiff < 1e-5, "max |layers - radiograph| = " + maxDiff);
		assertTrue(maxA > 0.3, "a finger attenuates, max A = " + maxA);
		assertEquals(ValueDomain.ATTENUATION, r.proximalLayer().domain());
		assertEquals(ValueDomain.INTENSITY, r.intensity().domain());
	}

	@Test
	void boneLayersAreZeroOutsideTheirMasksAndSoftTissueOutsideTheFinger() {
		final JointPhantomResult r = JointPhantom.render(clean().build());
		final float[] p = Pixels.of(r.proximalLayer().pixels());
		final float[] cover = Pixels.of(r.proximalCoverage());
		final float[] s = Pixels.of(r.softTissueLayer().pixels());
		for (int i = 0; i < p.length; i++) {
			if (cover[i] == 0) assertEquals(0, p[i], 0);
		}
		// left column lies outside the 17.6 mm wide finger in a 24 mm field
		assertEquals(0, s[r.parameters().widthPx() * 100], 0);
		// the central soft tissue is μ·thickness: 0.0227 × 16 mm
		final int w = r.parameters().widthPx();
		assertEquals(0.0227 * 16, s[5 * w + w / 2], 1e-4);
	}

	@ParameterizedTest
	@CsvSource({ "1.5, 0.1", "0.5, 0.1", "3.0, 0.1", "1.0, 0.2", "0.3, 0.05",
		"0.0, 0.1" })
	void gapBetweenTheMasksAtTheCentreIsTheSetJointSpaceWidth(final double jsw,
		final double spacing)
	{
		final JointPhantomParameters params = clean().jswMm(jsw).spacingMm(
			spacing).fieldMm(16, 24).supersampling(4).build();
		final JointPhantomResult r = JointPhantom.render(params);
		assertEquals(jsw, r.jsw().minMm(), 1e-12);
		final int mid = r.jsw().size() / 2;
		assertEquals(0, r.jsw().uMm()[mid], 0);
		assertEquals(jsw, r.jsw().jswMm()[mid], 1e-12);

		final int w = params.widthPx(), h = params.heightPx();
		final int x = w / 2; // pixel whose left edge is the joint centre
		final float[] cp = Pixels.of(r.proximalCoverage());
		final float[] cd = Pixels.of(r.distalCoverage());
		final byte[] mp = Pixels.bytes(r.proximalMask());
		final byte[] md = Pixels.bytes(r.distalMask());
		double gapPx = 0;
		int binaryGap = 0;
		for (int y = 0; y < h; y++) {
			final int i = y * w + x;
			assertFalse(cp[i] > 0 && cd[i] > 0, "no overlap without flexion");
			gapPx += 1 - cp[i] - cd[i];
			if (mp[i] == 0 && md[i] == 0) binaryGap++;
		}
		final double expectedMm = 0.5 * (r.jsw().jswMm()[mid] + jswAt(r,
			spacing));
		assertEquals(expectedMm / spacing, gapPx, 0.5, "sub-pixel gap in px");
		// a binary mask cannot place an edge better than one pixel (plus the
		// 1/n quantisation of the half-coverage rule)
		assertEquals(expectedMm / spacing - 0.5, binaryGap, 0.5 + 0.25,
			"binary mask gap in px");
		// the profile's margins in the image are the masks' edges
		final double marginGapPx = r.jsw().distalY()[mid] - r.jsw().proximalY()[
			mid];
		assertEquals(-jsw / spacing, marginGapPx, 1e-9);
	}

	/** JSW one pixel right of the centre (the column spans [0, spacing]). */
	private static double jswAt(final JointPhantomResult r, final double u) {
		final double[] us = r.jsw().uMm();
		for (int i = 0; i < us.length; i++) {
			if (Math.abs(us[i] - u) < 1e-9) return r.jsw().jswMm()[i];
		}
		throw new AssertionError("no profile sample at " + u);
	}

	@Test
	void profileWidensAwayFromTheCentre() {
		final JswProfile jsw = JointPhantom.render(clean().spacingMm(0.2).build())
			.jsw();
		final double[] v = jsw.jswMm();
		final int mid = v.length / 2;
		for (int i = mid; i + 1 < v.length; i++) {
			assertTrue(v[i + 1] > v[i]);
			assertEquals(v[i], v[2 * mid - i], 1e-12, "symmetric");
		}
		assertTrue(jsw.meanMm() > jsw.minMm());
	}

	@Test
	void sameSeedSamePixelsOtherSeedOtherNoiseAndTexture() {
		final JointPhantomParameters a = JointPhantomParameters.builder().spacingMm(
			0.2).seed(11).build();
		final float[] first = Pixels.of(JointPhantom.render(a).attenuation()
			.pixels());
		final float[] again = Pixels.of(JointPhantom.render(a).attenuation()
			.pixels());
		assertArrayEquals(first, again);
		final JointPhantomResult other = JointPhantom.render(a.toBuilder().seed(12)
			.build());
		final float[] otherPixels = Pixels.of(other.attenuation().pixels());
		int differing = 0;
		for (int i = 0; i < first.length; i++) {
			if (first[i] != otherPixels[i]) differing++;
		}
		assertTrue(differing > first.length / 2, "noise differs: " + differing);
		// the texture (noise-free bone layer) differs too
		assertFalse(java.util.Arrays.equals(Pixels.of(JointPhantom.render(a)
			.proximalLayer().pixels()), Pixels.of(other.proximalLayer().pixels())));
	}

	@Test
	void flexionMakesTheBonesProjectionsOverlap() {
		assertEquals(0, overlapPixels(clean().build()));
		final double flexion = 30;
		final JointPhantomParameters p = clean().flexionDeg(flexion)
			.supersampling(4).build();
		assertTrue(overlapPixels(p) > 0);
		// on the joint axis the lowest point of the flexed base is its lip at
		// depth b_z: (a_v + w)·cos θ − b_z·sin θ above the head centre, while
		// the head reaches a_v: the projections overlap by the difference
		final double theta = Math.toRadians(flexion);
		final double expectedMm = 3.6 - ((3.6 + 1.5) * Math.cos(theta) - 3.4 *
			Math.sin(theta));
		final JointPhantomResult r = JointPhantom.render(p);
		final int w = p.widthPx();
		final float[] cp = Pixels.of(r.proximalCoverage());
		final float[] cd = Pixels.of(r.distalCoverage());
		double overlapPx = 0;
		for (int y = 0; y < p.heightPx(); y++) {
			overlapPx += Math.max(0, cp[y * w + w / 2] + cd[y * w + w / 2] - 1);
		}
		assertEquals(expectedMm / p.spacingMm(), overlapPx, 0.5);
	}

	@Test
	void bonesNeverInterpenetrateIn3D() {
		final SplittableRandom random = new SplittableRandom(3);
		for (final double flexion : new double[] { 0, 20, 40 }) {
			final JointGeometry g = new JointGeometry(JointPhantomParameters
				.builder().jswMm(0.2).flexionDeg(flexion).build());
			final org.bonexr.phantom.shape.Solid distal = g.distalOuter.placed(
				g.flexion);
			for (int i = 0; i < 200000; i++) {
				final double[] pt = { 12 * random.nextDouble() - 6, 10 * random
					.nextDouble() - 7, 8 * random.nextDouble() - 4 };
				assertFalse(g.proximalOuter.contains(pt) && distal.contains(pt),
					"collision at flexion " + flexion);
			}
		}
	}

	@Test
	void spacingSetsTheImageSize() {
		final JointPhantomResult r = JointPhantom.render(clean().spacingMm(0.2)
			.fieldMm(24, 32).build());
		assertEquals(120, r.attenuation().width());
		assertEquals(160, r.attenuation().height());
		assertEquals(0.2, r.attenuation().spacing().xMm(), 0);
		assertEquals(480, clean().spacingMm(0.05).build().widthPx());
		assertEquals(640, clean().spacingMm(0.05).build().heightPx());
	}

	/**
	 * The separation's soft-tissue layer completes the sum to the radiograph
	 * before noise; scatter, which moves intensity from the open field into
	 * the bones' shadows (keeping the total), lowers it under the bones.
	 */
	@Test
	void softTissueWithScatterCompletesTheSumBeforeNoise() {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().flexionDeg(25).seed(7).build());
		final float[] before = Pixels.of(r.attenuationBeforeNoise().pixels());
		final float[] ideal = Pixels.of(r.attenuationNoiseFree().pixels());
		final float[] p = Pixels.of(r.proximalLayer().pixels());
		final float[] d = Pixels.of(r.distalLayer().pixels());
		final float[] s = Pixels.of(r.softTissueWithScatter().pixels());
		final float[] soft = Pixels.of(r.softTissueLayer().pixels());
		double underBone = 0, photonsBefore = 0, photonsIdeal = 0;
		int n = 0;
		for (int i = 0; i < before.length; i++) {
			assertEquals(before[i], p[i] + d[i] + s[i], 1e-5);
			photonsBefore += Math.exp(-before[i]);
			photonsIdeal += Math.exp(-ideal[i]);
			if (p[i] > 0 || d[i] > 0) {
				underBone += s[i] - soft[i];
				n++;
			}
		}
		assertTrue(underBone / n < -1e-3, "scatter under the bones: " +
			underBone / n);
		assertEquals(1, photonsBefore / photonsIdeal, 0.005);
		final JointPhantomResult clean = JointPhantom.render(clean().flexionDeg(25)
			.seed(7).build());
		assertArrayEquals(Pixels.of(clean.softTissueLayer().pixels()), Pixels.of(
			clean.softTissueWithScatter().pixels()), 1e-5f);
	}

	@Test
	void withoutDegradationTheDetectedImageIsTheIdealOne() {
		final JointPhantomResult r = JointPhantom.render(clean().spacingMm(0.2)
			.build());
		final float[] a = Pixels.of(r.attenuation().pixels());
		final float[] ideal = Pixels.of(r.attenuationNoiseFree().pixels());
		final float[] i = Pixels.of(r.intensity().pixels());
		for (int k = 0; k < a.length; k++) {
			assertEquals(ideal[k], a[k], 1e-6);
			assertEquals(r.i0() * Math.exp(-ideal[k]), i[k], 1e-2);
		}
	}

	@Test
	void invalidParametersAreRefusedWithAFix() {
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> JointPhantomParameters.builder().softTissueThicknessMm(5).build());
		assertTrue(e.fix().contains("thickness"));
		assertThrows(BoneXRException.class, () -> JointPhantomParameters.builder()
			.jswMm(-1).build());
		assertThrows(BoneXRException.class, () -> JointPhantomParameters.builder()
			.baseConcavityRadiusMm(5).build());
	}

	private static long overlapPixels(final JointPhantomParameters p) {
		final JointPhantomResult r = JointPhantom.render(p);
		final byte[] a = Pixels.bytes(r.proximalMask());
		final byte[] b = Pixels.bytes(r.distalMask());
		long n = 0;
		for (int i = 0; i < a.length; i++) {
			if (a[i] != 0 && b[i] != 0) n++;
		}
		return n;
	}
}
