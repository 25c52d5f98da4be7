package org.bonexr.jsn;

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
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.jsn.JointImage.Bone;
import org.bonexr.model.BioImageModel;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.phantom.XrayDegradation;
import org.bonexr.separation.ShippedModel;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr bench jsw [out=DIR] [seeds=N] [firstSeed=K] [model=ZIP]}: JSW accuracy against the
 * joint phantom's ground truth (phantom figures, not clinical ones). Sweeps
 * JSW 0.3–3.0 mm at 0.05, 0.1 and 0.2 mm/px with quantum noise (20000
 * photons/px) and 10% scatter, without flexion and with 10° and 28° flexion
 * (the distal base's projection then overlaps the head), measuring on the raw
 * radiograph, on the phantom's exact bone layers and on the layers the
 * shipped separation model makes of the radiograph
 * ({@link JointLayerSeparation}, resampled to the model's training scale);
 * then the repeatability under ±3 px region jitter and a 0.1 mm narrowing
 * between two visits (other noise, joint moved 0.2 mm and turned 1°), on the
 * radiographs and on the model's layers. For each row and case it also says
 * which margin the error comes from (each margin's mean signed error and
 * its scatter across the joint against the true margin, {@link
 * #MARGIN_FIGURES}). {@code model} replaces the shipped
 * separation model by another trained like it (same training pixel sizes).
 * The phantoms of each case use seeds firstSeed … firstSeed + seeds − 1
 * (default 1 and 2, a quick run of 10 phantoms per row); the docs' first
 * table uses seeds=14 (70 per row), as 10 cases leave a row's MAE a sampling
 * error of about 0.05 px; other seed ranges check a change on other
 * phantoms.
 * Prints key=value lines and writes
 * jsw-benchmark.json in the output folder (figures as numbers; a case
 * where no joint space was found, or a figure with no case found, is null).
 */
@Plugin(type = Benchmark.class, name = "jsw")
public class JswBenchmark implements Benchmark {

	private static final double[] SPACINGS = { 0.05, 0.1, 0.2 };
	private static final double[] WIDTHS = { 0.3, 0.5, 1.0, 2.0, 3.0 };
	private static final double[] FLEXIONS = { 0, 10, 28 };
	/** Columns: raw radiograph, exact phantom layers, shipped model's layers. */
	private static final String[] KINDS = { "raw", "layers", "modelLayers" };
	/**
	 * Where a JSW error comes from, by case and averaged over a row's found
	 * cases: each margin's mean signed error along the joint axis (positive
	 * towards the distal bone) and its SD across the joint, mm
	 * ({@link JswTruthComparison#meanMarginError}).
	 */
	private static final String[] MARGIN_FIGURES = { "proximal.meanErrorMm",
		"proximal.sdMm", "distal.meanErrorMm", "distal.sdMm" };

	public static void main(final String... args) throws Exception {
		new JswBenchmark().run(args);
	}

	@Override
	public void run(final String[] args) throws Exception {
		Path out = Paths.get("bench-jsw");
		int seeds = 2;
		int firstSeed = 1;
		Path modelPath = null;
		for (final String a : args) {
			if (a.startsWith("out=")) out = Paths.get(a.substring(4));
			if (a.startsWith("seeds=")) seeds = Integer.parseInt(a.substring(6));
			if (a.startsWith("firstSeed=")) firstSeed = Integer.parseInt(a
				.substring(10));
			if (a.startsWith("model=")) modelPath = Paths.get(a.substring(6));
		}
		final Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("date", LocalDate.now().toString());
		figures.put("note", "phantom figures (JointPhantom, analytic ground truth)");
		final List<String> rows = new ArrayList<>();
		if (modelPath != null) figures.put("model", modelPath.toString());
		figures.put("seeds", firstSeed + "-" + (firstSeed + seeds - 1));
		try (BioImageModel model = BioImageModel.open(modelPath != null
			? modelPath : ShippedModel.path(), null))
		{
			final JointLayerSeparation separation = JointLayerSeparation.shipped(
				model);
			for (final double flex : FLEXIONS) {
				for (final double s : SPACINGS) {
					final double[] sum = new double[KINDS.length];
					// by kind: mean over found cases of each margin's mean error and SD
					final double[][] margins = new double[KINDS.length][MARGIN_FIGURES
						.length];
					final int[] failed = new int[KINDS.length];
					int n = 0;
					for (final double w : WIDTHS) {
						for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
							final JointPhantomResult r = JointPhantom.render(
								JointPhantomParameters.builder().spacingMm(s).jswMm(w)
									.flexionDeg(flex).seed(seed).build());
							final JointAxis axis = JointAxis.fromMasks(r.proximalMask(), r
								.distalMask());
							final StringBuilder row = new StringBuilder(String.format(
								Locale.ROOT,
								"{\"spacingMm\":%s,\"jswMm\":%s,\"flexionDeg\":%s,\"seed\":%d",
								s, w, flex, seed));
							for (int k = 0; k < KINDS.length; k++) {
								final JswTruthComparison c = compare(image(k, r, separation),
									axis, r);
								final double[] m = c == null ? null : marginFigures(c);
								if (c == null) failed[k]++;
								else {
									sum[k] += c.meanAbsoluteError();
									for (int f = 0; f < m.length; f++)
										margins[k][f] += m[f];
								}
								row.append(String.format(Locale.ROOT,
									",\"%sMaeMm\":%s,\"%sProximalErrorMm\":%s,\"%sDistalErrorMm\":%s",
									KINDS[k], jsonNumber(c == null ? Double.NaN : c
										.meanAbsoluteError()), KINDS[k], jsonNumber(m == null
											? Double.NaN : m[0]), KINDS[k], jsonNumber(m == null
												? Double.NaN : m[2])));
							}
							rows.add(row.append("}").toString());
							n++;
						}
					}
					final String key = String.format(Locale.ROOT, "flex%.0f.spacing%.2f",
						flex, s);
					for (int k = 0; k < KINDS.length; k++) {
						final int found = n - failed[k];
						put(figures, key + "." + KINDS[k] + ".maeMm", found > 0 ? sum[k] /
							found : Double.NaN);
						put(figures, key + "." + KINDS[k] + ".maePx", found > 0 ? sum[k] /
							found / s : Double.NaN);
						figures.put(key + "." + KINDS[k] + ".notFound", failed[k] + "/" +
							n);
						for (int f = 0; f < MARGIN_FIGURES.length; f++) {
							put(figures, key + "." + KINDS[k] + "." + MARGIN_FIGURES[f],
								found > 0 ? margins[k][f] / found : Double.NaN);
						}
					}
				}
			}
			for (final double s : SPACINGS) {
				put(figures, String.format(Locale.ROOT,
					"modelLayers.spacing%.2f.modelSpacingMm", s), separation
						.modelSpacingMm(s));
			}
			jitter(figures, separation);
			progression(figures, null);
			progression(figures, separation);
		}
		Files.createDirectories(out);
		final StringBuilder json = new StringBuilder("{\n");
		for (final Map.Entry<String, Object> e : figures.entrySet()) {
			final Object v = e.getValue();
			json.append("  \"").append(e.getKey()).append("\": ").append(
				v instanceof Double ? Double.isNaN((Double) v) ? "null" : String
					.format(Locale.ROOT, "%.4f", v) : "\"" + v + "\"").append(",\n");
		}
		json.append("  \"cases\": [\n    ").append(String.join(",\n    ", rows))
			.append("\n  ]\n}\n");
		final Path file = out.resolve("jsw-benchmark.json");
		Files.write(file, json.toString().getBytes(StandardCharsets.UTF_8));
		System.out.println("json=" + file);
	}

	/**
	 * What is measured, by column: the raw radiograph, the phantom's exact
	 * single-bone layers (perfect separation), and the layers the shipped
	 * separation model makes from the radiograph.
	 */
	private static JointImage image(final int kind, final JointPhantomResult r,
		final JointLayerSeparation separation)
	{
		if (kind == 0) return JointImage.ofRadiograph(r.attenuation());
		if (kind == 1) return JointImage.ofLayers(r.proximalLayer(), r
			.distalLayer());
		return separation.separate(r.attenuation(), null).joint();
	}

	/** A JSON number with 5 decimals, null for NaN (joint space not found). */
	static String jsonNumber(final double v) {
		return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.5f", v);
	}

	/** The measurement against the truth, null when no joint space was found. */
	private static JswTruthComparison compare(final JointImage image,
		final JointAxis axis, final JointPhantomResult r)
	{
		try {
			return new JswTruthComparison(new JointSpaceWidth().measure(image,
				axis), r.jsw());
		}
		catch (final org.bonexr.core.BoneXRException e) {
			return null;
		}
	}

	/** Figures of {@link #MARGIN_FIGURES}, in that order, mm. */
	private static double[] marginFigures(final JswTruthComparison c) {
		return new double[] { c.meanMarginError(Bone.PROXIMAL), c.marginErrorSd(
			Bone.PROXIMAL), c.meanMarginError(Bone.DISTAL), c.marginErrorSd(
				Bone.DISTAL) };
	}

	private static void put(final Map<String, Object> m, final String key,
		final double v)
	{
		m.put(key, v);
		System.out.println(key + "=" + String.format(Locale.ROOT, "%.4f", v));
	}

	/** SD of mean JSW over a 7×7 grid of ±3 px region shifts, 0.1 mm/px. */
	private static void jitter(final Map<String, Object> figures,
		final JointLayerSeparation separation)
	{
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.1).jswMm(1.0).seed(5).build());
		final JointAxis a = JointAxis.fromMasks(r.proximalMask(), r.distalMask());
		for (int k = 0; k < KINDS.length; k++) {
			final JointImage image = image(k, r, separation);
			final List<Double> means = new ArrayList<>();
			for (int dx = -3; dx <= 3; dx++) {
				for (int dy = -3; dy <= 3; dy++) {
					means.add(new JointSpaceWidth().measure(image, JointAxis.ofRectangle(
						a.centreX() - 30 + dx, a.centreY() - 25 + dy, 61, 51)).meanJsw());
				}
			}
			final double mean = means.stream().mapToDouble(d -> d).average()
				.orElse(Double.NaN);
			final double sd = Math.sqrt(means.stream().mapToDouble(d -> (d -
				mean) * (d - mean)).sum() / (means.size() - 1));
			put(figures, "jitter." + KINDS[k] + ".sdMm", sd);
		}
	}

	/**
	 * 0.1 mm narrowing between two visits, several joints and seeds, on the
	 * raw radiographs (separation null) or on the model's layers of each.
	 */
	private static void progression(final Map<String, Object> figures,
		final JointLayerSeparation separation)
	{
		double worstReg = 0, worstDirect = 0, sumReg = 0, sumDirect = 0;
		int n = 0;
		for (final double w : new double[] { 0.5, 1.0, 2.0 }) {
			for (int seed = 1; seed <= 3; seed++) {
				final JointPhantomParameters p1 = JointPhantomParameters.builder()
					.spacingMm(0.1).jswMm(w).seed(seed).build();
				final JointPhantomParameters p2 = p1.toBuilder().jswMm(w - 0.1)
					.centreOffsetMm(0.2 * seed - 0.3, 0.15).axisAngleDeg(seed - 2)
					.build();
				final JointPhantomResult v1 = JointPhantom.render(p1);
				final JointPhantomResult v2 = JointPhantom.render(p2);
				final Radiograph second = reexposed(v2, 1000 + seed);
				final JswChange c = new JointSpaceComparison().compare(
					separation == null ? JointImage.ofRadiograph(v1.attenuation())
						: separation.separate(v1.attenuation(), null).joint(),
					separation == null ? JointImage.ofRadiograph(second) : separation
						.separate(second, null).joint(), JointAxis.fromMasks(v1
							.proximalMask(), v1.distalMask()));
				worstReg = Math.max(worstReg, Math.abs(c.deltaJsw() + 0.1));
				worstDirect = Math.max(worstDirect, Math.abs(c.deltaJswDirect() +
					0.1));
				sumReg += c.deltaJsw();
				sumDirect += c.deltaJswDirect();
				n++;
			}
		}
		final String key = "progression" + (separation == null ? ""
			: ".modelLayers");
		put(figures, key + ".registration.meanDeltaMm", sumReg / n);
		put(figures, key + ".registration.worstErrorMm", worstReg);
		put(figures, key + ".paired.meanDeltaMm", sumDirect / n);
		put(figures, key + ".paired.worstErrorMm", worstDirect);
	}

	/** The same joint exposed again: other quantum noise. */
	static Radiograph reexposed(final JointPhantomResult r, final long seed) {
		final JointPhantomParameters p = r.parameters();
		final float[] a = RealPixels.copy(r.attenuationNoiseFree().pixels());
		final XrayDegradation.Detected d = p.degradation().apply(a, p.widthPx(), p
			.heightPx(), p.spacingMm(), seed);
		return new Radiograph(r.attenuation().name(), ArrayImgs.floats(
			d.attenuation, p.widthPx(), p.heightPx()), r.attenuation().spacing(),
			ValueDomain.ATTENUATION);
	}
}
