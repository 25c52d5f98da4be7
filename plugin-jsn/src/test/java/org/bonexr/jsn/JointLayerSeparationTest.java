package org.bonexr.jsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.RealPixels;
import org.bonexr.model.BioImageModel;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.separation.ShippedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSW on the layers the shipped (demo, phantom-trained) separation model
 * makes, against the joint phantom's truth: without flexion the accuracy
 * goals hold at 0.05, 0.1 and 0.2 mm/px; with flexion the layers beat the
 * raw radiograph and meet the goals at 10° and 0.1 / 0.2 mm/px and at 28°
 * and 0.05 / 0.1 / 0.2 mm/px; at 10° and 0.05 mm/px not on every seed (the
 * demo model places a narrow joint's tilted base early; see docs/jsn.md for
 * the figures).
 */
class JointLayerSeparationTest {

	private static BioImageModel model;

	@BeforeAll
	static void open() {
		model = BioImageModel.open(ShippedModel.path(), null);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	private static double mae(final JointLayerSeparation.Separated s,
		final JointPhantomResult r)
	{
		return new JswTruthComparison(new JointSpaceWidth().measure(s.joint(),
			JointAxis.fromMasks(r.proximalMask(), r.distalMask())), r.jsw())
				.meanAbsoluteError();
	}

	@Test
	void shippedModelRunsWithinItsTrainingScale() {
		final JointLayerSeparation sep = JointLayerSeparation.shipped(model);
		assertEquals(0.07, sep.modelSpacingMm(0.05), 1e-12);
		assertEquals(0.1, sep.modelSpacingMm(0.1), 1e-12);
		assertEquals(0.15, sep.modelSpacingMm(0.2), 1e-12);
		// and around that size, within the sizes it was trained at (0.05–0.15 mm)
		assertArrayEquals(new double[] { 0.75, 0.875, 1, 1.125, 1.25 }, sep
			.scaleFactors(0.07, 0.07), 0);
		assertArrayEquals(new double[] { 0.75, 0.875, 1 }, sep.scaleFactors(0.15,
			0.15), 0);
		// a model that states no training scale runs once, at the image's
		assertArrayEquals(new double[] { 1 }, JointLayerSeparation.of(model)
			.scaleFactors(0.1, 0.1), 0);
	}

	private static final double[] WIDTHS_MM = { 0.3, 0.5, 1.0, 2.0, 3.0 };

	/** Mean absolute JSW error over JSW 0.3–3 mm (seed 1), no flexion, mm. */
	private static double meanError(final double spacingMm) {
		return meanError(spacingMm, 0);
	}

	/** Mean absolute JSW error over JSW 0.3–3 mm (seed 1), mm. */
	private static double meanError(final double spacingMm,
		final double flexionDeg)
	{
		return meanError(JointLayerSeparation.shipped(model), spacingMm,
			flexionDeg);
	}

	/** The same with a given separation. */
	private static double meanError(final JointLayerSeparation separation,
		final double spacingMm, final double flexionDeg)
	{
		double sum = 0;
		for (final double w : WIDTHS_MM) {
			final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
				.builder().spacingMm(spacingMm).jswMm(w).flexionDeg(flexionDeg).seed(1)
				.build());
			sum += mae(separation.separate(r.attenuation(), null), r);
		}
		return sum / WIDTHS_MM.length;
	}

