package org.bonexr.bmd.radiograph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.cli.Benchmark;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.model.BioImageModel;
import org.bonexr.phantom.AreaRoi;
import org.bonexr.phantom.HipDataset;
import org.bonexr.phantom.HipPhantom;
import org.bonexr.phantom.HipPhantomParameters;
import org.bonexr.phantom.HipPhantomResult;
import org.bonexr.phantom.XrayDegradation;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr bench bmd-radiograph [out=DIR] [samples=N] [seed=S]
 * [model=PATH]}: accuracy of areal BMD from radiographs on held-out hip
 * phantoms (phantom figures of the demo model, not clinical ones).
 * <p>
 * Phantoms: {@link HipDataset}'s parameter draws with seed S (default 1001;
 * the shipped model was trained on seed 1), rendered at the model's pixel
 * size with their scatter and noise but without JPEG. For each: the model's
 * bone DRR, aBMD in the truth ROIs (femoral neck, total hip: the phantom's
 * own regions) and in the automatic ROIs ({@link HipRois}), against the
 * true aBMD: Pearson r, ICC(A,1), MAE. The same two region rules on the
 * phantom's exact bone-only DRR ({@code exactDrr.*}) separate the error of
 * the aBMD rule and of the automatic regions from the network's. Then the same radiographs through
 * JPEG (8-bit rendering linear in attenuation) at qualities 95, 75, 50, 25,
 * 20, 15, 10 and 5 (r, its drop, and the JPEG size relative to the
 * uncompressed 16-bit image; {@code jpegFiftieth.*}: the highest quality
 * whose mean size is at most 1/50 and the drops there). That JPEG acts on the
 * model's 1 mm grid, with 8 mm blocks; a clinical radiograph is compressed at
 * its detector's pixel size and resampled to 1 mm afterwards by the estimate
 * command, so the {@code detector.*} figures render each phantom again at a
 * detector pixel D mm ({@code detectorMm=}, default 0.25; the same dose per
 * mm², so I0 per pixel × D²), detect it there (scatter, noise, JPEG at the
 * same qualities; size relative to the 16-bit image at D), and run it through
 * the same resampling and model, with r against the truth of that rendering
 * (drops against its own r without JPEG; a rendering at 0.25 mm needs
 * 2–4 GB of heap, the largest checked before any work: run the 100 held-out
 * phantoms with {@code BONEXR_JAVA_OPTS=-Xmx8g}). Then each phantom at four
 * poses (rotation −15°, −5°, 5°, 15° about the shaft): RMS coefficient of
 * variation of the estimate (and of the truth itself, which also changes
 * with pose). Prints key=value lines and writes bmd-radiograph-benchmark.json.
 */
@Plugin(type = Benchmark.class, name = "bmd-radiograph")
public class RadiographBmdBenchmark implements Benchmark {

	static final int[] JPEG_QUALITIES = { 95, 75, 50, 25, 20, 15, 10, 5 };
	/** The file-size fraction of the JPEG goal (issue: r holds at ≤ 1/50 of the size). */
	static final double GOAL_SIZE_FRACTION = 1.0 / 50;
	static final double[] POSES_DEG = { -15, -5, 5, 15 };

	public static void main(final String... args) throws Exception {
		new RadiographBmdBenchmark().run(args);
	}

