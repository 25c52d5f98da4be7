package org.bonexr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;

/** Processing steps against values worked out by hand. */
class ProcessingTest {

	private static Map<String, Object> kwargs(final Object... kv) {
		final Map<String, Object> m = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	/** Channel k holds k*100 + 0..100 on a 101-pixel row. */
	private static FloatTensor ramps(final int channels) {
		final float[] d = new float[channels * 101];
		for (int k = 0; k < channels; k++)
			for (int i = 0; i <= 100; i++) d[k * 101 + i] = k * 100 + i;
		return new FloatTensor(new long[] { channels, 1, 101 }, d);
	}

	@Test
	void scaleRangeUsesPercentilesPerChannel() {
		final FloatTensor t = ramps(2);
		Processing.parse("scale_range", kwargs("mode", "per_sample", "axes", "yx",
			"min_percentile", 10.0, "max_percentile", 90.0, "eps", 1e-6), "raw").apply(
				t);
		// channel 0: p10 = 10, p90 = 90 -> value 50 maps to 0.5; channel 1 likewise
		assertEquals(0.5, t.data()[50], 1e-6);
		assertEquals(0.0, t.data()[10], 1e-6);
		assertEquals(1.0, t.data()[90], 1e-6);
		assertEquals(0.5, t.data()[101 + 50], 1e-6);
	}

	@Test
	void scaleRangeJointOverAllAxesByDefault() {
		final FloatTensor t = ramps(2);
		Processing.parse("scale_range", kwargs("max_percentile", 100.0), "raw")
			.apply(t);
		// joint min 0, max 200 -> value 150 (channel 1, i = 50) maps to 0.75
		assertEquals(0.75, t.data()[101 + 50], 1e-6);
	}

	@Test
	void percentileInterpolatesLikeNumpy() {
		// numpy.percentile([1, 2, 3, 4], 40) = 2.2
		assertEquals(2.2, Processing.percentile(new float[] { 1, 2, 3, 4 }, 40),
			1e-9);
	}

	@Test
	void zeroMeanUnitVariancePerSample() {
		final FloatTensor t = new FloatTensor(new long[] { 1, 2, 2 }, new float[] {
			1, 3, 1, 3 });
		Processing.parse("zero_mean_unit_variance", kwargs("axes", List.of("x",
			"y"), "eps", 1e-6), "in").apply(t);
		// mean 2, population SD 1
		assertEquals(-1, t.data()[0], 1e-5);
		assertEquals(1, t.data()[1], 1e-5);
	}

	@Test
	void fixedNormalisationAndScaleLinearPerChannel() {
		final FloatTensor t = new FloatTensor(new long[] { 2, 1, 1 }, new float[] {
			10, 10 });
		Processing.parse("fixed_zero_mean_unit_variance", kwargs("axis", "channel",
			"mean", List.of(2.0, 4.0), "std", List.of(4.0, 2.0)), "in").apply(t);
		assertEquals(2, t.data()[0], 1e-6);
		assertEquals(3, t.data()[1], 1e-6);
		Processing.parse("scale_linear", kwargs("axis", "channel", "gain", List.of(
			2.0, -1.0), "offset", List.of(1.0, 0.5)), "in").apply(t);
		assertEquals(5, t.data()[0], 1e-6);
		assertEquals(-2.5, t.data()[1], 1e-6);
	}

	@Test
	void pointwiseSteps() {
		final FloatTensor t = new FloatTensor(new long[] { 1, 1, 3 }, new float[] {
			-2, 0, 2 });
		Processing.parse("sigmoid", null, "o").apply(t);
		assertEquals(1 / (1 + Math.exp(2)), t.data()[0], 1e-7);
		assertEquals(0.5, t.data()[1], 1e-7);
		Processing.parse("binarize", kwargs("threshold", 0.6), "o").apply(t);
		assertEquals(0, t.data()[0]);
		assertEquals(0, t.data()[1]);
		assertEquals(1, t.data()[2]);
		final FloatTensor c = new FloatTensor(new long[] { 1, 1, 3 }, new float[] {
			-2, 0.4f, 300 });
		Processing.parse("clip", kwargs("min", 0.0, "max", 1.0), "o").apply(c);
		assertEquals(0, c.data()[0]);
		assertEquals(0.4f, c.data()[1]);
		assertEquals(1, c.data()[2]);
		final FloatTensor u = new FloatTensor(new long[] { 1, 1, 3 }, new float[] {
			-2, 7.6f, 300 });
		Processing.parse("ensure_dtype", kwargs("dtype", "uint8"), "o").apply(u);
		assertEquals(0, u.data()[0]);
		assertEquals(8, u.data()[1]);
		assertEquals(255, u.data()[2]);
	}

	@Test
	void badKwargsSayWhichStep() {
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> Processing.parse("scale_range", kwargs("min_percentile", 99.0,
				"max_percentile", 1.0), "raw"));
		assertEquals(true, e.problem().contains("scale_range") && e.problem()
			.contains("'raw'"), e.getMessage());
		assertThrows(BoneXRException.class, () -> Processing.parse("binarize",
			kwargs(), "o"));
		assertThrows(BoneXRException.class, () -> Processing.parse("scale_linear",
			kwargs("axis", "x", "gain", List.of(1.0, 2.0)), "o"));
	}
}
