package org.bonexr.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.ChannelAffineJava;
import org.bonexr.kernels.ChannelAffineParameters;
import org.bonexr.kernels.ComputeBackend;

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
 * {@code binarize}, {@code ensure_dtype}. Statistics are pooled per channel
 * or over all channels (the reduced axes include x and y).
 * <p>
 * The normalisations ({@code scale_linear}, {@code scale_range},
 * {@code zero_mean_unit_variance}, {@code fixed_zero_mean_unit_variance})
 * are a per-channel affine map once their statistics are known (computed
 * here, in double precision; percentiles need a sort): the map runs on the
 * compute backend, an OpenCL kernel or its Java twin
 * ({@link ComputeBackend#channelAffineInPlace}). The other steps run in Java.
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

	/** Applies the step in place to a {@code cyx} tensor, in Java (normalisations: their Java twin). */
	public abstract void apply(FloatTensor cyx);

	/**
	 * Applies the step in place to a {@code cyx} tensor; normalisations run on
	 * the compute backend (see the class description).
	 *
	 * @param compute where the normalisation's per-pixel map runs; null: its
	 *          Java twin
	 */
	public void apply(final FloatTensor cyx, final ComputeBackend compute) {
		apply(cyx);
	}

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

	/**
	 * A normalisation: statistics of the tensor (if any) give a per-channel
	 * affine map, applied on the compute backend.
	 */
	abstract static class Normalisation extends Processing {

		Normalisation(final String id) {
			super(id);
		}

		/** The map for this tensor (its statistics computed here). */
		abstract ChannelAffineParameters map(FloatTensor cyx);

		@Override
		public final void apply(final FloatTensor cyx) {
			apply(cyx, null);
		}

		@Override
		public final void apply(final FloatTensor cyx, final ComputeBackend compute) {
			final ChannelAffineParameters p;
			try {
				p = map(cyx);
			}
			catch (final IllegalArgumentException e) {
				throw new BoneXRException("The model's " + id() +
					" step cannot normalise this image: " + e.getMessage(),
					"Check that the image is not constant and holds no NaN or infinite pixels.");
			}
			final int h = (int) cyx.size(1), w = (int) cyx.size(2);
			if (compute == null) ChannelAffineJava.applyInPlace(cyx.data(), h * w, p);
			else compute.channelAffineInPlace(cyx.data(), w, h, p);
		}
	}

	static final class ScaleLinear extends Normalisation {

		private final double[] gain;
		private final double[] offset;

		ScaleLinear(final double[] gain, final double[] offset) {
			super("scale_linear");
			this.gain = gain;
			this.offset = offset;
		}

		@Override
		ChannelAffineParameters map(final FloatTensor t) {
			final int channels = (int) t.size(0);
			return new ChannelAffineParameters(new double[channels], forChannels(gain,
				channels, "gain"), forChannels(offset, channels, "offset"));
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

	static final class FixedZeroMeanUnitVariance extends Normalisation {

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
		ChannelAffineParameters map(final FloatTensor t) {
			final int channels = (int) t.size(0);
			final double[] factor = forChannels(std, channels, "std");
			for (int c = 0; c < channels; c++) factor[c] = 1 / factor[c];
			return new ChannelAffineParameters(forChannels(mean, channels, "mean"),
				factor, new double[channels]);
		}
	}

	/** {@code out = (x - mean) / (std + eps)}, statistics per channel or over all channels. */
	static final class ZeroMeanUnitVariance extends Normalisation {

		private final String axes;
		private final double eps;

		ZeroMeanUnitVariance(final String axes, final double eps) {
			super("zero_mean_unit_variance");
			this.axes = axes;
			this.eps = eps;
		}

		@Override
		ChannelAffineParameters map(final FloatTensor t) {
			final Groups g = new Groups(t, axes);
			final double[] mean = new double[g.count], scale = new double[g.count];
			for (int k = 0; k < g.count; k++) {
				double sum = 0;
				for (int i = g.from(k); i < g.to(k); i++) sum += t.data()[i];
				mean[k] = sum / (g.to(k) - g.from(k));
				double sum2 = 0;
				for (int i = g.from(k); i < g.to(k); i++) {
					final double v = t.data()[i] - mean[k];
					sum2 += v * v;
				}
				scale[k] = 1 / (Math.sqrt(sum2 / (g.to(k) - g.from(k))) + eps);
			}
			return new ChannelAffineParameters(g.perChannel(mean), g.perChannel(
				scale), new double[(int) t.size(0)]);
		}
	}

	/**
	 * {@code out = (x - p_lo) / (p_hi - p_lo + eps)} with percentiles of each
	 * group (linear interpolation between order statistics, as NumPy's default).
	 */
	static final class ScaleRange extends Normalisation {

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
		ChannelAffineParameters map(final FloatTensor t) {
			final Groups g = new Groups(t, axes);
			final double[] lo = new double[g.count], scale = new double[g.count];
			for (int k = 0; k < g.count; k++) {
				final float[] values = Arrays.copyOfRange(t.data(), g.from(k), g.to(k));
				Arrays.sort(values);
				lo[k] = percentile(values, minPercentile);
				scale[k] = 1 / (percentile(values, maxPercentile) - lo[k] + eps);
			}
			return new ChannelAffineParameters(g.perChannel(lo), g.perChannel(scale),
				new double[(int) t.size(0)]);
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

	/** One value per channel: a single value repeated, or one given per channel. */
	private static double[] forChannels(final double[] v, final int channels,
		final String what)
	{
		final double[] out = new double[channels];
		for (int c = 0; c < channels; c++) out[c] = perChannel(v, c, what);
		return out;
	}

	/**
	 * Groups of a cyx tensor over which statistics are pooled: one per
	 * channel, or one for all channels (reduced axes include c). Each group is
	 * a contiguous range of the data.
	 */
	private static final class Groups {

		final int count;
		private final int channels;
		private final int size;

		Groups(final FloatTensor t, final String reduced) {
			channels = (int) t.size(0);
			count = reduced.indexOf('c') < 0 ? channels : 1;
			size = t.data().length / count;
		}

		int from(final int k) {
			return k * size;
		}

		int to(final int k) {
			return (k + 1) * size;
		}

		/** Statistics of the groups as one value per channel. */
		double[] perChannel(final double[] groupValues) {
			if (count == channels) return groupValues;
			final double[] out = new double[channels];
			Arrays.fill(out, groupValues[0]);
			return out;
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

		/** The axes reduced jointly (default: all); they must include x and y. */
		String reducedAxes() {
			final String axes = givenReducedAxes();
			if (axes.indexOf('x') < 0 || axes.indexOf('y') < 0) {
				throw new BoneXRException("The '" + step + "' step of the model's '" +
					tensor + "' tensor pools statistics over the axes '" + axes +
					"', i.e. separately per pixel position.",
					"BoneXR pools over x and y (per channel or over all channels): " +
						"use axes 'xy' or 'cxy' in the model's rdf.yaml.");
			}
			return axes;
		}

		private String givenReducedAxes() {
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
