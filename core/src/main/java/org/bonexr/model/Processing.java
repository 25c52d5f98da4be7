package org.bonexr.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonexr.core.BoneXRException;

/**
 * One pre- or post-processing step of a bioimage.io tensor description
 * (model spec 0.4 {@code name} / 0.5 {@code id} plus {@code kwargs}).
 * <p>
 * Steps act on the whole image in the canonical layout {@code cyx} (see
 * {@link TensorLayout}), before tiling (pre-processing) or after the tiles
 * are merged (post-processing), so that statistics such as percentiles are
 * those of the whole image and tiles cannot disagree. Axis letters:
 * {@code b} batch, {@code c} channel, {@code y}, {@code x}. A step changes the
 * tensor it is given in place; the runtime hands it its own copy.
 * <p>
 * Supported: {@code scale_linear}, {@code scale_range} (per sample),
 * {@code zero_mean_unit_variance} (per sample or fixed),
 * {@code fixed_zero_mean_unit_variance}, {@code clip}, {@code sigmoid},
 * {@code binarize}, {@code ensure_dtype}.
 */
public abstract class Processing {

	private final String id;

	Processing(final String id) {
		this.id = id;
	}

	/** The step's bioimage.io id, e.g. {@code scale_range}. */
	public String id() {
		return id;
	}

	/** Applies the step in place to a {@code cyx} tensor. */
	public abstract void apply(FloatTensor cyx);

	@Override
	public String toString() {
		return id;
	}

	/**
	 * Builds a step from its rdf description.
	 *
	 * @param id step id (0.5) or name (0.4)
	 * @param kwargs its keyword arguments (may be empty)
	 * @param tensorId the tensor it belongs to, for messages and references
	 */
	static Processing parse(final String id, final Map<String, Object> kwargs,
		final String tensorId)
	{
		final Kwargs k = new Kwargs(kwargs, id, tensorId);
		switch (id) {
			case "scale_linear":
				k.valueAxis();
				return new ScaleLinear(k.floats("gain", 1), k.floats("offset", 0));
			case "clip":
				return new Clip(k.number("min", Double.NEGATIVE_INFINITY), k.number(
					"max", Double.POSITIVE_INFINITY));
			case "sigmoid":
				return new Sigmoid();
			case "binarize":
				k.valueAxis();
				final double[] threshold = k.floats("threshold", Double.NaN);
				if (Double.isNaN(threshold[0])) throw k.invalid("'threshold' is missing");
				return new Binarize(threshold);
			case "ensure_dtype":
				return new EnsureDtype(k.string("dtype", "float32"));
			case "fixed_zero_mean_unit_variance":
				k.valueAxis();
				return new FixedZeroMeanUnitVariance(k.floats("mean", Double.NaN), k
					.floats("std", Double.NaN));
			case "zero_mean_unit_variance": {
				final String mode = k.string("mode", "per_sample");
				if ("fixed".equals(mode)) return new FixedZeroMeanUnitVariance(k
					.floats("mean", Double.NaN), k.floats("std", Double.NaN));
				k.requirePerSample(mode);
				return new ZeroMeanUnitVariance(k.reducedAxes(), k.number("eps",
					1e-6));
			}
			case "scale_range": {
				k.requirePerSample(k.string("mode", "per_sample"));
				final Object ref = kwargs == null ? null : kwargs.get("reference_tensor");
				if (ref != null && !ref.toString().equals(tensorId)) {
					throw new BoneXRException("The model's '" + tensorId +
						"' scale_range step refers to another tensor ('" + ref + "').",
						"BoneXR supports scale_range on the tensor itself only; " +
							"re-export the model without reference_tensor.");
				}
				final double lo = k.number("min_percentile", 0);
				final double hi = k.number("max_percentile", 100);
				if (!(lo >= 0 && hi <= 100 && lo < hi)) {
					throw k.invalid("min_percentile " + lo + " and max_percentile " + hi +
						" must satisfy 0 <= min < max <= 100");
				}
				return new ScaleRange(lo, hi, k.number("eps", 1e-6), k.reducedAxes());
			}
			default:
				throw new BoneXRException("The model's '" + tensorId +
					"' tensor asks for the processing step '" + id +
					"', which BoneXR does not know.",
					"Supported steps: scale_linear, scale_range, zero_mean_unit_variance, " +
						"fixed_zero_mean_unit_variance, clip, sigmoid, binarize, ensure_dtype.");
		}
	}