	@Override
	public void run(final String[] args) throws Exception {
		Path out = Paths.get("bench-bmd-radiograph");
		int samples = 30;
		long seed = 1001;
		Path modelPath = null;
		double detectorMm = 0.25;
		for (final String a : args) {
			if (a.startsWith("detectorMm=")) detectorMm = Double.parseDouble(a
				.substring(11));
			if (a.startsWith("out=")) out = Paths.get(a.substring(4));
			if (a.startsWith("samples=")) samples = Integer.parseInt(a.substring(8));
			if (a.startsWith("seed=")) seed = Long.parseLong(a.substring(5));
			if (a.startsWith("model=")) modelPath = Paths.get(a.substring(6));
		}
		if (samples < 3) {
			throw new BoneXRException("samples=" + samples +
				" is too few for a correlation.", "Give samples=3 or more.");
		}
		Files.createDirectories(out);
		final Map<String, Object> f = new LinkedHashMap<>();
		final long t0 = System.nanoTime();
		try (BioImageModel m = BioImageModel.open(modelPath == null ? ShippedModel
			.path() : modelPath, null))
		{
			final BoneDrrModel model = new BoneDrrModel(m);
			final HipDataset dataset = new HipDataset(samples, seed, model.pixelMm(),
				HipDataset.DEFAULT_MAX_ROTATION_DEG);
			f.put("date", LocalDate.now().toString());
			f.put("note", "phantom figures of a demo model trained on phantoms " +
				"(HipPhantom, analytic truth); not clinical accuracy");
			final long heapGb = (Runtime.getRuntime().maxMemory() + (1 << 29)) >> 30;
			f.put("command", "BONEXR_JAVA_OPTS=-Xmx" + heapGb + "g bin/bonexr bench " +
				"bmd-radiograph samples=" + samples + " seed=" + seed + " detectorMm=" +
				detectorMm + (modelPath == null ? "" : " model=" + modelPath));
			f.put("model", m.description().name());
			f.put("samples", samples);
			f.put("seed", seed);
			f.put("pixelMm", model.pixelMm());

			final double[][] truth = new double[2][samples];
			final double[][] est = new double[2][samples];
			final double[][] auto = new double[2][samples];
			final double[][] exactTruthRoi = new double[2][samples];
			final double[][] exactAuto = new double[2][samples];
			final double[][][] jpeg = new double[JPEG_QUALITIES.length][2][samples];
			final double[] jpegRatio = new double[JPEG_QUALITIES.length];
			final DetectorLeg detector = new DetectorLeg(detectorMm, samples);
			detector.requireMemory(dataset, samples);
			final double[][] cvEst = new double[2][samples], cvTrue =
				new double[2][samples];
			int autoFailed = 0, exactAutoFailed = 0;
			for (int i = 0; i < samples; i++) {
				final HipDataset.Sample s = dataset.sample(i);
				final XrayDegradation base = s.degradation.toBuilder().jpegQuality(0)
					.build();
				final HipPhantomResult r = HipPhantom.render(s.parameters);
				final Radiograph ideal = r.apAttenuation(s.muWaterPerMm);
				final BoneDrr drr = model.predict(degrade(ideal, base, s.noiseSeed,
					model.pixelMm()), null);
				final boolean[][] masks = truthMasks(r, drr);
				final BoneDrr exact = BoneDrr.of(r.apMineralGcm2());
				final boolean[][] exactMasks = truthMasks(r, exact);
				for (int k = 0; k < 2; k++) {
					truth[k][i] = r.rois().get(k).areaBmdGcm2();
					est[k][i] = bmd(drr, masks[k]);
					exactTruthRoi[k][i] = bmd(exact, exactMasks[k]);
				}
				if (!autoRois(drr, auto, i)) autoFailed++;
				if (!autoRois(exact, exactAuto, i)) exactAutoFailed++;
				for (int q = 0; q < JPEG_QUALITIES.length; q++) {
					final XrayDegradation d = base.toBuilder().jpegQuality(
						JPEG_QUALITIES[q]).jpegLogEncoding(true).build();
					final float[] a = RealPixels.copy(ideal.pixels());
					final XrayDegradation.Detected det = d.apply(a, (int) ideal.width(),
						(int) ideal.height(), model.pixelMm(), s.noiseSeed);
					jpegRatio[q] += det.jpegBytes / (2.0 * a.length) / samples;
					final BoneDrr dj = model.predict(radiograph(det.attenuation, ideal),
						null);
					for (int k = 0; k < 2; k++) jpeg[q][k][i] = bmd(dj, masks[k]);
				}
				detector.measure(s, model, i);
				// four poses of the same phantom
				final double[][] pe = new double[2][POSES_DEG.length], pt =
					new double[2][POSES_DEG.length];
				for (int p = 0; p < POSES_DEG.length; p++) {
					final HipPhantomParameters pp = s.parameters.toBuilder().rotationDeg(
						POSES_DEG[p]).build();
					final HipPhantomResult rp = HipPhantom.render(pp);
					final BoneDrr dp = model.predict(degrade(rp.apAttenuation(
						s.muWaterPerMm), base, s.noiseSeed + p, model.pixelMm()), null);
					final boolean[][] mp = truthMasks(rp, dp);
					for (int k = 0; k < 2; k++) {
						pe[k][p] = bmd(dp, mp[k]);
						pt[k][p] = rp.rois().get(k).areaBmdGcm2();
					}
				}
				for (int k = 0; k < 2; k++) {
					cvEst[k][i] = cv(pe[k]);
					cvTrue[k][i] = cv(pt[k]);
				}
				System.err.printf(Locale.ROOT, "phantom %d/%d%n", i + 1, samples);
			}
			final String[] names = { "neck", "totalHip" };
			for (int k = 0; k < 2; k++) {
				final Agreement a = new Agreement(est[k], truth[k]);
				put(f, names[k] + ".truthRoi.r", a.pearsonR);
				put(f, names[k] + ".truthRoi.icc", a.icc);
				put(f, names[k] + ".truthRoi.maeGcm2", a.mae);
				put(f, names[k] + ".truthRoi.meanErrorGcm2", a.meanError);
				putFinite(f, names[k] + ".autoRoi", auto[k], truth[k]);
				putFinite(f, names[k] + ".exactDrr.truthRoi", exactTruthRoi[k],
					truth[k]);
				putFinite(f, names[k] + ".exactDrr.autoRoi", exactAuto[k], truth[k]);
				put(f, names[k] + ".truth.meanGcm2", mean(truth[k]));
				put(f, names[k] + ".truth.sdGcm2", sd(truth[k]));
				for (int q = 0; q < JPEG_QUALITIES.length; q++) {
					final Agreement j = new Agreement(jpeg[q][k], truth[k]);
					final String key = names[k] + ".jpeg" + JPEG_QUALITIES[q];
					put(f, key + ".r", j.pearsonR);
					put(f, key + ".rDrop", a.pearsonR - j.pearsonR);
					put(f, key + ".icc", j.icc);
					put(f, key + ".maeGcm2", j.mae);
				}
				put(f, names[k] + ".poses.rmsCvPercent", 100 * rms(cvEst[k]));
				put(f, names[k] + ".poses.truthRmsCvPercent", 100 * rms(cvTrue[k]));
			}
			putJpegSizes(f, "", jpegRatio, names);
			detector.put(f, names);
			f.put("autoRoiFailures", autoFailed);
			f.put("exactDrr.autoRoiFailures", exactAutoFailed);
			f.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
		}
		final StringBuilder json = new StringBuilder("{\n");
		int i = 0;
		for (final Map.Entry<String, Object> e : f.entrySet()) {
			System.out.println(e.getKey() + "=" + e.getValue());
			json.append("  \"").append(e.getKey()).append("\": ");
			json.append(e.getValue() instanceof String ? "\"" + e.getValue() + "\""
				: String.valueOf(e.getValue()));
			json.append(++i < f.size() ? ",\n" : "\n");
		}
		json.append("}\n");
		Files.write(out.resolve("bmd-radiograph-benchmark.json"), json.toString()
			.getBytes(StandardCharsets.UTF_8));
	}

