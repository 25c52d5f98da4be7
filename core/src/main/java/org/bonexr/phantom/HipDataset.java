package org.bonexr.phantom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;

/**
 * Writes a training/evaluation dataset of AP hip radiographs with their
 * bone-only mineral projection and true areal BMD, for radiograph → BMD
 * models: the same seed gives the same files, byte for byte, and sample i
 * does not depend on how many samples are written.
 * <p>
 * Layout: {@code dataset.json} (what was made, and how) and one folder
 * {@code sample-NNNNN/} per sample with
 * <ul>
 * <li>{@code radiograph.tif}: the detected AP radiograph (attenuation domain,
 * 32-bit, pixel = the phantom's voxel size in mm): exact parallel projection
 * of femur and soft tissue, then scatter, quantum noise and, in half of the
 * samples, JPEG at a random quality 5–95 of an 8-bit rendering linear in
 * attenuation, as clinical exports are ({@link XrayDegradation});</li>
 * <li>{@code bone_mineral.tif}: the bone-only mineral projection, g/cm²
 * (the model's target; no noise);</li>
 * <li>{@code roi_masks.tif}: slices "femoral neck", "total hip" (0/255; pixel
 * centres inside the truth ROIs);</li>
 * <li>{@code truth.json}: parameters, attenuation coefficient, degradation,
 * ROIs (vertices in mm) with true BMC (g), projected bone area (cm²) and
 * areal BMD (g/cm²), JPEG size.</li>
 * </ul>
 * Random per sample: femur size (scale 0.75–1.05), neck-shaft angle
 * 122–136°, pose (rotation about the shaft ±{@code maxRotationDeg}),
 * cortical thickness 1.2–2.6 mm, cortical and trabecular mineral densities
 * (650–1150 and 60–280 mg/cm³, so areal BMD varies across samples), soft
 * tissue (10–40 mm around the bone, 20–60 HU), μ_water 0.019–0.021/mm,
 * dose (I0 5000–50000 photons/pixel), scatter (fraction 0–0.2, σ 5–15 mm;
 * scatter lowers the bone contrast by up to its fraction, which a network
 * cannot tell from bone mineral, so the range is kept moderate) and JPEG.
 */
public final class HipDataset {

	/** Default pose range for training, ± degrees about the shaft axis. */
	public static final double DEFAULT_MAX_ROTATION_DEG = 20;

	private final int count;
	private final long seed;
	private final double pixelMm;
	private final double maxRotationDeg;

	/**
	 * @param count number of samples (≥ 1)
	 * @param seed the dataset's seed
	 * @param pixelMm pixel (and voxel) size, 0.25–2 mm
	 * @param maxRotationDeg pose range about the shaft axis, 0–30 degrees
	 */
	public HipDataset(final int count, final long seed, final double pixelMm,
		final double maxRotationDeg)
	{
		if (count < 1 || !(pixelMm >= 0.25 && pixelMm <= 2) ||
			!(maxRotationDeg >= 0 && maxRotationDeg <= 30))
		{
			throw new BoneXRException("A hip dataset of " + count + " samples of " +
				pixelMm + " mm pixels with ±" + maxRotationDeg +
				"° rotation is not valid.", "Use at least one sample, a pixel size " +
					"of 0.25–2 mm and a rotation range of 0–30 degrees.");
		}
		this.count = count;
		this.seed = seed;
		this.pixelMm = pixelMm;
		this.maxRotationDeg = maxRotationDeg;
	}

	/** Writes all samples into the folder (created when missing). */
	public void write(final Path folder) {
		write(folder, done -> {});
	}