	// -- steps --

	static final class ScaleLinear extends Processing {

		private final double[] gain;
		private final double[] offset;

		ScaleLinear(final double[] gain, final double[] offset) {
			super("scale_linear");
			this.gain = gain;
			this.offset = offset;
		}

		@Override
		public void apply(final FloatTensor t) {
			forEachChannel(t, (c, data, from, to) -> {
				final double g = perChannel(gain, c, "gain"), o = perChannel(offset, c,
					"offset");
				for (int i = from; i < to; i++) data[i] = (float) (data[i] * g + o);
			});
		}
	}

	static final class Clip extends Processing {

		private final float min;
		private final float max;

		Clip(final double min, final double max) {
			super("clip");
			this.min = (float) min;
			this.max = (float) max;
		}

		@Override
		public void apply(final FloatTensor t) {
			final float[] d = t.data();
			for (int i = 0; i < d.length; i++) d[i] = Math.max(min, Math.min(max,
				d[i]));
		}
	}

	static final class Sigmoid extends Processing {

		Sigmoid() {
			super("sigmoid");
		}

		@Override
		public void apply(final FloatTensor t) {
			final float[] d = t.data();
			for (int i = 0; i < d.length; i++) d[i] = (float) (1 / (1 + Math.exp(
				-d[i])));
		}
	}

	static final class Binarize extends Processing {

		private final double[] threshold;

		Binarize(final double[] threshold) {
			super("binarize");
			this.threshold = threshold;
		}

		@Override
		public void apply(final FloatTensor t) {
			forEachChannel(t, (c, data, from, to) -> {
				final double th = perChannel(threshold, c, "threshold");
				for (int i = from; i < to; i++) data[i] = data[i] > th ? 1 : 0;
			});
		}
	}

	/** Float types: nothing to do; integer types: round and clip to the type's range. */
	static final class EnsureDtype extends Processing {

		private final double min;
		private final double max;
		private final boolean integer;

		EnsureDtype(final String dtype) {
			super("ensure_dtype");
			switch (dtype) {
				case "float32": case "float64": integer = false; min = max = 0; break;
				case "uint8": integer = true; min = 0; max = 255; break;
				case "int8": integer = true; min = -128; max = 127; break;
				case "uint16": integer = true; min = 0; max = 65535; break;
				case "int16": integer = true; min = -32768; max = 32767; break;
				case "uint32": integer = true; min = 0; max = 4294967295.0; break;
				case "int32": integer = true; min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
				case "bool": integer = true; min = 0; max = 1; break;
				default:
					throw new BoneXRException("The model asks for values of type '" +
						dtype + "' (ensure_dtype), which BoneXR does not know.",
						"Use float32, float64, (u)int8, (u)int16, (u)int32 or bool.");
			}
		}

		@Override
		public void apply(final FloatTensor t) {
			if (!integer) return;
			final float[] d = t.data();
			for (int i = 0; i < d.length; i++) d[i] = (float) Math.max(min, Math.min(
				max, Math.rint(d[i])));
		}
	}

	static final class FixedZeroMeanUnitVariance extends Processing {

		private final double[] mean;
		private final double[] std;

		FixedZeroMeanUnitVariance(final double[] mean, final double[] std) {
			super("fixed_zero_mean_unit_variance");
			if (mean.length != std.length || Double.isNaN(mean[0]) || Double.isNaN(
				std[0]))
			{
				throw new BoneXRException(
					"A fixed zero_mean_unit_variance step needs 'mean' and 'std' of the same length.",
					"Give both in the model's rdf.yaml.");
			}
			this.mean = mean;
			this.std = std;
		}

		@Override
		public void apply(final FloatTensor t) {
			forEachChannel(t, (c, data, from, to) -> {
				final double m = perChannel(mean, c, "mean"), s = perChannel(std, c,
					"std");
				for (int i = from; i < to; i++) data[i] = (float) ((data[i] - m) / s);
			});
		}
	}

