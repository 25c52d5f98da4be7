package org.bonexr.phantom;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.RealPixels;

/**
 * Writes a training/evaluation dataset of joint radiographs with ground
 * truth, for bone layer separation and joint space width: the same seed
 * gives the same files, byte for byte, and sample i does not depend on how
 * many samples are written.
 * <p>
 * Layout: {@code dataset.json} (what was made, and how) and one folder
 * {@code sample-NNNNN/} per sample with
 * <ul>
 * <li>{@code radiograph.tif}: the detected radiograph, 32-bit, attenuation
 * domain, size×size pixels, spacing in mm;</li>
 * <li>{@code layers.tif}: slices "upper" (distal bone), "lower" (proximal
 * bone), "soft tissue", whose sum is the radiograph before quantum noise and
 * JPEG. The bone layers are the bones' own attenuation; the soft-tissue layer
 * is everything else the detector saw: soft tissue and the effect of scatter
 * (−ln of the scattered intensity minus the primary attenuation), which no
 * single radiograph can tell apart from soft tissue. So the layers satisfy
 * the physics constraint "layers add up to the radiograph" up to noise;</li>
 * <li>{@code masks.tif}: slices "upper", "lower", 0/255;</li>
 * <li>{@code truth.json}: kind, all parameters, spacing, and for phantom
 * samples the true JSW profile (mm) with its margins (px).</li>
 * </ul>
 * Kinds: "phantom" — a {@link JointPhantom} with random joint space
 * (0.3–3 mm), pixel size (uniform in the dataset's range, by default
 * {@value #FINEST_SPACING_MM}–{@value #COARSEST_SPACING_MM} mm), flexion
 * (none in half of the samples, else up to 35°), soft tissue, pose, bone size, dose, scatter and JPEG;
 * "shift" (one sample in four) — a phantom with the bones apart and scatter,
 * put through the {@link ShiftProtocol} (real-texture overlap), then quantum
 * noise on the shifted image (so the overlap carries the noise of one
 * exposure, as a real one does).
 */
public final class JointDataset {

	/** Default range of the samples' pixel sizes, mm. */
	public static final double FINEST_SPACING_MM = 0.07, COARSEST_SPACING_MM =
		0.15;

	private final int count;
	private final long seed;
	private final int sizePx;
	private final double finestMm;
	private final double coarsestMm;

	/**
	 * A dataset with pixel sizes in the default range.
	 *
	 * @param count number of samples (≥ 1)
	 * @param seed the dataset's seed
	 * @param sizePx width and height of each image in pixels (64–2048)
	 */
	public JointDataset(final int count, final long seed, final int sizePx) {
		this(count, seed, sizePx, FINEST_SPACING_MM, COARSEST_SPACING_MM);
	}

	/**
	 * @param count number of samples (≥ 1)
	 * @param seed the dataset's seed
	 * @param sizePx width and height of each image in pixels (64–2048)
	 * @param finestMm smallest pixel size, mm (0.02–1)
	 * @param coarsestMm largest pixel size, mm (finestMm–1); each sample's
	 *          is drawn uniformly between the two
	 */
	public JointDataset(final int count, final long seed, final int sizePx,
		final double finestMm, final double coarsestMm)
	{
		if (count < 1 || sizePx < 64 || sizePx > 2048) {
			throw new BoneXRException("A dataset of " + count + " samples of " +
				sizePx + " px is not valid.", "Use at least one sample and a size " +
					"of 64–2048 pixels.");
		}
		if (!(finestMm >= 0.02 && coarsestMm >= finestMm && coarsestMm <= 1)) {
			throw new BoneXRException("Pixel sizes from " + finestMm + " to " +
				coarsestMm + " mm are not a valid range.", "Give a finest pixel " +
					"size of at least 0.02 mm and a coarsest one between it and 1 mm.");
		}
		this.count = count;
		this.seed = seed;
		this.sizePx = sizePx;
		this.finestMm = finestMm;
		this.coarsestMm = coarsestMm;
	}

	/** Writes all samples into the folder (created when missing). */
	public void write(final Path folder) {
		write(folder, done -> {});
	}