	/** Writes all samples, reporting the number written after each one. */
	public void write(final Path folder, final IntConsumer progress) {
		final Map<String, Object> info = new LinkedHashMap<>();
		info.put("generator", HipDataset.class.getName());
		info.put("samples", count);
		info.put("seed", seed);
		info.put("pixelMm", pixelMm);
		info.put("maxRotationDeg", maxRotationDeg);
		info.put("command", "bin/bonexr run \"Write Hip Phantom Dataset\" " +
			"folder=<folder> samples=" + count + " seed=" + seed + " pixelMm=" +
			pixelMm + " maxRotationDeg=" + maxRotationDeg);
		info.put("images", "radiograph.tif: detected AP radiograph (attenuation); " +
			"bone_mineral.tif: bone-only mineral projection (g/cm2); " +
			"roi_masks.tif: femoral neck, total hip (0/255); truth.json: true aBMD per ROI");
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

	/** One sample: the phantom, its degradation and the μ_water used. */
	public static final class Sample {

		public final HipPhantomParameters parameters;
		public final XrayDegradation degradation;
		/** Attenuation coefficient of water, per mm. */
		public final double muWaterPerMm;
		/** Seed of the quantum noise. */
		public final long noiseSeed;

		Sample(final HipPhantomParameters parameters,
			final XrayDegradation degradation, final double muWaterPerMm,
			final long noiseSeed)
		{
			this.parameters = parameters;
			this.degradation = degradation;
			this.muWaterPerMm = muWaterPerMm;
			this.noiseSeed = noiseSeed;
		}
	}

	/** Random parameters of sample i (what {@link #write} renders). */
	public Sample sample(final int i) {
		final SplittableRandom r = new SplittableRandom(sampleSeed(i));
		final HipPhantomParameters p = HipPhantomParameters.builder().voxelMm(
			pixelMm).scale(uniform(r, 0.75, 1.05)).neckShaftAngleDeg(uniform(r, 122,
				136)).rotationDeg(uniform(r, -maxRotationDeg, maxRotationDeg))
			.corticalThicknessMm(uniform(r, 1.2, 2.6)).densities(uniform(r, 650,
				1150), uniform(r, 60, 280)).softTissueHu(uniform(r, 20, 60)).marginsMm(
					uniform(r, 10, 40), 3).build();
		final double mu = uniform(r, 0.019, 0.021);
		final XrayDegradation.Builder deg = XrayDegradation.builder().i0(Math.exp(
			uniform(r, Math.log(5000), Math.log(50000)))).scatter(uniform(r, 0, 0.2),
				uniform(r, 5, 15));
		if (r.nextBoolean()) deg.jpegQuality(5 + r.nextInt(91)).jpegLogEncoding(
			true);
		return new Sample(p, deg.build(), mu, r.nextLong());
	}

	void writeSample(final Path dir, final int i) {
		final Sample s = sample(i);
		final HipPhantomResult res = HipPhantom.render(s.parameters);
		final Radiograph ideal = res.apAttenuation(s.muWaterPerMm);
		final int w = (int) ideal.width(), h = (int) ideal.height();
		final XrayDegradation.Detected detected = s.degradation.apply(RealPixels
			.copy(ideal.pixels()), w, h, pixelMm, s.noiseSeed);
		PhantomFiles.saveAttenuation(dir.resolve("radiograph.tif"), pixelMm,
			"AP radiograph (attenuation)", ArrayImgs.floats(detected.attenuation, w,
				h));
		PhantomFiles.saveFloat(dir.resolve("bone_mineral.tif"), pixelMm,
			new String[] { "AP bone mineral (g/cm2)" }, res.apMineralGcm2().pixels());
		final double[] topLeft = res.apTopLeftMm();
		final List<HipPhantomResult.RoiTruth> truths = res.rois();
		final String[] names = new String[truths.size()];
		final List<RandomAccessibleInterval<FloatType>> masks = new ArrayList<>();
		final List<Object> rois = new ArrayList<>();
		for (int k = 0; k < truths.size(); k++) {
			final HipPhantomResult.RoiTruth t = truths.get(k);
			names[k] = t.roi().name();
			final float[] m = new float[w * h];
			for (int row = 0; row < h; row++) {
				for (int col = 0; col < w; col++) {
					if (t.roi().contains(topLeft[0] + (col + 0.5) * pixelMm, topLeft[1] -
						(row + 0.5) * pixelMm)) m[col + w * row] = 255;
				}
			}
			masks.add(ArrayImgs.floats(m, w, h));
			final Map<String, Object> roi = new LinkedHashMap<>();
			roi.put("name", t.roi().name());
			roi.put("xMm", t.roi().xMm());
			roi.put("zMm", t.roi().yMm());
			roi.put("bmcG", t.bmcG());
			roi.put("areaCm2", t.areaCm2());
			roi.put("arealBmdGcm2", t.areaBmdGcm2());
			rois.add(roi);
		}
		PhantomFiles.saveMasks(dir.resolve("roi_masks.tif"), pixelMm, names,
			masks.get(0), masks.get(1));
		final Map<String, Object> truth = new LinkedHashMap<>();
		truth.put("index", i);
		truth.put("generator", HipPhantom.class.getName());
		truth.put("parameters", s.parameters.toMap());
		truth.put("muWaterPerMm", s.muWaterPerMm);
		truth.put("degradation", s.degradation.toMap());
		truth.put("jpegBytes", detected.jpegBytes);
		truth.put("widthPx", w);
		truth.put("heightPx", h);
		truth.put("spacingMm", pixelMm);
		truth.put("analyticMineralMassG", res.analyticMassMg() / 1000);
		truth.put("apTopLeftMm", topLeft);
		truth.put("rois", rois);
		truth.put("roiNote", "vertices in patient mm (x, z); pixel (col, row) " +
			"centre at x = apTopLeftMm[0] + (col + 0.5)*spacingMm, z = " +
			"apTopLeftMm[1] - (row + 0.5)*spacingMm; areal BMD = BMC in the ROI's " +
			"columns / projected bone area");
		PhantomFiles.saveText(dir.resolve("truth.json"), Json.write(truth));
	}

	private static double uniform(final SplittableRandom r, final double lo,
		final double hi)
	{
		return lo + (hi - lo) * r.nextDouble();
	}
}
