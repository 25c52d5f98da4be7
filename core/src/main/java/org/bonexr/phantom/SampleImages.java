package org.bonexr.phantom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;

/**
 * Writes BoneXR's sample images with their ground truth into a folder:
 * <ul>
 * <li>{@code joint-phantom.tif}: a PIP-like joint radiograph (attenuation,
 * 32-bit, 0.1 mm), JSW 1.5 mm, bones apart; {@code -layers.tif} (upper =
 * distal bone, lower = proximal bone, soft tissue with the effect of
 * scatter, their sum: the radiograph before noise; see
 * {@link JointPhantomResult#softTissueWithScatter()}),
 * {@code -masks.tif} (upper, lower), {@code -jsw.csv} (true JSW profile) and
 * {@code .json} (parameters and truth); {@code -intensity.tif}: the same
 * radiograph as the detector counted it (16-bit photons, I0 in the json),
 * the input the whole pipeline starts from;</li>
 * <li>{@code joint-phantom-flexed.*}: the same joint flexed 28°, whose bones'
 * projections overlap;</li>
 * <li>{@code hip-phantom-radiograph.tif}: the exact AP parallel radiograph of
 * the hip CT phantom (attenuation, 0.5 mm) with scatter and quantum noise,
 * {@code hip-phantom-bone-mineral.tif}: its bone-only mineral projection
 * (g/cm², the BMD target), {@code hip-phantom-radiograph.json}: ROIs and
 * their true areal BMD, {@code hip-phantom-intensity.tif}: the detected
 * counts (16-bit);</li>
 * <li>{@code hip-phantom-ct.tif}: a small CT phantom (HU, signed 16-bit,
 * 1 mm) with {@code hip-phantom-ct-mask.tif} (bone mask) and
 * {@code hip-phantom-ct.json} (mineral mass, calibration, ROI truth).</li>
 * </ul>
 * Same seed, same files.
 */
public final class SampleImages {

	private static final double MU_WATER_PER_MM = 0.02;

	private final long seed;

	public SampleImages(final long seed) {
		this.seed = seed;
	}

	/** The command that writes the samples, for the provenance files. */
	static String command(final long seed) {
		return "bin/bonexr run \"Write Sample Images\" folder=<empty folder> seed=" +
			seed;
	}

	public void write(final Path folder) {
		writeJoint(folder, "joint-phantom", 0);
		writeJoint(folder, "joint-phantom-flexed", 28);
		writeHipRadiograph(folder);
		writeCt(folder);
	}

	private void writeJoint(final Path folder, final String name,
		final double flexionDeg)
	{
		final JointPhantomParameters p = JointPhantomParameters.builder()
			.flexionDeg(flexionDeg).seed(seed).build();
		final JointPhantomResult r = JointPhantom.render(p);
		final double s = p.spacingMm();
		PhantomFiles.saveAttenuation(folder.resolve(name + ".tif"), s,
			"radiograph (attenuation)", r.attenuation().pixels());
		PhantomFiles.saveIntensity16(folder.resolve(name + "-intensity.tif"), s, r
			.intensity().pixels());
		PhantomFiles.saveFloat(folder.resolve(name + "-layers.tif"), s,
			new String[] { "upper (distal bone)", "lower (proximal bone)",
				"soft tissue (with scatter)", "sum (radiograph before noise)" }, r
					.distalLayer().pixels(), r.proximalLayer().pixels(), r
						.softTissueWithScatter().pixels(), r.attenuationBeforeNoise()
							.pixels());
		PhantomFiles.saveMasks(folder.resolve(name + "-masks.tif"), s,
			new String[] { "upper (distal bone)", "lower (proximal bone)" }, r
				.distalMask(), r.proximalMask());
		PhantomFiles.saveText(folder.resolve(name + "-jsw.csv"), r.jsw().toCsv());
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("command", command(seed));
		m.put("generator", "org.bonexr.phantom.JointPhantom");
		m.put("domain", "attenuation, A = -ln(I/I0)");
		m.put("i0Photons", r.i0());
		m.put("trueJswMinMm", r.jsw().minMm());
		m.put("trueJswMeanMm", r.jsw().meanMm());
		m.put("jswProfile", name + "-jsw.csv");
		m.put("parameters", p.toMap());
		PhantomFiles.saveText(folder.resolve(name + ".json"), Json.write(m));
	}

