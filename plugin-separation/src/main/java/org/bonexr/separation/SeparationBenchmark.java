package org.bonexr.separation;

import ij.ImagePlus;
import ij.ImageStack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.cli.Benchmark;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.RadiographReader;
import org.bonexr.model.BioImageModel;
import org.bonexr.phantom.JointDataset;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr bench separation}: quality and speed of bone layer
 * separation (not a test). Quality: a held-out phantom dataset
 * ({@link JointDataset}, a seed other than the training seed 1) separated
 * with predicted masks; per layer (upper, lower, soft tissue)
 * SSIM, PSNR and RMSE against the true layers ({@link ImageQuality}), over
 * the whole image and over the overlap (pixels inside both true masks),
 * the same for the baseline "each bone layer = input × its true mask, soft
 * tissue = input outside both masks", the Dice of the predicted masks and
 * the network's reconstruction residual; means over samples (overlap means
 * over samples with ≥ 20 overlap pixels), the network's residual against
 * the input and against the radiograph before quantum noise (the sum of the
 * true layers), and the true layers' residual against the input (the noise
 * floor: no noise-free layers can go below it). Each figure is given for the
 * network's layers (0 outside the dilated masks, as the command with
 * {@code project=false}) and, keys prefixed "projected_", for the same
 * layers projected onto the sum constraint (the command's default), which
 * then also carry the input's noise; keys prefixed "truth_projected_":
 * the true layers projected alike, what the projection does to perfect
 * layers. Then the same with the true masks
 * given (the paper's setting; keys prefixed "truemasks_"). Speed: a 512² phantom after
 * warm-up (median), and a 4096² radiograph tiled (time, peak used heap sampled every 5 ms; run with
 * {@code BONEXR_JAVA_OPTS=-Xmx2g}).
 * <p>
 * Arguments {@code key=value} (optional): {@code samples} (20), {@code seed}
 * (2027), {@code sizePx} (256), {@code model} (default: the shipped demo
 * model), {@code out} (bench-separation), {@code runs} (5), {@code tiled}
 * (4096; 0 skips), {@code tile} (512). Prints {@code key=value} lines and
 * writes {@code out/separation-benchmark.json}.
 */
@Plugin(type = Benchmark.class, name = "separation")
public final class SeparationBenchmark implements Benchmark {

	/** Overlap pixels a sample needs to count in the overlap means. */
	private static final int MIN_OVERLAP_PX = 20;

	private final Map<String, Object> results = new LinkedHashMap<>();

	@Override
	public void run(final String[] args) throws Exception {
		final Map<String, String> a = new LinkedHashMap<>();
		for (final String s : args) {
			final int eq = s.indexOf('=');
			if (eq < 1) throw new IllegalArgumentException("Expected key=value: " + s);
			a.put(s.substring(0, eq), s.substring(eq + 1));
		}
		final int samples = Integer.parseInt(a.getOrDefault("samples", "20"));
		final long seed = Long.parseLong(a.getOrDefault("seed", "2027"));
		final int sizePx = Integer.parseInt(a.getOrDefault("sizePx", "256"));
		final int runs = Integer.parseInt(a.getOrDefault("runs", "5"));
		final int tiled = Integer.parseInt(a.getOrDefault("tiled", "4096"));
		final int tile = Integer.parseInt(a.getOrDefault("tile", "512"));
		final Path out = Paths.get(a.getOrDefault("out", "bench-separation"))
			.toAbsolutePath();
		Files.createDirectories(out);
		final Path modelPath = a.containsKey("model") ? Paths.get(a.get("model"))
			: ShippedModel.path();
		put("note", "synthetic phantoms, demo model trained on phantoms; shared " +
			"build machine, " + Runtime.getRuntime().availableProcessors() +
			" CPUs visible, other jobs may run");
		put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
		try (BioImageModel bioimage = BioImageModel.open(modelPath, null)) {
			final SeparationModel model = new SeparationModel(bioimage);
			put("model", model.name());
			final Path data = out.resolve("heldout-seed-" + seed + "-" + samples +
				"x" + sizePx);
			quality(model, data, samples, seed, sizePx, "");
			quality(model, data, samples, seed, sizePx, "truemasks_");
			speed(model, runs);
			if (tiled > 0) tiled(model, tiled, tile);
		}
		final Path json = out.resolve("separation-benchmark.json");
		Files.write(json, toJson().getBytes(StandardCharsets.UTF_8));
		System.out.println("json=" + json);
	}

	/**
	 * @param prefix "" for predicted masks, else the true masks are given
	 *          (the paper's setting) and keys get this prefix
	 */
	private void quality(final SeparationModel model, final Path data,
		final int samples, final long seed, final int sizePx, final String prefix)
	{
		if (!Files.isRegularFile(data.resolve("dataset.json"))) {
			new JointDataset(samples, seed, sizePx).write(data);
		}
		put(prefix + "heldout", "JointDataset seed=" + seed + " samples=" + samples +
			" sizePx=" + sizePx + " (training: seed 1)");
		final Scores network = new Scores(), projected = new Scores(),
			projectedTruth = new Scores(), baseline = new Scores();
		double diceU = 0, diceL = 0, resRms = 0, resMax = 0, finalMax = 0,
			resClean = 0, noiseFloor = 0;
		int ok = 0, withOverlap = 0;
		final java.util.List<String> failures = new java.util.ArrayList<>();
		for (int s = 0; s < samples; s++) {
			final Path dir = data.resolve(String.format("sample-%05d", s));
			final Radiograph r = RadiographReader.read(dir.resolve("radiograph.tif"));
			final Radiograph in = r.withPixels(r.pixels(), ValueDomain.ATTENUATION);
			final float[][] layers = slices(dir.resolve("layers.tif"));
			final float[][] masks = slices(dir.resolve("masks.tif"));
			final int w = (int) in.width(), h = (int) in.height();
			final BoneMasks given = prefix.isEmpty() ? null : BoneMasks.fromLabels(
				labels(masks, w, h), w, h);
			final SeparationResult res;
			try {
				res = new LayerSeparator(model, 512, false,
					PhysicsReconstructor.Distribution.PROPORTIONAL).separate(in, given,
						null);
			}
			catch (final org.bonexr.core.BoneXRException e) {
				failures.add("sample " + s + ": " + e.getMessage());
				continue;
			}
			ok++;
			final Layers exact = PhysicsReconstructor.project(in.pixels(), res
				.layers(), PhysicsReconstructor.Distribution.PROPORTIONAL);
			diceU += res.masks().dice(true, ArrayImgs.floats(masks[0], w, h));
			diceL += res.masks().dice(false, ArrayImgs.floats(masks[1], w, h));
			resRms += res.networkResidual().rmsPercent();
			final float[] clean = new float[w * h];
			for (int i = 0; i < clean.length; i++) {
				clean[i] = layers[0][i] + layers[1][i] + layers[2][i];
			}
			final double range = res.networkResidual().inputRange();
			resClean += 100 * PhysicsReconstructor.residual(ArrayImgs.floats(clean,
				w, h), res.layers()).rms() / range;
			final Layers truth = new Layers(ArrayImgs.floats(layers[0], w, h),
				ArrayImgs.floats(layers[1], w, h), ArrayImgs.floats(layers[2], w, h), in
					.spacing());
			noiseFloor += PhysicsReconstructor.residual(in.pixels(), truth)
				.rmsPercent();
			final Layers truthProjected = PhysicsReconstructor.project(in.pixels(),
				truth, PhysicsReconstructor.Distribution.PROPORTIONAL);
			resMax += res.networkResidual().maxAbsPercent();
			finalMax = Math.max(finalMax, PhysicsReconstructor.residual(in.pixels(),
				exact).maxAbsPercent());
			final float[] x = Pixels.floats(in.pixels());
			final boolean[] overlap = new boolean[x.length];
			int nOv = 0;
			for (int i = 0; i < x.length; i++) {
				overlap[i] = masks[0][i] > 0 && masks[1][i] > 0;
				if (overlap[i]) nOv++;
			}
			final boolean[] region = nOv >= MIN_OVERLAP_PX ? overlap : null;
			for (int k = 0; k < 3; k++) {
				final float[] b = new float[x.length];
				for (int i = 0; i < x.length; i++) {
					final boolean u = masks[0][i] > 0, l = masks[1][i] > 0;
					b[i] = k == 0 ? (u ? x[i] : 0) : k == 1 ? (l ? x[i] : 0) : u || l ? 0
						: x[i];
				}
				network.add(k, Pixels.floats(res.layers().get(k)), layers[k], w, h,
					region);
				projected.add(k, Pixels.floats(exact.get(k)), layers[k], w, h, region);
				projectedTruth.add(k, Pixels.floats(truthProjected.get(k)), layers[k],
					w, h, region);
				baseline.add(k, b, layers[k], w, h, region);
			}
			if (region != null) withOverlap++;
		}
		put(prefix + "samples", samples);
		put(prefix + "samples_failed", failures.size());
		failures.forEach(f -> System.out.println("# " + prefix + f));
		put(prefix + "samples_with_overlap", withOverlap);
		network.put(prefix, ok, withOverlap);
		projected.put(prefix + "projected_", ok, withOverlap);
		projectedTruth.put(prefix + "truth_projected_", ok, withOverlap);
		baseline.put(prefix + "baseline_", ok, withOverlap);
		put(prefix + "dice_upper", diceU / ok);
		put(prefix + "dice_lower", diceL / ok);
		put(prefix + "network_residual_rms_percent_of_range", resRms / ok);
		put(prefix + "network_residual_max_percent_of_range", resMax / ok);
		put(prefix + "network_residual_vs_noisefree_rms_percent_of_range",
			resClean / ok);
		put(prefix + "true_layers_residual_rms_percent_of_range", noiseFloor / ok);
		put(prefix + "projected_residual_max_percent_of_range_worst", finalMax);
	}

	/**
	 * Sums of SSIM, PSNR and RMSE per layer over the whole image and over the
	 * overlap of the true masks (samples with at least
	 * {@value #MIN_OVERLAP_PX} overlap pixels).
	 */
	private final class Scores {

		private final double[][] whole = new double[3][3], overlap = new double[3][3];

		void add(final int layer, final float[] estimate, final float[] truth,
			final int w, final int h, final boolean[] region)
		{
			accumulate(whole[layer], ImageQuality.of(estimate, truth, w, h, null));
			if (region != null) {
				accumulate(overlap[layer], ImageQuality.of(estimate, truth, w, h,
					region));
			}
		}

		/** Means over n samples (nOverlap in the overlap); keys {@code <prefix>[overlap_]<metric>_<layer>}. */
		void put(final String prefix, final int n, final int nOverlap) {
			final String[] metric = { "ssim", "psnr_db", "rmse" };
			for (int k = 0; k < 3; k++) {
				final String layer = Layers.NAMES[k].replace(' ', '_');
				for (int m = 0; m < 3; m++) {
					SeparationBenchmark.this.put(prefix + metric[m] + "_" + layer,
						whole[k][m] / n);
					if (nOverlap > 0) {
						SeparationBenchmark.this.put(prefix + "overlap_" + metric[m] + "_" +
							layer, overlap[k][m] / nOverlap);
					}
				}
			}
		}
	}

	private static void accumulate(final double[] acc, final ImageQuality q) {
		acc[0] += q.ssim;
		acc[1] += q.psnrDb;
		acc[2] += q.rmse;
	}

	private static net.imglib2.img.Img<net.imglib2.type.numeric.real.FloatType>
		labels(final float[][] masks, final int w, final int h)
	{
		final float[] l = new float[w * h];
		for (int i = 0; i < l.length; i++) {
			l[i] = (masks[0][i] > 0 ? 1 : 0) + (masks[1][i] > 0 ? 2 : 0);
		}
		return ArrayImgs.floats(l, w, h);
	}

	private static float[][] slices(final Path tif) {
		final ImagePlus imp = ij.IJ.openImage(tif.toString());
		final ImageStack s = imp.getStack();
		final float[][] out = new float[s.getSize()][];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float[]) s.getProcessor(i + 1).convertToFloat().getPixels();
		}
		return out;
	}

	/** A flexed joint phantom of n×n pixels at 0.1 mm (not from the training seed). */
	static Radiograph phantom(final int n) {
		final JointPhantomResult p = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.1).fieldMm(n * 0.1, n * 0.1).flexionDeg(20).seed(
				424242).build());
		return p.attenuation();
	}

	private void speed(final SeparationModel model, final int runs) {
		final Radiograph r = phantom(512);
		final LayerSeparator sep = new LayerSeparator(model);
		for (int i = 0; i < 2; i++) sep.separate(r, null, null);
		final double[] t = new double[runs];
		for (int i = 0; i < runs; i++) {
			final long t0 = System.nanoTime();
			sep.separate(r, null, null);
			t[i] = (System.nanoTime() - t0) / 1e9;
		}
		Arrays.sort(t);
		put("roi512_runs", runs);
		put("roi512_median_s", t[runs / 2]);
		put("roi512_min_s", t[0]);
	}

	private void tiled(final SeparationModel model, final int n, final int tile) {
		final Radiograph small = phantom(512);
		final float[] s = Pixels.floats(small.pixels());
		final float[] big = new float[n * n];
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				big[y * n + x] = s[(y % 512) * 512 + x % 512];
			}
		}
		final Radiograph r = new Radiograph("tiled phantom", ArrayImgs.floats(big,
			n, n), PixelSpacing.mm(0.1, 0.1), ValueDomain.ATTENUATION);
		final HeapSampler heap = new HeapSampler();
		final long t0 = System.nanoTime();
		final SeparationResult res;
		try {
			res = new LayerSeparator(model, tile, true,
				PhysicsReconstructor.Distribution.PROPORTIONAL).separate(r, null, null);
		}
		finally {
			heap.stop();
		}
		put("tiled_size_px", n);
		put("tiled_tile_px", tile);
		put("tiled_s", (System.nanoTime() - t0) / 1e9);
		put("tiled_peak_heap_mb", heap.peakBytes() >> 20);
		put("tiled_final_residual_max_percent", res.finalResidual().maxAbsPercent());
	}

	/**
	 * The largest used Java heap seen while it runs, sampled every 5 ms (a
	 * lower bound of the true peak, within the allocation of 5 ms).
	 */
	private static final class HeapSampler {

		private final java.util.concurrent.atomic.AtomicLong peak =
			new java.util.concurrent.atomic.AtomicLong();
		private volatile boolean running = true;
		private final Thread thread;

		HeapSampler() {
			thread = new Thread(() -> {
				final Runtime rt = Runtime.getRuntime();
				while (running) {
					peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
					try {
						Thread.sleep(5);
					}
					catch (final InterruptedException e) {
						return;
					}
				}
			}, "heap-sampler");
			thread.setDaemon(true);
			thread.start();
		}

		void stop() {
			running = false;
			try {
				thread.join();
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		long peakBytes() {
			return peak.get();
		}
	}

	private void put(final String key, final Object value) {
		results.put(key, value);
		System.out.println(key + "=" + (value instanceof Double ? String.format(
			Locale.ROOT, "%.4f", (Double) value) : value));
	}

	private String toJson() {
		final StringBuilder sb = new StringBuilder("{\n");
		int i = 0;
		for (final Map.Entry<String, Object> e : results.entrySet()) {
			sb.append("  \"").append(e.getKey()).append("\": ");
			final Object v = e.getValue();
			if (v instanceof Number) {
				final double d = ((Number) v).doubleValue();
				sb.append(Double.isFinite(d) ? String.valueOf(v) : "null");
			}
			else sb.append('"').append(String.valueOf(v).replace("\\", "\\\\")
				.replace("\"", "\\\"")).append('"');
			sb.append(++i < results.size() ? ",\n" : "\n");
		}
		return sb.append("}\n").toString();
	}
}