	/** {@code out = (x - mean) / (std + eps)}, statistics per group of the non-reduced axes. */
	static final class ZeroMeanUnitVariance extends Processing {

		private final String axes;
		private final double eps;

		ZeroMeanUnitVariance(final String axes, final double eps) {
			super("zero_mean_unit_variance");
			this.axes = axes;
			this.eps = eps;
		}

		@Override
		public void apply(final FloatTensor t) {
			final Groups g = new Groups(t, axes);
			final double[] sum = new double[g.count], sum2 = new double[g.count];
			final long[] n = new long[g.count];
			final float[] d = t.data();
			for (int i = 0; i < d.length; i++) {
				final int k = g.of(i);
				sum[k] += d[i];
				n[k]++;
			}
			final double[] mean = new double[g.count];
			for (int k = 0; k < g.count; k++) mean[k] = sum[k] / n[k];
			for (int i = 0; i < d.length; i++) {
				final double v = d[i] - mean[g.of(i)];
				sum2[g.of(i)] += v * v;
			}
			final double[] scale = new double[g.count];
			for (int k = 0; k < g.count; k++) scale[k] = 1 / (Math.sqrt(sum2[k] /
				n[k]) + eps);
			for (int i = 0; i < d.length; i++) {
				final int k = g.of(i);
				d[i] = (float) ((d[i] - mean[k]) * scale[k]);
			}
		}
	}

	/**
	 * {@code out = (x - p_lo) / (p_hi - p_lo + eps)} with percentiles of each
	 * group (linear interpolation between order statistics, as NumPy's default).
	 */
	static final class ScaleRange extends Processing {

		private final double minPercentile;
		private final double maxPercentile;
		private final double eps;
		private final String axes;

		ScaleRange(final double minPercentile, final double maxPercentile,
			final double eps, final String axes)
		{
			super("scale_range");
			this.minPercentile = minPercentile;
			this.maxPercentile = maxPercentile;
			this.eps = eps;
			this.axes = axes;
		}

		@Override
		public void apply(final FloatTensor t) {
			final Groups g = new Groups(t, axes);
			final float[] d = t.data();
			final int[] counts = new int[g.count];
			for (int i = 0; i < d.length; i++) counts[g.of(i)]++;
			final float[][] values = new float[g.count][];
			for (int k = 0; k < g.count; k++) values[k] = new float[counts[k]];
			Arrays.fill(counts, 0);
			for (int i = 0; i < d.length; i++) {
				final int k = g.of(i);
				values[k][counts[k]++] = d[i];
			}
			final double[] lo = new double[g.count], scale = new double[g.count];
			for (int k = 0; k < g.count; k++) {
				Arrays.sort(values[k]);
				lo[k] = percentile(values[k], minPercentile);
				scale[k] = 1 / (percentile(values[k], maxPercentile) - lo[k] + eps);
				values[k] = null;
			}
			for (int i = 0; i < d.length; i++) {
				final int k = g.of(i);
				d[i] = (float) ((d[i] - lo[k]) * scale[k]);
			}
		}
	}

	/** Percentile (0..100) of sorted values, linear interpolation. */
	static double percentile(final float[] sorted, final double p) {
		final double pos = p / 100 * (sorted.length - 1);
		final int i = (int) Math.floor(pos);
		if (i >= sorted.length - 1) return sorted[sorted.length - 1];
		final double f = pos - i;
		return sorted[i] + f * ((double) sorted[i + 1] - sorted[i]);
	}

	// -- helpers --

	private interface ChannelRange {

		void apply(int c, float[] data, int from, int to);
	}

	private static void forEachChannel(final FloatTensor t, final ChannelRange r) {
		final int channels = (int) t.size(0);
		final int plane = t.data().length / Math.max(1, channels);
		for (int c = 0; c < channels; c++) r.apply(c, t.data(), c * plane, (c + 1) *
			plane);
	}

	private static double perChannel(final double[] v, final int c,
		final String what)
	{
		if (v.length == 1) return v[0];
		if (c < v.length) return v[c];
		throw new BoneXRException("The model gives " + v.length + " values of '" +
			what + "', but the image has more channels.",
			"Give one value per channel in the model's rdf.yaml.");
	}

