package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;


import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.junit.jupiter.api.Test;

/** Progression between two phantom visits, and the registration itself. */
class JointSpaceComparisonTest {

	@Test
	void narrowingOfATenthOfAMmIsMeasuredWithinThreeHundredths() {
		final JointPhantomParameters p1 = JointPhantomParameters.builder()
			.spacingMm(0.1).jswMm(1.0).supersampling(2).seed(21).build();
		// visit 2: 0.1 mm narrower, joint moved and turned slightly, new noise
		final JointPhantomParameters p2 = p1.toBuilder().jswMm(0.9)
			.centreOffsetMm(0.23, -0.17).axisAngleDeg(1).build();
		final JointPhantomResult v1 = JointPhantom.render(p1);
		final JointPhantomResult v2 = JointPhantom.render(p2);
		final JswChange c = new JointSpaceComparison().compare(Phantoms.raw(v1),
			JointImage.ofRadiograph(Phantoms.reexposed(v2, 9999)), Phantoms.axis(
				v1));
		System.out.println("progression: " + c + ", shifts " + Arrays.toString(c
			.proximalShiftPx()) + " " + Arrays.toString(c.distalShiftPx()));
		assertEquals(-0.1, c.deltaJsw(), 0.03);
		assertEquals(-0.1, c.deltaJswDirect(), 0.03);
	}

	@Test
	void visitsOfDifferentSpacingAreAnError() {
		final JointPhantomResult v = Phantoms.render(0.2, 1.0, 0, 22);
		final Radiograph other = new Radiograph("other", v.attenuation().pixels(),
			PixelSpacing.mm(0.15, 0.15), ValueDomain.ATTENUATION);
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> new JointSpaceComparison().compare(Phantoms.raw(v), JointImage
				.ofRadiograph(other), Phantoms.axis(v)));
		assertEquals(true, e.getMessage().contains("different pixel spacings"));
	}

	@Test
	void phaseCorrelationRecoversASubPixelShift() {
		final int n = 64;
		final double dx = 3.37, dy = -1.81;
		final double[] a = new double[n * n], b = new double[n * n];
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				a[y * n + x] = blobs(x, y);
				b[y * n + x] = blobs(x - dx, y - dy);
			}
		}
		final double[] s = PhaseCorrelation.shift(a, b, n);
		assertEquals(dx, s[0], 0.02);
		assertEquals(dy, s[1], 0.02);
	}

	private static double blobs(final double x, final double y) {
		return Math.exp(-((x - 30) * (x - 30) + (y - 28) * (y - 28)) / 20) + 0.5 *
			Math.exp(-((x - 24) * (x - 24) + (y - 36) * (y - 36)) / 8) + 0.3 * Math
				.exp(-((x - 38) * (x - 38) + (y - 33) * (y - 33)) / 12);
	}

	@Test
	void gradeFollowsTheRatioToNormal() {
		assertEquals(0, JsnGrade.suggest(1.5, 1.5));
		assertEquals(1, JsnGrade.suggest(1.2, 1.5));
		assertEquals(2, JsnGrade.suggest(0.9, 1.5));
		assertEquals(3, JsnGrade.suggest(0.3, 1.5));
		assertEquals(4, JsnGrade.suggest(0, 1.5));
		assertThrows(BoneXRException.class, () -> JsnGrade.suggest(1, 0));
	}
}
