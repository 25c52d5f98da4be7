package org.bonexr.model;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.cli.Benchmark;
import org.bonexr.core.BoneXRException;
import org.scijava.plugin.Plugin;

/**
 * Inference benchmark (not a test): the same TorchScript on the same input,
 * run by DJL in this JVM and by PyTorch in Python ({@code training/bench_torch.py})
 * in the same run, alternating, and tiled
 * inference of a large image with its time and peak Java heap.
 * <p>
 * Arguments ({@code key=value}, all optional):
 * <ul>
 * <li>{@code model}: a bioimage.io model folder/zip; default: a U-Net (depth
 * 3, 16 channels) exported by {@code training/train.py} into {@code out}</li>
 * <li>{@code out}: folder for the model, arrays and {@code inference-benchmark.json}
 * (default {@code bench-inference})</li>
 * <li>{@code python} (default {@code /usr/bin/python3}), {@code training}
 * (folder with {@code train.py} and {@code bench_torch.py}; default: found
 * from the working directory upwards)</li>
 * <li>{@code size} (side of the compared input, default 512), {@code warmup}
 * (5: TorchScript optimises during its first runs), {@code runs} (10), {@code threads} (intra-op threads of both, default:
 * available processors)</li>
 * <li>{@code tiled} (side of the tiled image, default 4096; 0 skips),
 * {@code tile} (default 512)</li>
 * </ul>
 * Prints {@code key=value} lines and writes them to
 * {@code out/inference-benchmark.json}. Goals: DJL/Python time ratio &le; 1.1;
 * a 4096² image tiled within a 2 GB heap (run with
 * {@code BONEXR_JAVA_OPTS=-Xmx2g bin/bonexr bench inference}).
 */
@Plugin(type = Benchmark.class, name = "inference")
public final class InferenceBenchmark implements Benchmark {

	/** Pause between alternating runs (ms), so idle OpenMP threads stop spinning. */
	private static final long PAUSE_MS = 50;

	private final Map<String, Object> results = new LinkedHashMap<>();

	@Override
	public void run(final String[] args) throws Exception {
		run(parse(args));
	}

	private void run(final Map<String, String> a) throws Exception {
		final Path out = Paths.get(a.getOrDefault("out", "bench-inference"))
			.toAbsolutePath();
		Files.createDirectories(out);
		final String python = a.getOrDefault("python", "/usr/bin/python3");
		final Path training = a.containsKey("training") ? Paths.get(a.get(
			"training")) : findTraining();
		final int size = Integer.parseInt(a.getOrDefault("size", "512"));
		final int warmup = Integer.parseInt(a.getOrDefault("warmup", "5"));
		final int runs = Integer.parseInt(a.getOrDefault("runs", "10"));
		final int threads = Integer.parseInt(a.getOrDefault("threads", String
			.valueOf(Runtime.getRuntime().availableProcessors())));
		final int tiled = Integer.parseInt(a.getOrDefault("tiled", "4096"));
		final int tile = Integer.parseInt(a.getOrDefault("tile", "512"));

		final Path modelPath = a.containsKey("model") ? Paths.get(a.get("model"))
			: exportBenchmarkModel(python, training, out.resolve("model"));
		// same intra-op threads for DJL as for Python, set before the engine starts
		System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
		System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
		put("machine", "shared build machine, " + Runtime.getRuntime()
			.availableProcessors() + " CPUs visible, other jobs may run at the same time");
		put("threads", threads);
		final long t0 = System.nanoTime();
		TorchScriptModel.engine(null);
		put("engine_start_s", (System.nanoTime() - t0) / 1e9);

		try (BioImageModel model = BioImageModel.open(modelPath, null)) {
			put("model", model.description().name());
			put("device", model.network().device());
			compare(model, python, training, out, size, warmup, runs, threads);
			if (tiled > 0) tiled(model, tiled, tile);
		}
		final Path json = out.resolve("inference-benchmark.json");
		Files.write(json, toJson().getBytes(StandardCharsets.UTF_8));
		System.out.println("json=" + json);
	}