	/**
	 * Writes all samples into the folder, reporting the number of samples
	 * written after each one.
	 */
	public void write(final Path folder, final IntConsumer progress) {
		final Map<String, Object> info = new LinkedHashMap<>();
		info.put("generator", JointDataset.class.getName());
		info.put("samples", count);
		info.put("seed", seed);
		info.put("sizePx", sizePx);
		info.put("spacingMm", java.util.Arrays.asList(finestMm, coarsestMm));
		final boolean defaultRange = finestMm == FINEST_SPACING_MM &&
			coarsestMm == COARSEST_SPACING_MM;
		info.put("command", "bin/bonexr run \"Write Joint Phantom Dataset\" " +
			"folder=<folder> samples=" + count + " seed=" + seed + " sizePx=" +
			sizePx + (defaultRange ? "" : " finestMm=" + finestMm + " coarsestMm=" +
				coarsestMm));
		info.put("layers", "upper = distal bone, lower = proximal bone, soft tissue; attenuation domain; soft tissue includes the effect of scatter; sum = radiograph before quantum noise and JPEG");
		PhantomFiles.saveText(folder.resolve("dataset.json"), Json.write(info));
		for (int i = 0; i < count; i++) {
			writeSample(folder.resolve(String.format("sample-%05d", i)), i);
			progress.accept(i + 1);
		}
	}