	/** File sizes per quality and the {@code jpegFiftieth.*} keys, under a key prefix. */
	private static void putJpegSizes(final Map<String, Object> f,
		final String prefix, final double[] ratio, final String[] names)
	{
		for (int q = 0; q < JPEG_QUALITIES.length; q++) {
			put(f, prefix + "jpeg" + JPEG_QUALITIES[q] + ".sizeFraction", ratio[q]);
		}
		for (int q = 0; q < JPEG_QUALITIES.length; q++) {
			if (ratio[q] > GOAL_SIZE_FRACTION) continue;
			f.put(prefix + "jpegFiftieth.quality", JPEG_QUALITIES[q]);
			put(f, prefix + "jpegFiftieth.sizeFraction", ratio[q]);
			for (final String name : names) {
				f.put(prefix + name + ".jpegFiftieth.rDrop", f.get(prefix + name +
					".jpeg" + JPEG_QUALITIES[q] + ".rDrop"));
			}
			break;
		}
	}

	/**
	 * Each phantom rendered and detected at a detector pixel size, JPEG there
	 * (or none), then resampled to the model's pixel by the model's own input
	 * step: aBMD in the truth ROIs of that rendering.
	 */
	private static final class DetectorLeg {

		/** HipPhantom's volumes: HU, mineral and bone mask, one float each. */
		private static final double PHANTOM_BYTES_PER_VOXEL = 3 * Float.BYTES;