	private void writeHipRadiograph(final Path folder) {
		final HipPhantomParameters p = HipPhantomParameters.builder().scale(0.8)
			.voxelMm(0.5).marginsMm(15, 3).build();
		final HipPhantomResult r = HipPhantom.render(p);
		final Radiograph ideal = r.apAttenuation(MU_WATER_PER_MM);
		final int w = (int) ideal.width(), h = (int) ideal.height();
		final XrayDegradation deg = XrayDegradation.builder().i0(20000).scatter(
			0.3, 15).build();
		final XrayDegradation.Detected detected = deg.apply(RealPixels.copy(
			ideal.pixels()), w, h, p.voxelMm(), seed);
		PhantomFiles.saveAttenuation(folder.resolve("hip-phantom-radiograph.tif"),
			p.voxelMm(), "AP radiograph (attenuation)", ArrayImgs.floats(
				detected.attenuation, w, h));
		PhantomFiles.saveIntensity16(folder.resolve("hip-phantom-intensity.tif"), p
			.voxelMm(), ArrayImgs.floats(detected.intensity, w, h));
		PhantomFiles.saveFloat(folder.resolve("hip-phantom-bone-mineral.tif"), p
			.voxelMm(), new String[] { "AP bone mineral (g/cm2)" }, r.apMineralGcm2()
				.pixels());
		final Map<String, Object> m = hipTruth(r);
		m.put("muWaterPerMm", MU_WATER_PER_MM);
		m.put("degradation", deg.toMap());
		m.put("images", "hip-phantom-radiograph.tif: exact AP parallel " +
			"projection of the phantom's solids (no voxels), scatter and noise; " +
			"hip-phantom-bone-mineral.tif: bone mineral projection, g/cm2");
		PhantomFiles.saveText(folder.resolve("hip-phantom-radiograph.json"), Json
			.write(m));
	}

	private void writeCt(final Path folder) {
		final HipPhantomParameters p = HipPhantomParameters.builder().scale(0.6)
			.voxelMm(1).marginsMm(8, 2).build();
		final HipPhantomResult r = HipPhantom.render(p);
		PhantomFiles.saveCtHu(folder.resolve("hip-phantom-ct.tif"), r.hu());
		PhantomFiles.saveMaskVolume(folder.resolve("hip-phantom-ct-mask.tif"), r
			.boneMask());
		final Map<String, Object> m = hipTruth(r);
		m.put("ctFrame", "DICOM LPS, identity direction; origin (mm) of voxel " +
			"(0,0,0): " + java.util.Arrays.toString(r.hu().originMm()) +
			"; left femur, AP = along y");
		m.put("storage", "16-bit, stored value - 32768 = HU (ImageJ signed " +
			"16-bit calibration), rounded to 1 HU");
		PhantomFiles.saveText(folder.resolve("hip-phantom-ct.json"), Json.write(
			m));
	}

	private Map<String, Object> hipTruth(final HipPhantomResult r) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("command", command(seed));
		m.put("generator", "org.bonexr.phantom.HipPhantom");
		m.put("parameters", r.parameters().toMap());
		m.put("calibration", "mineral mg/cm3 = " + r.parameters().mgPerCm3PerHu() +
			" * (HU - " + r.parameters().softTissueHu() + ")");
		m.put("analyticMineralMassG", r.analyticMassMg() / 1000);
		m.put("voxelMineralMassG", r.voxelMassMg() / 1000);
		m.put("apTopLeftMm", r.apTopLeftMm());
		final List<Object> rois = new ArrayList<>();
		for (final HipPhantomResult.RoiTruth t : r.rois()) {
			final Map<String, Object> roi = new LinkedHashMap<>();
			roi.put("name", t.roi().name());
			roi.put("xMm", t.roi().xMm());
			roi.put("zMm", t.roi().yMm());
			roi.put("bmcG", t.bmcG());
			roi.put("areaCm2", t.areaCm2());
			roi.put("arealBmdGcm2", t.areaBmdGcm2());
			rois.add(roi);
		}
		m.put("rois", rois);
		m.put("roiNote", "vertices in patient mm (x, z); AP image pixel (col, row) " +
			"centre at x = apTopLeftMm[0] + (col + 0.5)*pixel, z = apTopLeftMm[1] - " +
			"(row + 0.5)*pixel; areal BMD = BMC in the ROI's columns / projected bone " +
			"area (pixels whose column holds a bone-mask voxel)");
		return m;
	}
}