	/**
	 * DJL vs Python on one input, runs alternating between the two (a Python
	 * process serves timed runs), so that both see the same machine load:
	 * median times, their ratio, the median of paired ratios, and the largest
	 * difference between the two outputs.
	 */
	private void compare(final BioImageModel model, final String python,
		final Path training, final Path out, final int size, final int warmup,
		final int runs, final int threads) throws Exception
	{
		final ModelDescription d = model.description();
		final long channels = d.input().hasAxis('c') ? d.input().size('c').min() : 1;
		final long h = d.input().size('y').atLeast(size), w = d.input().size('x')
			.atLeast(size);
		final FloatTensor input = TensorLayout.toModel(randomImage(channels, h, w),
			d.input().axes());
		final Path inFile = out.resolve("bench_input.npy");
		Npy.write(input, inFile);
		put("input_shape", Arrays.toString(input.shape()));

		final Process py = new ProcessBuilder(python, training.resolve(
			"bench_torch.py").toString(), model.modelPackage().weights().toString(),
			inFile.toString(), String.valueOf(threads)).redirectError(
				ProcessBuilder.Redirect.INHERIT).start();
		try (BufferedWriter toPy = new BufferedWriter(new OutputStreamWriter(py
			.getOutputStream(), StandardCharsets.UTF_8));
				BufferedReader fromPy = new BufferedReader(new InputStreamReader(py
					.getInputStream(), StandardCharsets.UTF_8)))
		{
			final String info = ask(toPy, fromPy, "info");
			final double[] java = new double[runs], pyMs = new double[runs],
				ratio = new double[runs];
			FloatTensor javaOut = null;
			for (int i = 0; i < warmup; i++) {
				javaOut = model.network().run(input);
				ask(toPy, fromPy, "run");
			}
			for (int i = 0; i < runs; i++) {
				// alternate who goes first; pause so idle OpenMP threads go to sleep
				if (i % 2 == 0) pyMs[i] = Double.parseDouble(ask(toPy, fromPy, "run"));
				Thread.sleep(PAUSE_MS);
				final long s = System.nanoTime();
				javaOut = model.network().run(input);
				java[i] = (System.nanoTime() - s) / 1e6;
				Thread.sleep(PAUSE_MS);
				if (i % 2 == 1) pyMs[i] = Double.parseDouble(ask(toPy, fromPy, "run"));
				ratio[i] = java[i] / pyMs[i];
			}
			final Path pyOut = out.resolve("bench_output_python.npy");
			ask(toPy, fromPy, "save " + pyOut);
			ask(toPy, fromPy, "quit");
			final Matcher v = Pattern.compile("\"torch\": \"([^\"]*)\"").matcher(
				info);
			put("python_torch", v.find() ? v.group(1) : info);
			put("djl_libtorch", ai.djl.engine.Engine.getEngine(
				TorchScriptModel.ENGINE).getVersion());
			put("runs", runs);
			put("djl_median_ms", median(java));
			put("python_median_ms", median(pyMs));
			put("djl_over_python", median(java) / median(pyMs));
			put("djl_over_python_paired_median", median(ratio));
			put("djl_over_python_goal", 1.1);
			put("max_abs_output_difference", javaOut.maxAbsDifference(Npy.read(
				pyOut)));
		}
		finally {
			py.destroy();
		}
	}

	private static String ask(final BufferedWriter to, final BufferedReader from,
		final String command) throws IOException
	{
		to.write(command);
		to.newLine();
		to.flush();
		if (command.equals("quit")) return "";
		final String answer = from.readLine();
		if (answer == null) throw new BoneXRException(
			"The Python side of the benchmark stopped (see its messages above).",
			"Check that /usr/bin/python3 has torch and numpy (Debian: python3-torch).");
		return answer.trim();
	}

