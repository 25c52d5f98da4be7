package org.bonexr.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the {@code rdf.yaml} of a bioimage.io model (model spec 0.4.x and
 * 0.5.x) into a {@link ModelDescription}, checking that the contract is
 * complete and one BoneXR can run: one input and one output tensor with
 * axes among batch, channel, y and x; an output of the input's height and
 * width; known processing steps; TorchScript weights.
 * <p>
 * Field names follow the spec: 0.4 uses {@code name}, axis strings such as
 * {@code bcyx}, {@code shape} (list, {@code min}/{@code step}, or
 * {@code reference_tensor}/{@code scale}/{@code offset} with
 * {@code size = scale·ref + 2·offset}), {@code halo} lists,
 * {@code data_type}/{@code data_range} and {@code test_inputs}/
 * {@code test_outputs}; 0.5 uses {@code id}, axis lists with {@code type},
 * {@code size} (int, {@code min}/{@code step}, or
 * {@code tensor_id}/{@code axis_id}/{@code offset}), per-axis {@code halo},
 * {@code data: {type, range}} and {@code test_tensor: {source, sha256}}.
 * Anything else in the file is kept untouched in {@link ModelDescription#rdf()}.
 */
public final class RdfReader {

	private final String where;
	private final List<String> warnings = new ArrayList<>();

	private RdfReader(final String where) {
		this.where = where;
	}

	/**
	 * Parses and checks an {@code rdf.yaml}.
	 *
	 * @param yaml the file's text
	 * @param where the model's location, for messages
	 */
	public static ModelDescription read(final String yaml, final String where) {
		final Object doc;
		try {
			doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (final YAMLException e) {
			throw new BoneXRException("The rdf.yaml of the model " + where +
				" is not valid YAML: " + e.getMessage().split("\n")[0] + ".",
				"Fix the file (check indentation and quotes) or export the model again.",
				e);
		}
		if (!(doc instanceof Map)) {
			throw new BoneXRException("The rdf.yaml of the model " + where +
				" does not describe a model (it is empty or not a mapping).",
				"Point BoneXR to a bioimage.io model folder or .zip.");
		}
		@SuppressWarnings("unchecked")
		final Map<String, Object> rdf = (Map<String, Object>) doc;
		return new RdfReader(where).read(rdf);
	}

	/**
	 * The axis letter for a bioimage.io axis id or letter: {@code batch}→b,
	 * {@code channel}→c; other ids are returned lower-case.
	 */
	static String axisLetter(final String id) {
		final String s = id.trim().toLowerCase(Locale.ROOT);
		if ("batch".equals(s)) return "b";
		if ("channel".equals(s)) return "c";
		return s;
	}

	private ModelDescription read(final Map<String, Object> rdf) {
		final Object type = rdf.get("type");
		if (type != null && !"model".equals(type.toString())) {
			throw invalid("it is of type '" + type + "', not a model",
				"Point BoneXR to a model's rdf.yaml.");
		}
		final String version = string(rdf, "format_version", null, "the model");
		if (version == null) throw invalid("it has no format_version",
			"Export it with a bioimage.io tool (model spec 0.4 or 0.5).");
		final boolean v05 = version.startsWith("0.5");
		if (!v05 && !version.startsWith("0.4")) {
			throw invalid("its format_version " + version + " is not supported",
				"Convert it to model spec 0.4 or 0.5 (bioimageio.spec update-format).");
		}
		final String name = string(rdf, "name", null, "the model");
		if (name == null || name.isBlank()) throw invalid("it has no name",
			"Add a 'name' to its rdf.yaml.");
		final String description = string(rdf, "description", "", "the model");

		final List<Map<String, Object>> inputs = maps(rdf, "inputs");
		final List<Map<String, Object>> outputs = maps(rdf, "outputs");
		if (inputs.size() != 1 || outputs.size() != 1) {
			throw invalid("it has " + inputs.size() + " input and " + outputs.size() +
				" output tensors", "BoneXR runs models with exactly one input and one " +
					"output tensor (several channels are fine).");
		}
		final List<String> testInputs = v05 ? null : strings(rdf, "test_inputs");
		final List<String> testOutputs = v05 ? null : strings(rdf, "test_outputs");
		TensorDescription in = v05 ? tensor05(inputs.get(0), true) : tensor04(inputs
			.get(0), true, first(testInputs));
		TensorDescription out = v05 ? tensor05(outputs.get(0), false) : tensor04(
			outputs.get(0), false, first(testOutputs));
		in = checkInput(in);
		out = checkOutput(out, in);
		if (in.testTensor() == null || out.testTensor() == null) {
			warnings.add("The model " + name +
				" has no test tensors, so BoneXR cannot check that it reproduces its " +
				"expected output.");
		}

		final Map<String, Object> weights = map(rdf, "weights", "the model");
		if (weights == null || weights.isEmpty()) throw invalid("it lists no weights",
			"Add TorchScript weights (weights: torchscript: source, sha256).");
		Map<String, Object> ts = map(weights, "torchscript", "the weights");
		if (ts == null) ts = map(weights, "pytorch_script", "the weights");
		if (ts == null) {
			throw invalid("it has no TorchScript weights (only " + weights.keySet() +
				")", "Convert the weights to TorchScript (e.g. with bioimageio.core's " +
					"weight converter or torch.jit.script) and add them under weights: torchscript.");
		}
		final String source = string(ts, "source", null, "the TorchScript weights");
		if (source == null) throw invalid("its TorchScript weights have no source",
			"Give the weights file under weights: torchscript: source.");
		final String sha = string(ts, "sha256", null, "the TorchScript weights");
		if (sha == null) warnings.add("The model " + name +
			" declares no sha256 for its weights, so BoneXR cannot check that " +
			"the file is the one its authors published.");
		return new ModelDescription(version, name, description, in, out, source,
			sha == null ? null : sha.toLowerCase(Locale.ROOT), rdf, warnings);
	}

	// -- spec 0.4 --

	private TensorDescription tensor04(final Map<String, Object> t,
		final boolean input, final String testTensor)
	{
		final String id = string(t, "name", input ? "input" : "output", "a tensor");
		final String what = "tensor '" + id + "'";
		final String axesText = string(t, "axes", null, what);
		if (axesText == null) throw invalid("its " + what + " has no axes",
			"Give axes such as 'bcyx'.");
		final String axes = axesText.toLowerCase(Locale.ROOT);
		checkAxes(axes, what);
		final int n = axes.length();
		final AxisSize[] sizes = new AxisSize[n];
		final Object shape = t.get("shape");
		if (shape instanceof List) {
			final double[] s = numbers(shape, n, what + " shape");
			for (int i = 0; i < n; i++) sizes[i] = AxisSize.fixed((long) s[i]);
		}
		else if (shape instanceof Map && ((Map<?, ?>) shape).containsKey("min")) {
			final double[] min = numbers(((Map<?, ?>) shape).get("min"), n, what +
				" shape min");
			final double[] step = numbers(((Map<?, ?>) shape).get("step"), n, what +
				" shape step");
			for (int i = 0; i < n; i++) sizes[i] = AxisSize.parameterized(
				(long) min[i], (long) step[i]);
		}
		else if (shape instanceof Map && ((Map<?, ?>) shape).containsKey(
			"reference_tensor"))
		{
			final Map<?, ?> m = (Map<?, ?>) shape;
			final double[] scale = numbers(m.get("scale"), n, what + " shape scale");
			final double[] offset = m.get("offset") == null ? new double[n] : numbers(
				m.get("offset"), n, what + " shape offset");
			for (int i = 0; i < n; i++) sizes[i] = AxisSize.reference(m.get(
				"reference_tensor").toString(), axes.charAt(i), scale[i], 2 *
					offset[i]);
		}
		else throw invalid("its " + what + " has no valid shape",
			"Give shape as a list, as min/step, or as reference_tensor/scale/offset.");
		final int[] halo = new int[n];
		if (t.get("halo") != null) {
			final double[] h = numbers(t.get("halo"), n, what + " halo");
			for (int i = 0; i < n; i++) halo[i] = (int) h[i];
		}
		final String dataType = string(t, "data_type", "float32", what);
		final double[] range = range(t.get("data_range"), what);
		final List<Processing> steps = processing(t, input ? "preprocessing"
			: "postprocessing", "name", id);
		return new TensorDescription(id, string(t, "description", "", what), axes,
			sizes, halo, dataType, range, steps, testTensor, null);
	}

	// -- spec 0.5 --

	private TensorDescription tensor05(final Map<String, Object> t,
		final boolean input)
	{
		final String id = string(t, "id", input ? "input" : "output", "a tensor");
		final String what = "tensor '" + id + "'";
		final Object axesList = t.get("axes");
		if (!(axesList instanceof List) || ((List<?>) axesList).isEmpty()) {
			throw invalid("its " + what + " has no axes list",
				"Give axes as a list of {type, id, size}.");
		}
		final StringBuilder axes = new StringBuilder();
		final List<AxisSize> sizes = new ArrayList<>();
		final List<Integer> halo = new ArrayList<>();
		for (final Object o : (List<?>) axesList) {
			if (!(o instanceof Map)) throw invalid("an axis of its " + what +
				" is not a mapping", "Give each axis as {type, id, size}.");
			@SuppressWarnings("unchecked")
			final Map<String, Object> a = (Map<String, Object>) o;
			final String type = string(a, "type", "", what + " axis");
			final String letter;
			final AxisSize size;
			switch (type) {
				case "batch":
					letter = "b";
					size = a.get("size") == null ? AxisSize.parameterized(1, 1)
						: AxisSize.fixed(1);
					break;
				case "channel": {
					letter = "c";
					final Object names = a.get("channel_names");
					if (!(names instanceof List) || ((List<?>) names).isEmpty()) {
						throw invalid("the channel axis of its " + what +
							" has no channel_names", "List one name per channel.");
					}
					size = AxisSize.fixed(((List<?>) names).size());
					break;
				}
				case "space":
					letter = axisLetter(string(a, "id", "x", what + " axis"));
					size = size05(a.get("size"), what + " axis " + letter);
					break;
				default:
					throw new BoneXRException("The model " + where + " has a " + what +
						" with a '" + type + "' axis.",
						"BoneXR runs models on single 2D images (axes batch, channel, y, x).");
			}
			axes.append(letter);
			sizes.add(size);
			final Object h = a.get("halo");
			halo.add(h instanceof Number ? ((Number) h).intValue() : 0);
		}
		checkAxes(axes.toString(), what);
		final Map<String, Object> data = map(t, "data", what);
		final String dataType = data == null ? "float32" : string(data, "type",
			"float32", what + " data");
		final double[] range = range(data == null ? null : data.get("range"), what);
		final List<Processing> steps = processing(t, input ? "preprocessing"
			: "postprocessing", "id", id);
		final Map<String, Object> test = map(t, "test_tensor", what);
		return new TensorDescription(id, string(t, "description", "", what), axes
			.toString(), sizes.toArray(new AxisSize[0]), halo.stream().mapToInt(
				Integer::intValue).toArray(), dataType, range, steps, test == null
					? null : string(test, "source", null, what + " test_tensor"),
			test == null ? null : lower(string(test, "sha256", null, what +
				" test_tensor")));
	}

	private AxisSize size05(final Object size, final String what) {
		if (size instanceof Number) return AxisSize.fixed(((Number) size)
			.longValue());
		if (size instanceof Map) {
			final Map<?, ?> m = (Map<?, ?>) size;
			if (m.containsKey("min")) {
				final double[] min = numbers(m.get("min"), 1, what + " min");
				final double[] step = numbers(m.get("step"), 1, what + " step");
				return AxisSize.parameterized((long) min[0], (long) step[0]);
			}
			if (m.containsKey("tensor_id") && m.containsKey("axis_id")) {
				final double offset = m.get("offset") == null ? 0 : numbers(m.get(
					"offset"), 1, what + " offset")[0];
				final String axis = axisLetter(m.get("axis_id").toString());
				return AxisSize.reference(m.get("tensor_id").toString(), axis.charAt(0),
					1, offset);
			}
		}
		throw invalid("its " + what + " has no valid size",
			"Give size as a number, as {min, step} or as {tensor_id, axis_id}.");
	}

	// -- contract checks --

	private void checkAxes(final String axes, final String what) {
		for (int i = 0; i < axes.length(); i++) {
			final char c = axes.charAt(i);
			if ("bcyx".indexOf(c) < 0) {
				throw new BoneXRException("The model " + where + " has a " + what +
					" with axis '" + c + "' (axes " + axes + ").",
					"BoneXR runs models on single 2D images: axes among b (batch), " +
						"c (channel), y and x.");
			}
			if (axes.indexOf(c) != i) throw invalid("its " + what + " lists axis '" +
				c + "' twice", "Give each axis once.");
		}
		if (axes.indexOf('x') < 0 || axes.indexOf('y') < 0) {
			throw invalid("its " + what + " lacks the y or x axis (axes " + axes +
				")", "BoneXR runs models on 2D images with y and x axes.");
		}
	}

	private TensorDescription checkInput(final TensorDescription in) {
		if (!"float32".equals(in.dataType())) {
			throw invalid("its input '" + in.id() + "' takes " + in.dataType() +
				" values", "BoneXR feeds models float32 tensors; export the model " +
					"with a float32 input.");
		}
		for (final char a : in.axes().toCharArray()) {
			final AxisSize s = in.size(a);
			if (s.isReference()) {
				throw invalid("the size of its input axis '" + a +
					"' refers to another axis",
					"Give the input sizes as numbers or as {min, step}.");
			}
			if (s.min() <= 0 || s.step() < 0) throw invalid("its input axis '" + a +
				"' has size " + s, "Sizes must be positive.");
			if (a == 'b' && !s.allows(1)) throw invalid("its input needs a batch of " +
				s, "BoneXR runs one image at a time; allow batch size 1.");
			if (a == 'c' && !s.isFixed()) throw invalid("its input channel count " +
				s + " is not fixed", "Give a fixed number of input channels.");
		}
		return in;
	}

	/** Checks the output and resolves its channel count and size references. */
	private TensorDescription checkOutput(final TensorDescription out,
		final TensorDescription in)
	{
		if (!"float32".equals(out.dataType())) {
			throw invalid("its output '" + out.id() + "' gives " + out.dataType() +
				" values", "BoneXR reads float32 outputs; export the model with a " +
					"float32 output.");
		}
		final String axes = out.axes();
		final AxisSize[] sizes = new AxisSize[axes.length()];
		final int[] halo = new int[axes.length()];
		for (int i = 0; i < axes.length(); i++) {
			final char a = axes.charAt(i);
			final AxisSize s = out.size(a);
			halo[i] = out.halo(a);
			if (halo[i] < 0) throw invalid("its output halo is negative",
				"Give a halo >= 0.");
			if (a == 'x' || a == 'y') {
				if (!sameSpatialSize(s, in, a)) {
					throw invalid("its output axis '" + a + "' (" + s +
						") is not as long as the input's (" + in.size(a) + ")",
						"BoneXR runs image-to-image models whose output has the input's " +
							"height and width.");
				}
				final long minTile = in.size(a).min();
				if (2L * halo[i] >= minTile && !in.size(a).isParameterized()) {
					throw invalid("its output halo " + halo[i] + " along " + a +
						" leaves nothing of a " + minTile + "-pixel tile",
						"Use a halo smaller than half the tile size.");
				}
				sizes[i] = AxisSize.reference(in.id(), a, 1, 0);
			}
			else if (halo[i] != 0) {
				throw invalid("its output has a halo along axis '" + a + "'",
					"Only y and x axes can have a halo.");
			}
			else if (a == 'c') sizes[i] = AxisSize.fixed(channels(s, in));
			else sizes[i] = s;
		}
		return new TensorDescription(out.id(), out.description(), axes, sizes,
			halo, out.dataType(), out.dataRange(), out.processing(), out
				.testTensor(), out.testTensorSha256());
	}

	private boolean sameSpatialSize(final AxisSize s, final TensorDescription in,
		final char a)
	{
		final AxisSize ref = in.size(a);
		if (s.isReference()) return s.referenceTensor().equals(in.id()) && s
			.referenceAxis() == a && s.scale() == 1 && s.offset() == 0;
		if (s.isFixed()) return ref.isFixed() && ref.min() == s.min();
		return ref.isParameterized() && ref.min() == s.min() && ref.step() == s
			.step();
	}

	private long channels(final AxisSize s, final TensorDescription in) {
		if (s.isFixed()) return s.min();
		if (s.isReference()) {
			final double count;
			if (s.scale() == 0) count = s.offset();
			else if (s.referenceTensor().equals(in.id()) && in.hasAxis(s
				.referenceAxis()) && in.size(s.referenceAxis()).isFixed()) count = s
					.scale() * in.size(s.referenceAxis()).min() + s.offset();
			else count = -1;
			if (count >= 1 && count == Math.rint(count)) return (long) count;
		}
		throw invalid("its output channel count (" + s + ") cannot be worked out",
			"Give the output channels as a fixed number (or channel_names).");
	}

	// -- YAML helpers --

	private List<Processing> processing(final Map<String, Object> t,
		final String key, final String idKey, final String tensorId)
	{
		final List<Processing> steps = new ArrayList<>();
		for (final Map<String, Object> p : maps(t, key)) {
			final String id = string(p, idKey, null, "a " + key + " step");
			if (id == null) throw invalid("a " + key + " step of tensor '" +
				tensorId + "' has no " + idKey, "Name each step (" + idKey + ": ...).");
			final Map<String, Object> kwargs = map(p, "kwargs", "step " + id);
			steps.add(Processing.parse(id, kwargs == null ? new HashMap<>() : kwargs,
				tensorId));
		}
		return steps;
	}

	private double[] range(final Object value, final String what) {
		if (value == null) return new double[] { Double.NEGATIVE_INFINITY,
			Double.POSITIVE_INFINITY };
		if (!(value instanceof List) || ((List<?>) value).size() != 2) {
			throw invalid("the data range of its " + what + " is not [min, max]",
				"Give the range as [min, max] (null or .inf when open).");
		}
		final List<?> l = (List<?>) value;
		return new double[] { bound(l.get(0), Double.NEGATIVE_INFINITY, what),
			bound(l.get(1), Double.POSITIVE_INFINITY, what) };
	}

	private double bound(final Object o, final double open, final String what) {
		if (o == null) return open;
		if (o instanceof Number) return ((Number) o).doubleValue();
		throw invalid("the data range of its " + what + " holds '" + o + "'",
			"Give numbers, null or .inf.");
	}

	private double[] numbers(final Object value, final int n, final String what) {
		if (!(value instanceof Collection) || ((Collection<?>) value).size() != n) {
			if (n == 1 && value instanceof Number) return new double[] {
				((Number) value).doubleValue() };
			throw invalid("its " + what + " does not list " + n + " numbers (" +
				value + ")", "Give one number per axis.");
		}
		final double[] out = new double[n];
		int i = 0;
		for (final Object o : (Collection<?>) value) {
			if (!(o instanceof Number)) throw invalid("its " + what + " holds '" + o +
				"'", "Give numbers.");
			out[i++] = ((Number) o).doubleValue();
		}
		return out;
	}

	private String string(final Map<String, Object> m, final String key,
		final String fallback, final String what)
	{
		final Object v = m.get(key);
		if (v == null) return fallback;
		if (v instanceof Map || v instanceof Collection) throw invalid("the '" +
			key + "' of " + what + " is not a single value", "Give a single value.");
		return v.toString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> map(final Map<String, Object> m, final String key,
		final String what)
	{
		final Object v = m.get(key);
		if (v == null) return null;
		if (!(v instanceof Map)) throw invalid("the '" + key + "' of " + what +
			" is not a mapping", "Give '" + key + "' as key: value pairs.");
		final Map<String, Object> out = new LinkedHashMap<>();
		((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k),
			val));
		return out;
	}

	private List<Map<String, Object>> maps(final Map<String, Object> m,
		final String key)
	{
		final Object v = m.get(key);
		final List<Map<String, Object>> out = new ArrayList<>();
		if (v == null) return out;
		if (!(v instanceof List)) throw invalid("its '" + key + "' is not a list",
			"Give '" + key + "' as a list.");
		for (final Object o : (List<?>) v) {
			if (!(o instanceof Map)) throw invalid("an entry of its '" + key +
				"' is not a mapping", "Give each entry as key: value pairs.");
			final Map<String, Object> e = new LinkedHashMap<>();
			((Map<?, ?>) o).forEach((k, val) -> e.put(String.valueOf(k), val));
			out.add(e);
		}
		return out;
	}

	private List<String> strings(final Map<String, Object> m, final String key) {
		final Object v = m.get(key);
		final List<String> out = new ArrayList<>();
		if (v instanceof List) for (final Object o : (List<?>) v) out.add(String
			.valueOf(o));
		else if (v != null) out.add(v.toString());
		return out;
	}

	private static String first(final List<String> l) {
		return l == null || l.isEmpty() ? null : l.get(0);
	}

	private static String lower(final String s) {
		return s == null ? null : s.toLowerCase(Locale.ROOT);
	}

	private BoneXRException invalid(final String problem, final String fix) {
		return new BoneXRException("The model " + where + " cannot be used: " +
			problem + ".", fix);
	}
}
