package org.bonexr.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.model.BioImageModel;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped demo model on a flexed joint phantom it was not trained on
 * (training data: JointDataset seed 1; this phantom: its own parameters and
 * seed), against the phantom's ground truth.
 */
class LayerSeparatorTest {

	private static BioImageModel bioimage;
	private static SeparationModel model;
	private static JointPhantomResult phantom;

	@BeforeAll
	static void load() {
		bioimage = BioImageModel.open(ShippedModel.path(), null);
		model = new SeparationModel(bioimage);
		phantom = JointPhantom.render(JointPhantomParameters.builder().spacingMm(
			0.1).fieldMm(19.2, 25.6).flexionDeg(25).jswMm(1.2).axisAngleDeg(4)
			.seed(987654321L).build());
	}

	@AfterAll
	static void close() {
		bioimage.close();
	}

	@Test
	void shippedModelPassesItsBioimageTest() {
		assertTrue(bioimage.test().passed(), bioimage.test().toString());
		assertTrue(bioimage.description().description().contains("DEMO"));
	}

	/**
	 * The demo model's level (measured Dice about 0.75 upper, 0.55 lower on
	 * this phantom; the goal of 0.9 is not reached, see docs/separation.md):
	 * clearly better than chance, and each mask on its own bone.
	 */
	@Test
	void predictedMasksOverlapTheTrueBones() {
		final BoneMasks m = JointBoneSegmenter.segment(model, phantom.attenuation()
			.pixels(), 512, null);
		final double du = m.dice(true, phantom.distalMask());
		final double dl = m.dice(false, phantom.proximalMask());
		assertTrue(du >= 0.5 && dl >= 0.5, "Dice upper " + du + ", lower " + dl);
		// swapped bones would overlap far less
		assertTrue(m.dice(true, phantom.proximalMask()) < du / 2);
		assertTrue(m.dice(false, phantom.distalMask()) < dl / 2);
	}

	/**
	 * Layers add up exactly after projection, and in the overlap each layer
	 * is closer to the truth (RMSE) than the baseline "input × mask". The
	 * figures are printed; SSIM goals are reported by the benchmark.
	 */
	@Test
	void layersAddUpAndBeatTheBaselineInTheOverlap() {
		final Radiograph a = phantom.attenuation();
		final SeparationResult r = new LayerSeparator(model).separate(a, null,
			null);
		assertTrue(r.finalResidual().maxAbsPercent() < 1e-3, r.finalResidual()
			.toString());
		assertTrue(r.networkResidual().rms() > 0);
		final int w = (int) a.width(), h = (int) a.height();
		final float[] input = Pixels.floats(a.pixels());
		final float[] mu = Pixels.floats(phantom.distalMask());
		final float[] ml = Pixels.floats(phantom.proximalMask());
		final boolean[] overlap = new boolean[input.length];
		int n = 0;
		for (int i = 0; i < overlap.length; i++) {
			overlap[i] = mu[i] > 0 && ml[i] > 0;
			if (overlap[i]) n++;
		}
		assertTrue(n > 100, "the flexed phantom overlaps: " + n + " px");
		final Radiograph[] truth = { phantom.distalLayer(), phantom.proximalLayer(),
			phantom.softTissueLayer() };
		final StringBuilder report = new StringBuilder();
		final ImageQuality[] all = new ImageQuality[3], ov = new ImageQuality[3],
			base = new ImageQuality[3];
		for (int k = 0; k < 3; k++) {
			final float[] t = Pixels.floats(truth[k].pixels());
			final float[] baseline = new float[t.length];
			for (int i = 0; i < t.length; i++) {
				baseline[i] = k == 0 ? input[i] * mu[i] : k == 1 ? input[i] * ml[i]
					: mu[i] > 0 || ml[i] > 0 ? 0 : input[i];
			}
			final float[] est = Pixels.floats(r.layers().get(k));
			all[k] = ImageQuality.of(est, t, w, h, null);
			ov[k] = ImageQuality.of(est, t, w, h, overlap);
			base[k] = ImageQuality.of(baseline, t, w, h, overlap);
			report.append(Layers.NAMES[k]).append(": ").append(all[k]).append(
				"; overlap ").append(ov[k]).append(" vs baseline ").append(base[k])
				.append('\n');
		}
		System.out.println(report);
		for (int k = 0; k < 3; k++) {
			assertTrue(ov[k].rmse < base[k].rmse, report.toString());
		}
	}

	@Test
	void tiledMatchesWholeImage() {
		final Radiograph a = phantom.attenuation();
		final SeparationModel.Output whole = model.predict(a.pixels(), 512, null);
		final SeparationModel.Output tiled = model.predict(a.pixels(), 64 + 2 *
			bioimage.description().output().halo('y'), null);
		// away from the image border, where the whole image sees zero padding
		// and edge tiles see the mirrored image
		final int halo = bioimage.description().output().halo('y');
		final int w = (int) a.width(), h = (int) a.height();
		double max = 0;
		for (int k = 0; k < 3; k++) {
			for (int y = halo; y < h - halo; y++) {
				for (int x = halo; x < w - halo; x++) {
					max = Math.max(max, Math.abs(whole.layers[k][y * w + x] -
						tiled.layers[k][y * w + x]));
				}
			}
		}
		assertTrue(max < 1e-4, "tiled vs whole max difference " + max);
	}

	@Test
	void intensityInputIsRefused() {
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> new LayerSeparator(model).separate(phantom.intensity(), null,
				null));
		assertTrue(e.getMessage().contains("attenuation"), e.getMessage());
	}

	@Test
	void modelWithAnotherContractIsRefused(@TempDir final Path dir)
		throws IOException
	{
		unzip(ShippedModel.path(), dir);
		final Path rdf = dir.resolve("rdf.yaml");
		final String text = new String(Files.readAllBytes(rdf),
			StandardCharsets.UTF_8);
		// declare only the three layers: the contract no longer fits
		Files.write(rdf, text.replace("    - upper_mask_logit\n", "").replace(
			"    - lower_mask_logit\n", "").getBytes(StandardCharsets.UTF_8));
		try (BioImageModel other = BioImageModel.open(dir, null)) {
			final BoneXRException e = assertThrows(BoneXRException.class,
				() -> new SeparationModel(other));
			assertTrue(e.getMessage().contains("gives 3"), e.getMessage());
		}
	}

	private static void unzip(final Path zip, final Path dir) throws IOException {
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				Files.copy(in, dir.resolve(e.getName()));
			}
		}
	}
}
