package org.bonexr.drr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.cli.Benchmark;
import org.bonexr.core.BoneXRException;
import org.bonexr.ct.CtVolume;
import org.bonexr.ct.MetaImageReader;
import org.bonexr.ct.MetaImageWriter;
import org.bonexr.kernels.ComputeBackend;
import org.scijava.plugin.Plugin;

/**
 * DRR benchmark: BoneXR against Debian's plastimatch 1.9.4 on the same CT and
 * the same cone geometry, in the same run. Not a test.
 * <p>
 * Writes a synthetic 512×512×300 CT (0.8 × 0.8 × 1 mm, int16 HU: a body of
 * soft tissue and fat with lungs, spine, pelvis-like and femur-like bones) as
 * MetaImage, then renders an AP (gantry 90°) and an oblique (45°) view with
 * SAD 1000 mm, SID 1500 mm and a 512² detector of 400 mm: plastimatch
 * {@code drr -i exact} (installed with apt-get when missing) and BoneXR's
 * Siddon-Jacobs projector, plus BoneXR's trilinear projector in Java and,
 * where an OpenCL device is found, on OpenCL. Times are medians over the
 * repeats; plastimatch's CPU {@code exact} renderer runs on one thread, so
 * BoneXR's Siddon is timed on all threads and on one. plastimatch's own
 * "Total time" excludes reading the CT; its wall time includes it. To compare images, BoneXR uses plastimatch's HU conversion
 * ({@link AttenuationModel#plastimatch()}) and its result is divided by 10,
 * plastimatch's output scale; the normalised RMS difference is
 * RMS(a − b) / (max b − min b). Prints {@code key=value} lines and writes them
 * to {@code drr-benchmark.json} in the output folder.
 * <p>
 * Run as {@code bin/bonexr bench drr [out=DIR] [repeats=N] [threads=T]}
 * (defaults: {@code drr-benchmark}, 5, available processors), or through
 * {@link #main}. The build machine is shared with other jobs: its load
 * changes the times, which is why the runs alternate.
 */
@Plugin(type = Benchmark.class, name = "drr")
public final class DrrBenchmark implements Benchmark {

	private static final int NX = 512, NY = 512, NZ = 300;
	private static final double[] SPACING = { 0.8, 0.8, 1.0 };
	private static final double[] VIEWS_DEG = { 90, 45 };

	private final Map<String, Object> figures = new LinkedHashMap<>();

	/** Arguments as {@code key=value}: out, repeats, threads. */
	public static void main(final String... args) throws Exception {
		new DrrBenchmark().run(args);
	}