	/** Groups of a cyx tensor over which statistics are pooled. */
	private static final class Groups {

		final int count;
		private final boolean keepC, keepY, keepX;
		private final int h, w, plane;

		Groups(final FloatTensor t, final String reduced) {
			final int c = (int) t.size(0);
			h = (int) t.size(1);
			w = (int) t.size(2);
			plane = h * w;
			keepC = reduced.indexOf('c') < 0;
			keepY = reduced.indexOf('y') < 0;
			keepX = reduced.indexOf('x') < 0;
			count = (keepC ? c : 1) * (keepY ? h : 1) * (keepX ? w : 1);
		}

		int of(final int i) {
			int k = 0;
			if (keepC) k = i / plane;
			if (keepY) k = k * h + (i / w) % h;
			if (keepX) k = k * w + i % w;
			return k;
		}
	}

	/** Typed access to kwargs with messages that name the step and tensor. */
	private static final class Kwargs {

		private final Map<String, Object> map;
		private final String step;
		private final String tensor;

		Kwargs(final Map<String, Object> map, final String step,
			final String tensor)
		{
			this.map = map == null ? Map.of() : map;
			this.step = step;
			this.tensor = tensor;
		}

		BoneXRException invalid(final String why) {
			return new BoneXRException("The '" + step + "' step of the model's '" +
				tensor + "' tensor is invalid: " + why + ".",
				"Correct the kwargs of this step in the model's rdf.yaml.");
		}

		String string(final String key, final String fallback) {
			final Object v = map.get(key);
			return v == null ? fallback : v.toString();
		}

		double number(final String key, final double fallback) {
			final Object v = map.get(key);
			if (v == null) return fallback;
			if (v instanceof Number) return ((Number) v).doubleValue();
			throw invalid("'" + key + "' must be a number, not '" + v + "'");
		}

		double[] floats(final String key, final double fallback) {
			final Object v = map.get(key);
			if (v == null) return new double[] { fallback };
			if (v instanceof Number) return new double[] { ((Number) v)
				.doubleValue() };
			if (v instanceof Collection) {
				final List<Double> out = new ArrayList<>();
				for (final Object o : flatten((Collection<?>) v)) {
					if (!(o instanceof Number)) throw invalid("'" + key +
						"' must hold numbers, not '" + o + "'");
					out.add(((Number) o).doubleValue());
				}
				if (out.isEmpty()) throw invalid("'" + key + "' is empty");
				return out.stream().mapToDouble(Double::doubleValue).toArray();
			}
			throw invalid("'" + key + "' must be a number or a list of numbers");
		}

		/** Checks the axis along which list-valued kwargs vary: only channels are supported. */
		String valueAxis() {
			final Object v = map.containsKey("axis") ? map.get("axis") : null;
			if (v == null) return "c";
			final String a = RdfReader.axisLetter(v.toString());
			if (!"c".equals(a)) throw invalid("values per '" + v +
				"' axis are not supported, only per channel");
			return a;
		}

		/** The axes reduced jointly; default: all. */
		String reducedAxes() {
			final Object v = map.get("axes");
			if (v == null) return "bcyx";
			final StringBuilder s = new StringBuilder();
			if (v instanceof Collection) {
				for (final Object o : (Collection<?>) v) s.append(RdfReader.axisLetter(o
					.toString()));
			}
			else for (final char ch : v.toString().toLowerCase(Locale.ROOT)
				.toCharArray()) s.append(RdfReader.axisLetter(String.valueOf(ch)));
			return s.toString();
		}

		void requirePerSample(final String mode) {
			if (!"per_sample".equals(mode)) {
				throw new BoneXRException("The '" + step + "' step of the model's '" +
					tensor + "' tensor uses mode '" + mode +
					"', which needs statistics BoneXR does not have.",
					"Use mode per_sample, or mode fixed with the values given.");
			}
		}

		private static List<Object> flatten(final Collection<?> c) {
			final List<Object> out = new ArrayList<>();
			for (final Object o : c) {
				if (o instanceof Collection) out.addAll(flatten((Collection<?>) o));
				else out.add(o);
			}
			return out;
		}
	}
}
