package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.function.IntToDoubleFunction;

import org.bonexr.jsn.JointImage.Bone;
import org.bonexr.phantom.JointPhantomResult;
import org.junit.jupiter.api.Test;

/** Each margin compared with the phantom's true margin, on its own. */
class JswTruthComparisonTest {

	/** Pixel size of the phantom, mm. */
	private static final double SPACING = 0.1;
	/** No flexion, true JSW 1 mm, seed 3. */
	private static final JointPhantomResult PHANTOM = Phantoms.render(SPACING,
		1.0, 0, 3);

	/**
	 * Exact layers of a phantom without flexion put both margins on the true
	 * outline (within 0.1 px); moving the measured margins along the axis by
	 * known distances (proximal 0.3 px towards the head, distal 0.5 px towards
	 * the distal bone) changes each margin's mean error by exactly that many
	 * mm, with the sign that tells which way, and leaves its scatter.
	 */
	@Test
	void marginErrorsAreSignedDistancesAlongTheAxisInMm() {
		final JswMeasurement m = onExactLayers();
		final JswTruthComparison exact = new JswTruthComparison(m, PHANTOM.jsw());
		for (final Bone b : Bone.values()) {
			assertTrue(Math.abs(exact.meanMarginError(b)) < 0.1 * SPACING, b +
				" margin error " + exact.meanMarginError(b) + " mm");
		}
		final JswTruthComparison moved = new JswTruthComparison(moved(m, j -> -0.3,
			j -> 0.5), PHANTOM.jsw());
		assertEquals(exact.meanMarginError(Bone.PROXIMAL) - 0.3 * SPACING, moved
			.meanMarginError(Bone.PROXIMAL), 1e-9);
		assertEquals(exact.meanMarginError(Bone.DISTAL) + 0.5 * SPACING, moved
			.meanMarginError(Bone.DISTAL), 1e-9);
		assertEquals(exact.marginErrorSd(Bone.DISTAL), moved.marginErrorSd(
			Bone.DISTAL), 1e-9);
		assertEquals(exact.meanError() + 0.8 * SPACING, moved.meanError(), 1e-9);
	}

	/**
	 * A distal margin moved by ±0.2 px at alternate positions scatters by
	 * 0.02 mm more: its SD² grows by that pattern's variance (the exact
	 * layers' own smooth error does not correlate with it), the proximal SD
	 * stays.
	 */
	@Test
	void marginScatterIsTheSdOfTheErrorAcrossTheJoint() {
		final JswMeasurement m = onExactLayers();
		final JswTruthComparison exact = new JswTruthComparison(m, PHANTOM.jsw());
		final JswTruthComparison zigzag = new JswTruthComparison(moved(m, j -> 0,
			j -> j % 2 == 0 ? 0.2 : -0.2), PHANTOM.jsw());
		final double added = Math.sqrt(Math.pow(zigzag.marginErrorSd(Bone.DISTAL),
			2) - Math.pow(exact.marginErrorSd(Bone.DISTAL), 2));
		assertEquals(0.2 * SPACING, added, 0.03 * 0.2 * SPACING);
		assertEquals(exact.marginErrorSd(Bone.PROXIMAL), zigzag.marginErrorSd(
			Bone.PROXIMAL), 1e-9);
	}

	/** JSW measured on the phantom's exact layers. */
	private static JswMeasurement onExactLayers() {
		return new JointSpaceWidth().measure(Phantoms.layers(PHANTOM), Phantoms
			.axis(PHANTOM));
	}

	/** The measurement with its margins moved along the axis, px by position. */
	private static JswMeasurement moved(final JswMeasurement m,
		final IntToDoubleFunction proximal, final IntToDoubleFunction distal)
	{
		final JointAxis a = m.axis();
		final double step = a.axisStep(m.spacing());
		final double[] px = m.proximalX(), py = m.proximalY();
		final double[] dx = m.distalX(), dy = m.distalY();
		final double[] jsw = m.jswProfile();
		for (int j = 0; j < jsw.length; j++) {
			final double proximalPx = proximal.applyAsDouble(j);
			final double distalPx = distal.applyAsDouble(j);
			px[j] += proximalPx * a.axisX();
			py[j] += proximalPx * a.axisY();
			dx[j] += distalPx * a.axisX();
			dy[j] += distalPx * a.axisY();
			jsw[j] += (distalPx - proximalPx) * step;
		}
		return new JswMeasurement(a, m.spacing(), m.fromLayers(), m
			.lateralPositions(), jsw, px, py, dx, dy, m.lateralPositions()[1] - m
				.lateralPositions()[0], Collections.emptyList());
	}
}