	/** Tiled inference of a {@code side}² image: wall time and peak Java heap. */
	private void tiled(final BioImageModel model, final int side, final int tile)
		throws InterruptedException
	{
		final ModelDescription d = model.description();
		final long channels = d.input().hasAxis('c') ? d.input().size('c').min() : 1;
		final FloatTensor image = randomImage(channels, side, side);
		System.gc();
		final List<MemoryPoolMXBean> heap = new ArrayList<>();
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP) {
				p.resetPeakUsage();
				heap.add(p);
			}
		}
		final AtomicLong sampled = new AtomicLong();
		final Thread sampler = new Thread(() -> {
			final Runtime rt = Runtime.getRuntime();
			while (!Thread.currentThread().isInterrupted()) {
				sampled.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		final int[] tiles = { 0 };
		final long s = System.nanoTime();
		final FloatTensor out = model.predict(image, tile, (done, total) -> tiles[0] =
			total);
		final double seconds = (System.nanoTime() - s) / 1e9;
		sampler.interrupt();
		sampler.join();
		long poolPeaks = 0;
		for (final MemoryPoolMXBean p : heap) poolPeaks += p.getPeakUsage().getUsed();
		put("tiled_image", side + "x" + side + "x" + channels);
		put("tiled_output_channels", out.size(0));
		put("tiled_tile", tile);
		put("tiled_tiles", tiles[0]);
		put("tiled_seconds", seconds);
		put("tiled_peak_heap_used_mb", sampled.get() / 1048576.0);
		put("tiled_peak_heap_pools_mb", poolPeaks / 1048576.0);
		put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
		put("tiled_heap_goal_mb", 2048);
		put("process_peak_rss_mb", peakRssMb());
	}

	private static Path exportBenchmarkModel(final String python,
		final Path training, final Path dir) throws IOException,
		InterruptedException
	{
		if (Files.isRegularFile(dir.resolve("rdf.yaml"))) return dir;
		exec(List.of(python, training.resolve("train.py").toString(),
			"--synthetic", "4", "--synthetic-size", "64", "--epochs", "1",
			"--steps-per-epoch", "1", "--depth", "3", "--base", "16", "--threads", "1",
			"--name", "BoneXR benchmark U-Net (depth 3, 16 channels)", "--out", dir
				.toString()));
		return dir;
	}

	private static Path findTraining() {
		for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
			if (Files.isRegularFile(p.resolve("training/bench_torch.py"))) return p
				.resolve("training");
		}
		throw new BoneXRException(
			"The BoneXR training scripts (training/bench_torch.py) were not found.",
			"Run the benchmark from the BoneXR source folder or give training=DIR.");
	}

	private static String exec(final List<String> command) throws IOException,
		InterruptedException
	{
		final Process p = new ProcessBuilder(command).redirectErrorStream(true)
			.start();
		final String output;
		try (InputStream in = p.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (p.waitFor() != 0) {
			throw new BoneXRException("The command " + String.join(" ", command) +
				" failed: " + output.trim(),
				"Install Debian's python3-torch, python3-numpy and python3-yaml, or give python=PATH.");
		}
		return output;
	}

	/** Smooth random structure plus noise, fixed seed. */
	private static FloatTensor randomImage(final long c, final long h,
		final long w)
	{
		final Random r = new Random(42);
		final float[] d = new float[FloatTensor.toIntCount(new long[] { c, h, w })];
		final double fy = 2 * Math.PI / 97, fx = 2 * Math.PI / 131;
		int i = 0;
		for (long k = 0; k < c; k++)
			for (long y = 0; y < h; y++)
				for (long x = 0; x < w; x++)
					d[i++] = (float) (0.5 + 0.3 * Math.sin(fy * y) * Math.cos(fx * x) +
						0.1 * r.nextGaussian());
		return new FloatTensor(new long[] { c, h, w }, d);
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s
			.length / 2]) / 2;
	}

	private static double peakRssMb() {
		try {
			for (final String line : Files.readAllLines(Paths.get(
				"/proc/self/status")))
			{
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll(
					"[^0-9]", "")) / 1024.0;
			}
		}
		catch (final IOException | NumberFormatException e) {
			// not Linux: unknown
		}
		return Double.NaN;
	}

	private void put(final String key, final Object value) {
		results.put(key, value);
		System.out.println(key + "=" + (value instanceof Double ? String.format(
			Locale.ROOT, "%.4g", value) : value));
	}

	private String toJson() {
		final StringBuilder b = new StringBuilder("{\n");
		results.forEach((k, v) -> {
			final String value = v instanceof Number && !(v instanceof Double &&
				((Double) v).isNaN()) ? v.toString() : "\"" + String.valueOf(v)
					.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
			b.append("  \"").append(k).append("\": ").append(value).append(",\n");
		});
		b.setLength(b.length() - 2);
		return b.append("\n}\n").toString();
	}

	private static Map<String, String> parse(final String[] args) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final String arg : args) {
			final int eq = arg.indexOf('=');
			if (eq <= 0) throw new BoneXRException("The benchmark argument '" + arg +
				"' is not key=value.",
				"Use e.g. size=512 runs=10 threads=2 tiled=4096 tile=512 model=DIR out=DIR.");
			m.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		return m;
	}
}