		private final double detectorMm;
		private final double[][] truth, plain;
		private final double[][][] jpeg;
		private final double[] ratio = new double[JPEG_QUALITIES.length];

		DetectorLeg(final double detectorMm, final int samples) {
			this.detectorMm = detectorMm;
			truth = new double[2][samples];
			plain = new double[2][samples];
			jpeg = new double[JPEG_QUALITIES.length][2][samples];
		}

		/**
		 * Refuses, before any work, a heap that cannot hold the largest of the
		 * phantoms' renderings at the detector pixel.
		 */
		void requireMemory(final HipDataset dataset, final int samples) {
			long most = 0;
			for (int i = 0; i < samples; i++)
				most = Math.max(most, HipPhantom.voxels(fine(dataset.sample(i))));
			MemoryBudget.require(String.format(Locale.ROOT,
				"Rendering the largest of %d hip phantoms at a %.2f mm detector pixel",
				samples, detectorMm), most, PHANTOM_BYTES_PER_VOXEL);
		}

		private HipPhantomParameters fine(final HipDataset.Sample s) {
			return s.parameters.toBuilder().voxelMm(detectorMm).build();
		}

		void measure(final HipDataset.Sample s, final BoneDrrModel model,
			final int i)
		{
			final HipPhantomParameters fine = fine(s);
			MemoryBudget.require(String.format(Locale.ROOT,
				"Rendering hip phantom %d at a %.2f mm detector pixel", i, detectorMm),
				HipPhantom.voxels(fine), PHANTOM_BYTES_PER_VOXEL);
			final HipPhantomResult r = HipPhantom.render(fine);
			final Radiograph ideal = r.apAttenuation(s.muWaterPerMm);
			final float[] a = RealPixels.copy(ideal.pixels());
			final double dosePerPixel = detectorMm * detectorMm / (model.pixelMm() *
				model.pixelMm());
			final XrayDegradation base = s.degradation.toBuilder().jpegQuality(0).i0(
				s.degradation.i0() * dosePerPixel).build();
			final BoneDrr drr = model.predict(radiograph(base.apply(a, (int) ideal
				.width(), (int) ideal.height(), detectorMm, s.noiseSeed).attenuation,
				ideal), null);
			final boolean[][] masks = truthMasks(r, drr);
			for (int k = 0; k < 2; k++) {
				truth[k][i] = r.rois().get(k).areaBmdGcm2();
				plain[k][i] = bmd(drr, masks[k]);
			}
			for (int q = 0; q < JPEG_QUALITIES.length; q++) {
				final XrayDegradation.Detected det = base.toBuilder().jpegQuality(
					JPEG_QUALITIES[q]).jpegLogEncoding(true).build().apply(a, (int) ideal
						.width(), (int) ideal.height(), detectorMm, s.noiseSeed);
				ratio[q] += det.jpegBytes / (2.0 * a.length) / truth[0].length;
				final BoneDrr dj = model.predict(radiograph(det.attenuation, ideal),
					null);
				for (int k = 0; k < 2; k++) jpeg[q][k][i] = bmd(dj, masks[k]);
			}
		}

		void put(final Map<String, Object> f, final String[] names) {
			f.put("detector.pixelMm", detectorMm);
			for (int k = 0; k < 2; k++) {
				final Agreement a = new Agreement(plain[k], truth[k]);
				final String key = "detector." + names[k];
				RadiographBmdBenchmark.put(f, key + ".r", a.pearsonR);
				RadiographBmdBenchmark.put(f, key + ".maeGcm2", a.mae);
				for (int q = 0; q < JPEG_QUALITIES.length; q++) {
					final Agreement j = new Agreement(jpeg[q][k], truth[k]);
					RadiographBmdBenchmark.put(f, key + ".jpeg" + JPEG_QUALITIES[q] +
						".r", j.pearsonR);
					RadiographBmdBenchmark.put(f, key + ".jpeg" + JPEG_QUALITIES[q] +
						".rDrop", a.pearsonR - j.pearsonR);
				}
			}
			putJpegSizes(f, "detector.", ratio, names);
		}
	}