	/** The goal at 0.1 mm/px: mean absolute error ≤ 0.03 mm. */
	@Test
	void atTheModelsScaleMeetsTheAccuracyGoal() {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.1).jswMm(1.0).seed(3).build());
		final JointLayerSeparation.Separated s = JointLayerSeparation.shipped(
			model).separate(r.attenuation(), null);
		assertEquals(r.attenuation().spacing(), s.modelSpacing());
		assertEquals(r.attenuation().width(), s.proximal().width());
		assertTrue(s.proximal().warnings().isEmpty(), s.proximal().warnings()
			.toString());
		final double mae = meanError(0.1);
		assertTrue(mae <= 0.03, "MAE " + mae);
	}

	/**
	 * At 0.05 mm/px the image is resampled to 0.07 mm/px and to four pixel
	 * sizes around it (0.0525–0.0875 mm/px) for the model, and the layers of
	 * each back and averaged (goal at other spacings: ≤ 0.3 px); an earlier
	 * model run at the image's own scale missed the goal (0.038 mm,
	 * docs/jsn.md), which is why the resampling is there.
	 */
	@Test
	void finerImageIsSeparatedAtTheModelsScaleAndMeetsTheGoal() {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.05).jswMm(1.0).seed(3).build());
		final JointLayerSeparation.Separated s = JointLayerSeparation.shipped(
			model).separate(r.attenuation(), null);
		assertEquals(0.07, s.modelSpacing().xMm(), 0.001);
		assertEquals(r.attenuation().width(), s.distal().width());
		assertTrue(s.distal().warnings().stream().anyMatch(w -> w.contains(
			"resampled back")), s.distal().warnings().toString());
		final double mae = meanError(0.05);
		assertTrue(mae <= 0.3 * 0.05, "MAE " + mae);
	}

	/**
	 * At 0.2 mm/px the image is resampled to the model's coarsest training
	 * scale, 0.15 mm/px, and back; goal ≤ 0.3 px.
	 */
	@Test
	void coarserImageIsSeparatedAtTheModelsScaleAndMeetsTheGoal() {
		final double mae = meanError(0.2);
		assertTrue(mae <= 0.3 * 0.2, "MAE " + mae);
	}

	/**
	 * 10° flexion at 0.1 mm/px, where the distal base's projection overlaps
	 * the head: on the model's layers the joint space is found in every case,
	 * and measured better than on the raw radiograph where that finds it at
	 * all (the issue: with overlap, separated layers beat the raw image), with
	 * the goal's accuracy (MAE ≤ 0.03 mm; 0.035 mm before the margins were
	 * smoothed across the joint).
	 */
	@Test
	void withOverlapModelLayersBeatTheRadiograph() {
		double onLayers = 0, rawMinusLayers = 0;
		int rawFound = 0;
		for (final double w : WIDTHS_MM) {
			final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
				.builder().spacingMm(0.1).jswMm(w).flexionDeg(10).seed(1).build());
			final JointAxis axis = JointAxis.fromMasks(r.proximalMask(), r
				.distalMask());
			final double m = mae(JointLayerSeparation.shipped(model).separate(r
				.attenuation(), null), r);
			try {
				rawMinusLayers += new JswTruthComparison(new JointSpaceWidth().measure(
					JointImage.ofRadiograph(r.attenuation()), axis), r.jsw())
						.meanAbsoluteError() - m;
				rawFound++;
			}
			catch (final BoneXRException e) {
				// no joint space visible in the raw radiograph
			}
			onLayers += m;
		}
		assertTrue(rawFound >= 2, rawFound + " raw cases found");
		assertTrue(rawMinusLayers > 0, "raw minus model-layer MAE, summed over " +
			rawFound + " cases: " + rawMinusLayers);
		assertTrue(onLayers / WIDTHS_MM.length <= 0.03, "model-layer MAE " +
			onLayers / WIDTHS_MM.length);
	}

	/**
	 * 10° flexion at 0.2 mm/px: the tilted base is a ramp of about 3 px,
	 * which a network's blurred layer makes look half like a step; taken as
	 * tilted ({@link JointSpaceWidth#MODEL_RAMP_FRACTION}) the goal holds
	 * (≤ 0.3 px; 0.085 mm when such positions were read as steps).
	 */
	@Test
	void atTheCoarsestSpacingATiltedBaseIsReadAsTilted() {
		final double mae = meanError(0.2, 10);
		assertTrue(mae <= 0.3 * 0.2, "model-layer MAE " + mae);
	}

	/**
	 * 28° flexion at 0.1 mm/px: the raw radiograph shows a joint space only
	 * for the widest joint (3 mm); on the model's layers it is found in
	 * every case, the tilted base read from the distal layer, its rounded
	 * crest located by {@link RoundedCrest} (0.065 mm with the highest
	 * sample's kink), both rims with their shape shared across the joint, the
	 * model run at five pixel sizes: the goal (≤ 0.03 mm: 0.025 mm;
	 * 0.027 mm at one pixel size; 0.032 mm with each position's own crest
	 * shape).
	 */
	@Test
	void atStrongFlexionModelLayersMeetTheGoal() {
		final double mae = meanError(0.1, 28);
		assertTrue(mae <= 0.03, "model-layer MAE " + mae);
	}

	/**
	 * 28° flexion at 0.2 mm/px, the goal (≤ 0.3 px): the tilted
	 * base's near rim fitted in the distal layer, with the edge shape shared
	 * across the joint (0.051 mm; 0.056 mm with the model at one pixel size,
	 * 0.058 mm with each position's own shape).
	 */
	@Test
	void atStrongFlexionTheCoarsestSpacingMeetsTheGoal() {
		final double mae = meanError(0.2, 28);
		assertTrue(mae <= 0.3 * 0.2, "model-layer MAE " + mae);
	}

	/**
	 * 28° flexion at 0.05 mm/px, the goal (≤ 0.3 px = 0.015 mm): the
	 * model run at five pixel sizes around 0.07 mm/px and its layers
	 * averaged, the near rim fitted over the end plate's rise, the mid-line
	 * placed more by the rim that scatters less (0.011 mm; 0.018 mm before).
	 * The five pixel sizes are what the runs are for: the layers of the one
	 * size the model ran at before, 0.07 mm/px, measure the tilted base worse
	 * (0.016 mm).
	 */
	@Test
	void atStrongFlexionTheFinestSpacingMeetsTheGoalWithFivePixelSizesNotOne() {
		final double five = meanError(0.05, 28);
		final double one = meanError(new JointLayerSeparation(model, 0.07, 0.07),
			0.05, 28);
		System.out.printf("28°, 0.05 mm/px: model-layer MAE %.4f mm at five " +
			"pixel sizes, %.4f mm at 0.07 mm/px%n", five, one);
		assertTrue(five <= 0.3 * 0.05, "model-layer MAE " + five);
		assertTrue(five < one, five + " vs " + one);
	}

	@Test
	void aModelThatDoesNotStateItsScaleRunsAtTheImagesScaleWithAWarning() {
		// the shipped model's rdf does not state config.bonexr.pixel_size_mm
		final JointLayerSeparation sep = JointLayerSeparation.of(model);
		assertEquals(0.05, sep.modelSpacingMm(0.05), 1e-12);
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.1).jswMm(1.0).seed(3).build());
		final JointLayerSeparation.Separated s = sep.separate(r.attenuation(),
			null);
		assertTrue(s.proximal().warnings().stream().anyMatch(w -> w.contains(
			"does not state")), s.proximal().warnings().toString());
	}

	@Test
	void aRegionSeparatesOnlyASquareAroundIt() {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.05).jswMm(1.0).seed(3).build());
		final JointAxis axis = JointAxis.fromMasks(r.proximalMask(), r
			.distalMask());
		final JointLayerSeparation.Separated s = JointLayerSeparation.shipped(
			model).separate(r.attenuation(), axis);
		// 256 model px of 0.0875 mm (the coarsest of its runs) = 448 px of
		// 0.05 mm wide, centred on the joint: the corners of the 480 x 640 image
		// are left out (0)
		final float[] p = RealPixels.copy(s.proximal().pixels());
		final int w = (int) r.attenuation().width();
		assertEquals(0, p[(int) (r.attenuation().height() - 1) * w], 0);
		assertTrue(new JswTruthComparison(new JointSpaceWidth().measure(s.joint(),
			axis), r.jsw()).meanAbsoluteError() <= 0.3 * 0.05);
	}
}
