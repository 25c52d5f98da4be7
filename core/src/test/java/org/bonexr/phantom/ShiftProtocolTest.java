package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShiftProtocolTest {

	private static JointPhantomResult phantom;
	private static int w, h;

	@BeforeAll
	static void renderPhantom() {
		// 5 px joint space at the centre, bones apart
		phantom = JointPhantom.render(JointPhantomParameters.builder().spacingMm(
			0.2).jswMm(1.0).degradation(XrayDegradation.none()).seed(4).build());
		w = (int) phantom.attenuation().width();
		h = (int) phantom.attenuation().height();
	}

	private static ShiftProtocol.Result shift(final long seed) {
		return new ShiftProtocol().apply(phantom.attenuation(), phantom
			.distalMask(), phantom.proximalMask(), seed);
	}

	@Test
	void layersAndBackgroundAddUpToTheOutput() {
		final ShiftProtocol.Result r = shift(1);
		final float[] a = Pixels.of(r.radiograph.pixels());
		final float[] u = Pixels.of(r.upperLayer.pixels());
		final float[] l = Pixels.of(r.lowerLayer.pixels());
		final float[] b = Pixels.of(r.background.pixels());
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			max = Math.max(max, Math.abs(b[i] + u[i] + l[i] - a[i]));
		}
		assertTrue(max < 1e-6, "max |B + layers - output| = " + max);
		assertEquals(ValueDomain.ATTENUATION, r.radiograph.domain());
		assertEquals(phantom.attenuation().spacing(), r.radiograph.spacing());
		assertEquals(h - r.upperShiftPx - r.lowerShiftPx, r.radiograph.height());
	}

	@Test
	void shiftedMasksOverlapByTheShiftMinusTheGapInEveryColumn() {
		final byte[] up = Pixels.bytes(phantom.distalMask());
		final byte[] low = Pixels.bytes(phantom.proximalMask());
		int seen = 0;
		for (long seed = 0; seed < 6; seed++) {
			final ShiftProtocol.Result r = shift(seed);
			final int s = r.upperShiftPx + r.lowerShiftPx;
			final byte[] mu = Pixels.bytes(r.upperMask);
			final byte[] ml = Pixels.bytes(r.lowerMask);
			final int outH = h - s;
			long expected = 0, actual = 0;
			for (int x = 0; x < w; x++) {
				final int gap = gapRows(up, low, x);
				int both = 0;
				for (int y = 0; y < outH; y++) {
					if (mu[y * w + x] != 0 && ml[y * w + x] != 0) both++;
				}
				if (gap >= 0) expected += Math.max(0, s - gap);
				actual += both;
				if (gap >= 0) assertEquals(Math.max(0, s - gap), both, "column " + x);
			}
			assertEquals(expected, actual);
			if (expected > 0) seen++;
		}
		assertTrue(seen > 0, "some seeds make the bones overlap");
		// the centre column's gap is the set JSW: 1.0 mm = 5 px
		assertEquals(5, gapRows(up, low, w / 2));
	}

	/** Rows between the upper bone's lowest and the lower bone's highest pixel in column x (−1 if either is absent). */
	private static int gapRows(final byte[] up, final byte[] low, final int x) {
		int lastUp = -1, firstLow = -1;
		for (int y = 0; y < h; y++) {
			if (up[y * w + x] != 0) lastUp = y;
			if (low[y * w + x] != 0 && firstLow < 0) firstLow = y;
		}
		return lastUp < 0 || firstLow < 0 ? -1 : firstLow - lastUp - 1;
	}

	@Test
	void shiftsAreSeededAndSpanTwoToEightPixels() {
		final Set<Integer> values = new HashSet<>();
		for (long seed = 0; seed < 40; seed++) {
			final ShiftProtocol.Result r = shift(seed);
			assertTrue(r.upperShiftPx >= 2 && r.upperShiftPx <= 8);
			assertTrue(r.lowerShiftPx >= 2 && r.lowerShiftPx <= 8);
			values.add(r.upperShiftPx);
			values.add(r.lowerShiftPx);
			assertEquals(r.upperShiftPx, shift(seed).upperShiftPx);
		}
		assertEquals(7, values.size());
	}

	@Test
	void backgroundIsTheImageAwayFromTheBonesAndTheSoftTissueUnderThem() {
		final ShiftProtocol.Result r = shift(3);
		final float[] a = Pixels.of(phantom.attenuation().pixels());
		final float[] soft = Pixels.of(phantom.softTissueLayer().pixels());
		final float[] boneTruth = Pixels.of(phantom.distalLayer().pixels());
		final float[] b = Pixels.of(r.background.pixels());
		final byte[] mu = Pixels.bytes(phantom.distalMask());
		final int top = r.upperShiftPx;
		// column far from the bones: background = input
		for (int y = 0; y < r.radiograph.height(); y++) {
			assertEquals(a[(y + top) * w + 3], b[y * w + 3], 0);
		}
		// under the distal shaft the harmonic fill underestimates the convex
		// finger section: error at most the soft-tissue chord deficit
		double err = 0, truth = 0, maxErr = 0;
		int n = 0;
		for (int y = 0; y < r.radiograph.height(); y++) {
			for (int x = 0; x < w; x++) {
				final int i = (y + top) * w + x;
				if (mu[i] == 0) continue;
				final double e = soft[i] - b[y * w + x];
				err += e;
				maxErr = Math.max(maxErr, Math.abs(e));
				truth += boneTruth[i];
				n++;
			}
		}
		// the finger is an elliptic cylinder of soft tissue: the model is exact
		// up to the discretisation of the pixel footprint
		assertTrue(maxErr < 0.005, "max background error " + maxErr);
		assertTrue(Math.abs(err) / truth < 0.01, "mean background error " + err /
			n + " vs mean layer " + truth / n);
		System.out.printf("shift protocol on the joint phantom: mean background " +
			"error %.5f (%.1f%% of the mean distal layer %.4f)%n", err / n, 100 *
				err / truth, truth / n);
	}

	@Test
	void backgroundStaysUnbiasedUnderNoiseAndScatter() {
		final JointPhantomResult noisy = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.2).jswMm(1.0).seed(4).build());
		final ShiftProtocol.Result r = new ShiftProtocol().apply(noisy
			.attenuation(), noisy.distalMask(), noisy.proximalMask(), 3);
		final float[] soft = Pixels.of(noisy.softTissueLayer().pixels());
		final float[] bone = Pixels.of(noisy.distalLayer().pixels());
		final float[] b = Pixels.of(r.background.pixels());
		final byte[] mu = Pixels.bytes(noisy.distalMask());
		double err = 0, truth = 0;
		for (int y = 0; y < r.radiograph.height(); y++) {
			for (int x = 0; x < w; x++) {
				final int i = (y + r.upperShiftPx) * w + x;
				if (mu[i] == 0) continue;
				err += soft[i] - b[y * w + x];
				truth += bone[i];
			}
		}
		// scatter adds a smooth veil that the fit attributes to soft tissue
		assertTrue(Math.abs(err) / truth < 0.05, "background error " + err /
			truth);
	}

	@Test
	void badInputIsRefused() {
		final ShiftProtocol p = new ShiftProtocol();
		assertThrows(BoneXRException.class, () -> p.apply(phantom.intensity(),
			phantom.distalMask(), phantom.proximalMask(), 1));
		assertThrows(BoneXRException.class, () -> p.apply(phantom.attenuation(),
			phantom.proximalMask(), phantom.distalMask(), 1), "swapped masks");
		assertThrows(BoneXRException.class, () -> p.apply(phantom.attenuation(),
			phantom.distalMask(), phantom.distalMask(), 1), "overlapping masks");
	}
}