	/** Seed of sample i: independent of the number of samples. */
	long sampleSeed(final int i) {
		return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)))
			.nextLong();
	}

	void writeSample(final Path dir, final int i) {
		final long s = sampleSeed(i);
		final SplittableRandom r = new SplittableRandom(s);
		final boolean shift = r.nextInt(4) == 0;
		final Map<String, Object> truth = new LinkedHashMap<>();
		truth.put("index", i);
		truth.put("kind", shift ? "shift" : "phantom");
		if (!shift) {
			final JointPhantomParameters p = phantomParameters(r, s, sizePx,
				finestMm, coarsestMm, false);
			final JointPhantomResult res = JointPhantom.render(p);
			save(dir, p.spacingMm(), res.attenuation().pixels(), res.distalLayer()
				.pixels(), res.proximalLayer().pixels(), res.softTissueWithScatter()
					.pixels(), res.distalMask(), res.proximalMask());
			truth.put("spacingMm", p.spacingMm());
			truth.put("parameters", p.toMap());
			final JswProfile jsw = res.jsw();
			final Map<String, Object> j = new LinkedHashMap<>();
			j.put("minMm", jsw.minMm());
			j.put("meanMm", jsw.meanMm());
			j.put("uMm", jsw.uMm());
			j.put("jswMm", jsw.jswMm());
			j.put("proximalXPx", jsw.proximalX());
			j.put("proximalYPx", jsw.proximalY());
			j.put("distalXPx", jsw.distalX());
			j.put("distalYPx", jsw.distalY());
			truth.put("jsw", j);
			truth.put("jpegBytes", res.jpegBytes());
		}
		else {
			final int extra = 16;
			final JointPhantomParameters p = phantomParameters(r, s, sizePx,
				finestMm, coarsestMm, true);
			final JointPhantomParameters tall = p.toBuilder().fieldMm(sizePx * p
				.spacingMm(), (sizePx + extra) * p.spacingMm()).build();
			final JointPhantomResult res = JointPhantom.render(tall);
			final ShiftProtocol.Result sh = new ShiftProtocol().apply(res
				.attenuationBeforeNoise(), res.distalMask(), res.proximalMask(), r
					.nextLong());
			final int rows = (int) sh.radiograph.height();
			final float[] noisy = tall.degradation().withoutScatter().apply(RealPixels
				.copy(sh.radiograph.pixels()), sizePx, rows, p.spacingMm(), r.nextLong())
				.attenuation;
			final int top = (rows - sizePx) / 2;
			save(dir, p.spacingMm(), crop(ArrayImgs.floats(noisy, sizePx, rows),
				top), crop(sh.upperLayer.pixels(), top), crop(sh.lowerLayer.pixels(),
					top), crop(sh.background.pixels(), top), crop(sh.upperMask, top), crop(
						sh.lowerMask, top));
			truth.put("spacingMm", p.spacingMm());
			truth.put("parameters", tall.toMap());
			truth.put("upperShiftPx", sh.upperShiftPx);
			truth.put("lowerShiftPx", sh.lowerShiftPx);
			truth.put("cropTopPx", top);
			truth.put("jsw", null);
		}
		PhantomFiles.saveText(dir.resolve("truth.json"), Json.write(truth));
	}

	private <T extends RealType<T>> RandomAccessibleInterval<T> crop(
		final RandomAccessibleInterval<T> img, final int top)
	{
		return Views.zeroMin(Views.interval(img, new long[] { 0, top }, new long[] {
			img.max(0), top + sizePx - 1 }));
	}

	private static void save(final Path dir, final double spacing,
		final RandomAccessibleInterval<FloatType> radiograph,
		final RandomAccessibleInterval<FloatType> upper,
		final RandomAccessibleInterval<FloatType> lower,
		final RandomAccessibleInterval<FloatType> soft,
		final RandomAccessibleInterval<? extends RealType<?>> upperMask,
		final RandomAccessibleInterval<? extends RealType<?>> lowerMask)
	{
		PhantomFiles.saveFloat(dir.resolve("radiograph.tif"), spacing,
			new String[] { "radiograph (attenuation)" }, radiograph);
		PhantomFiles.saveFloat(dir.resolve("layers.tif"), spacing, new String[] {
			"upper", "lower", "soft tissue" }, upper, lower, soft);
		PhantomFiles.saveMasks(dir.resolve("masks.tif"), spacing, new String[] {
			"upper", "lower" }, asFloat(upperMask), asFloat(lowerMask));
	}

	private static RandomAccessibleInterval<FloatType> asFloat(
		final RandomAccessibleInterval<? extends RealType<?>> img)
	{
		final float[] f = RealPixels.copy(img);
		return ArrayImgs.floats(f, img.dimension(0), img.dimension(1));
	}

	/** Random phantom parameters for one sample. */
	static JointPhantomParameters phantomParameters(final SplittableRandom r,
		final long seed, final int sizePx, final double finestMm,
		final double coarsestMm, final boolean bonesApart)
	{
		final double spacing = uniform(r, finestMm, coarsestMm);
		final double boneScale = uniform(r, 0.9, 1.1);
		final double jsw = bonesApart ? uniform(r, 0.3, 1.0) : uniform(r, 0.3,
			3.0);
		final double flexion = bonesApart || r.nextBoolean() ? 0 : uniform(r, 5,
			35);
		final XrayDegradation.Builder deg = XrayDegradation.builder().i0(Math.exp(
			uniform(r, Math.log(5000), Math.log(50000)))).scatter(uniform(r, 0, 0.3),
				uniform(r, 2, 6));
		if (!bonesApart && r.nextInt(10) < 3) {
			deg.jpegQuality(30 + r.nextInt(66));
		}
		return JointPhantomParameters.builder().spacingMm(spacing).fieldMm(sizePx *
			spacing, sizePx * spacing).jswMm(jsw).flexionDeg(flexion)
			.softTissueThicknessMm(uniform(r, 13.5, 20) * boneScale).axisAngleDeg(
				uniform(r, -10, 10)).centreOffsetMm(uniform(r, -1, 1), uniform(r, -1,
					1)).headMm(5.0 * boneScale, 3.6 * boneScale).shaftMm(3.0 * boneScale,
						2.6 * boneScale).distalMm(5.2 * boneScale, 3.4 * boneScale)
			.baseConcavityRadiusMm(8.5 * boneScale).corticalThicknessMm(uniform(r,
				0.5, 0.9)).texture(uniform(r, 0.4, 0.8), uniform(r, 0.7, 1.4)).degradation(
					deg.build()).seed(seed).build();
	}

	private static double uniform(final SplittableRandom r, final double lo,
		final double hi)
	{
		return lo + (hi - lo) * r.nextDouble();
	}
}