	/** Automatic regions' aBMD into out[0..1][i] (NaN when not found). */
	private static boolean autoRois(final BoneDrr drr, final double[][] out,
		final int i)
	{
		try {
			final HipRois.Result a = HipRois.find(drr);
			out[0][i] = bmd(drr, a.femoralNeck.mask());
			out[1][i] = bmd(drr, a.totalHip.mask());
			return true;
		}
		catch (final RuntimeException e) {
			out[0][i] = out[1][i] = Double.NaN;
			return false;
		}
	}

	/** r, ICC and MAE of the finite estimates (at least 3). */
	private static void putFinite(final Map<String, Object> f,
		final String key, final double[] est, final double[] truth)
	{
		final double[][] ok = finitePairs(est, truth);
		if (ok[0].length < 3) return;
		final Agreement b = new Agreement(ok[0], ok[1]);
		put(f, key + ".r", b.pearsonR);
		put(f, key + ".icc", b.icc);
		put(f, key + ".maeGcm2", b.mae);
	}

	private static double mean(final double[] v) {
		double m = 0;
		for (final double x : v) m += x;
		return m / v.length;
	}

	private static double sd(final double[] v) {
		final double m = mean(v);
		double s = 0;
		for (final double x : v) s += (x - m) * (x - m);
		return Math.sqrt(s / (v.length - 1));
	}

	private static void put(final Map<String, Object> f, final String key,
		final double v)
	{
		f.put(key, Double.isFinite(v) ? Double.parseDouble(String.format(
			Locale.ROOT, "%.4g", v)) : "NaN");
	}

	private static double bmd(final BoneDrr drr, final boolean[] mask) {
		try {
			return RegionBmd.measure(drr, mask, "ROI").bmdGPerCm2();
		}
		catch (final RuntimeException e) {
			return 0; // no predicted bone in the region: an estimate of 0
		}
	}

	/** The phantom's truth ROIs on the DRR grid (pixel centres inside). */
	private static boolean[][] truthMasks(final HipPhantomResult r,
		final BoneDrr drr)
	{
		final double[] tl = r.apTopLeftMm();
		final double p = drr.pixelMm();
		final boolean[][] m = new boolean[2][drr.width() * drr.height()];
		for (int k = 0; k < 2; k++) {
			final AreaRoi roi = r.rois().get(k).roi();
			for (int y = 0; y < drr.height(); y++)
				for (int x = 0; x < drr.width(); x++)
					m[k][x + drr.width() * y] = roi.contains(tl[0] + (x + 0.5) * p, tl[1] -
						(y + 0.5) * p);
		}
		return m;
	}

	private static Radiograph degrade(final Radiograph ideal,
		final XrayDegradation d, final long seed, final double pixelMm)
	{
		final XrayDegradation.Detected det = d.apply(RealPixels.copy(ideal.pixels()), (int) ideal
			.width(), (int) ideal.height(), pixelMm, seed);
		return radiograph(det.attenuation, ideal);
	}

	/** Attenuation values on the grid and spacing of another image. */
	static Radiograph radiograph(final float[] a, final Radiograph like) {
		return new Radiograph("phantom", ArrayImgs.floats(a, like.width(), like
			.height()), like.spacing(), ValueDomain.ATTENUATION);
	}

	private static double cv(final double[] v) {
		return sd(v) / mean(v);
	}

	private static double rms(final double[] v) {
		double s = 0;
		for (final double x : v) s += x * x;
		return Math.sqrt(s / v.length);
	}

	private static double[][] finitePairs(final double[] a, final double[] b) {
		final List<double[]> ok = new ArrayList<>();
		for (int i = 0; i < a.length; i++)
			if (Double.isFinite(a[i])) ok.add(new double[] { a[i], b[i] });
		final double[][] out = new double[2][ok.size()];
		for (int i = 0; i < ok.size(); i++) {
			out[0][i] = ok.get(i)[0];
			out[1][i] = ok.get(i)[1];
		}
		return out;
	}
}