	@Override
	public void run(final String[] args) throws Exception {
		final Map<String, String> a = new LinkedHashMap<>();
		for (final String arg : args) {
			final int eq = arg.indexOf('=');
			if (eq <= 0 || !Arrays.asList("out", "repeats", "threads").contains(arg
				.substring(0, eq)))
			{
				throw new BoneXRException("The benchmark argument '" + arg +
					"' is not one of out=DIR, repeats=N, threads=T.",
					"Use e.g. bonexr bench drr out=drr-benchmark repeats=5 threads=2.");
			}
			a.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		run(Paths.get(a.getOrDefault("out", "drr-benchmark")).toAbsolutePath(),
			Integer.parseInt(a.getOrDefault("repeats", "5")), Integer.parseInt(a
				.getOrDefault("threads", String.valueOf(Runtime.getRuntime()
					.availableProcessors()))));
	}

	private void run(final Path out, final int repeats, final int threads)
		throws Exception
	{
		Files.createDirectories(out);
		put("machine", "shared build machine, " + Runtime.getRuntime()
			.availableProcessors() + " CPUs visible, other jobs may run at the same time");
		put("cpu_cores", Runtime.getRuntime().availableProcessors());
		put("threads", threads);
		put("repeats", repeats);
		put("ct", NX + "x" + NY + "x" + NZ);
		final Path mha = out.resolve("bench_ct.mha");
		long t = System.nanoTime();
		MetaImageWriter.write(syntheticCt(), mha, MetaImageWriter.Storage.INT16);
		put("write_mha_s", seconds(t));

		t = System.nanoTime();
		final CtVolume ct = MetaImageReader.read(mha);
		put("bonexr_read_mha_s", seconds(t));
		t = System.nanoTime();
		final ProjectionVolume mu = ProjectionVolume.attenuation(ct,
			AttenuationModel.plastimatch(), BoneSelection.all());
		put("bonexr_hu_to_mu_s", seconds(t));
		final List<ConeBeamGeometry> views = new ArrayList<>();
		for (final double deg : VIEWS_DEG)
			views.add(new ConeBeamGeometry(1000, 1500, 512, 512, 400, 400)
				.withGantryAngleDeg(deg));

		final boolean plastimatch = ensurePlastimatch();
		put("plastimatch_available", plastimatch);
		for (int v = 0; v < views.size(); v++) {
			final String view = VIEWS_DEG[v] == 90 ? "ap" : "oblique";
			final ConeBeamGeometry g = views.get(v);
			// BoneXR and plastimatch alternate, so that both see the same machine load
			final double[] siddonTimes = new double[repeats],
					oneThread = new double[repeats], wall = new double[repeats],
					own = new double[repeats];
			Drr siddon = null;
			float[] pm = null;
			for (int r = 0; r < repeats; r++) {
				t = System.nanoTime();
				siddon = new SiddonProjector(threads).project(mu, g);
				siddonTimes[r] = seconds(t);
				t = System.nanoTime();
				new SiddonProjector(1).project(mu, g);
				oneThread[r] = seconds(t);
				if (plastimatch) {
					final double[] times = new double[2];
					pm = runPlastimatch(mha, out, VIEWS_DEG[v], times);
					wall[r] = times[0];
					own[r] = times[1];
				}
			}
			put(view + "_bonexr_siddon_s", median(siddonTimes));
			put(view + "_bonexr_siddon_1thread_s", median(oneThread));
			if (plastimatch) {
				put(view + "_plastimatch_wall_s", median(wall));
				put(view + "_plastimatch_reported_total_s", median(own));
				put(view + "_ratio_bonexr_siddon_over_plastimatch_reported", median(
					siddonTimes) / median(own));
				put(view + "_ratio_bonexr_siddon_1thread_over_plastimatch_reported",
					median(oneThread) / median(own));
				put(view + "_ratio_bonexr_siddon_over_plastimatch_wall", median(
					siddonTimes) / median(wall));
				// BoneXR ∫μ dl / 10 = plastimatch's output
				put(view + "_nrmsd_bonexr_siddon_vs_plastimatch", nrmsd(siddon.values(),
					pm, 0.1));
				put(view + "_max_plastimatch", max(pm));
			}
			final double[] triTimes = new double[repeats];
			Drr tri = null;
			for (int r = 0; r < repeats; r++) {
				t = System.nanoTime();
				tri = new TrilinearProjector(0.5, threads).project(mu, g);
				triTimes[r] = seconds(t);
			}
			put(view + "_bonexr_trilinear_0.5mm_s", median(triTimes));
			put(view + "_trilinear_vs_siddon_nrmsd", nrmsd(tri.values(), siddon
				.values(), 1));
		}
		openCl(mu, views, repeats);
		writeJson(out.resolve("drr-benchmark.json"));
	}

	private void openCl(final ProjectionVolume mu,
		final List<ConeBeamGeometry> views, final int repeats)
	{
		final List<String> devices = ComputeBackend.openClDeviceNames();
		if (devices.isEmpty()) {
			put("opencl", "no device (CLIJ2 or an OpenCL runtime missing)");
			return;
		}
		try (ComputeBackend cl = new ComputeBackend(devices.get(0))) {
			if (!cl.isOpenCL()) {
				put("opencl", "failed: " + cl.backend());
				return;
			}
			put("opencl_device", cl.backend().deviceName().orElse(""));
			final BackendTrilinearProjector p = new BackendTrilinearProjector(cl, 0.5);
			final double[] times = new double[repeats];
			List<Drr> drrs = null;
			for (int r = 0; r < repeats; r++) {
				final long t = System.nanoTime();
				drrs = p.projectAll(mu, views);
				times[r] = seconds(t);
			}
			put("opencl_trilinear_0.5mm_both_views_incl_upload_s", median(times));
			final Drr java = new TrilinearProjector(0.5).project(mu, views.get(0));
			put("opencl_vs_java_trilinear_ap_nrmsd", nrmsd(drrs.get(0).values(), java
				.values(), 1));
		}
		catch (final RuntimeException | LinkageError e) {
			put("opencl", "failed: " + e);
		}
	}

	/** Runs plastimatch for one view; times[0] = wall s, times[1] = its reported total s. */
	private float[] runPlastimatch(final Path mha, final Path out,
		final double deg, final double[] times) throws IOException,
		InterruptedException
	{
		final double a = Math.toRadians(deg);
		final String prefix = out.resolve("pm_" + (int) deg + "_").toString();
		// -n points from the isocentre to the source; this build reads -y (gantry angle) in radians
		final List<String> cmd = Arrays.asList("plastimatch", "drr", "-i", "exact",
			"-t", "raw", "--sad", "1000", "--sid", "1500", "-r", "512 512", "-z",
			"400 400", "-n", String.format(Locale.ROOT, "%.12f %.12f 0", Math.cos(a),
				-Math.sin(a)), "--vup", "0 0 1", "-o", "0 0 0", "-O", prefix, "-I",
			mha.toString());
		final long t = System.nanoTime();
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(),
			StandardCharsets.UTF_8);
		if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
			throw new IOException("plastimatch failed: " + log);
		}
		times[0] = seconds(t);
		final Matcher m = Pattern.compile("Total time: ([0-9.eE+-]+)").matcher(log);
		times[1] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
		final byte[] raw = Files.readAllBytes(Paths.get(prefix + "0000.raw"));
		final float[] img = new float[raw.length / 4];
		ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(img);
		return img;
	}

	private static boolean ensurePlastimatch() throws InterruptedException {
		if (onPath()) return true;
		try {
			new ProcessBuilder("apt-get", "install", "-y", "plastimatch").inheritIO()
				.start().waitFor(20, TimeUnit.MINUTES);
		}
		catch (final IOException e) {
			return false;
		}
		return onPath();
	}

	private static boolean onPath() throws InterruptedException {
		try {
			return new ProcessBuilder("plastimatch", "--version").start().waitFor() ==
				0;
		}
		catch (final IOException e) {
			return false;
		}
	}

	/**
	 * Synthetic CT in HU: air (−1000) outside an elliptic body of soft tissue
	 * (40) with a fat rim (−100), two lungs (−800) in the upper part, a spine
	 * (cortical 1200 / trabecular 250), and in the lower part a pelvis-like
	 * ring and two femur-like shafts.
	 */
	static CtVolume syntheticCt() {
		final float[] v = new float[NX * NY * NZ];
		for (int k = 0; k < NZ; k++) {
			final double z = (k - NZ / 2.0) * SPACING[2];
			for (int j = 0; j < NY; j++) {
				final double y = (j - NY / 2.0) * SPACING[1];
				for (int i = 0; i < NX; i++) {
					final double x = (i - NX / 2.0) * SPACING[0];
					v[i + NX * (j + NY * k)] = hu(x, y, z);
				}
			}
		}
		final double[] origin = { -NX / 2.0 * SPACING[0], -NY / 2.0 * SPACING[1],
			-NZ / 2.0 * SPACING[2] };
		return new CtVolume("bench", ArrayImgs.floats(v, NX, NY, NZ), SPACING,
			origin, null);
	}

	private static float hu(final double x, final double y, final double z) {
		final double body = sq(x / 170) + sq(y / 120);
		if (body > 1) return -1000;
		final double spine = sq(x / 18) + sq((y - 70) / 18);
		if (spine <= 1) return spine > 0.6 ? 1200 : 250;
		if (z > 20) {
			if (sq((Math.abs(x) - 70) / 55) + sq((y + 5) / 75) <= 1) return -800;
		}
		else {
			final double ring = Math.hypot(x / 1.3, y - 10);
			if (ring > 95 && ring < 110 && z > -60) return 900;
			final double femur = Math.hypot(Math.abs(x) - 85, y);
			if (femur < 15 && z < -20) return femur > 10 ? 1400 : 150;
		}
		return body > 0.8 ? -100 : 40;
	}

	private static double sq(final double x) {
		return x * x;
	}

	/** RMS(scale·a − b) / (max b − min b). */
	private static double nrmsd(final float[] a, final float[] b,
		final double scale)
	{
		double s = 0, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int i = 0; i < a.length; i++) {
			final double d = scale * a[i] - b[i];
			s += d * d;
			lo = Math.min(lo, b[i]);
			hi = Math.max(hi, b[i]);
		}
		return Math.sqrt(s / a.length) / (hi - lo);
	}

	private static double max(final float[] a) {
		double m = -Double.MAX_VALUE;
		for (final float f : a)
			m = Math.max(m, f);
		return m;
	}

	private static double median(final double[] values) {
		final double[] s = values.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s
			.length / 2]) / 2;
	}

	private static double seconds(final long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private void put(final String key, final Object value) {
		final Object v = value instanceof Double ? Double.valueOf(String.format(
			Locale.ROOT, "%.6g", (Double) value)) : value;
		figures.put(key, v);
		System.out.println(key + "=" + v);
	}

	private void writeJson(final Path file) throws IOException {
		final StringBuilder s = new StringBuilder("{\n");
		int i = 0;
		for (final Map.Entry<String, Object> e : figures.entrySet()) {
			final Object v = e.getValue();
			s.append("  \"").append(e.getKey()).append("\": ");
			if (v instanceof Number || v instanceof Boolean) s.append(v);
			else s.append('"').append(v.toString().replace("\\", "\\\\").replace("\"",
				"\\\"")).append('"');
			s.append(++i < figures.size() ? ",\n" : "\n");
		}
		Files.write(file, s.append("}\n").toString().getBytes(
			StandardCharsets.UTF_8));
		System.out.println("json=" + file.toAbsolutePath());
	}
}
