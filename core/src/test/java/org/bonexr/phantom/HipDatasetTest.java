package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.BoneXRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HipDatasetTest {

	@Test
	void sameSeedSameFilesAndSampleIndependentOfCount(@TempDir final Path dir)
		throws IOException
	{
		new HipDataset(2, 5, 2, 20).write(dir.resolve("a"));
		new HipDataset(2, 5, 2, 20).write(dir.resolve("b"));
		new HipDataset(1, 6, 2, 20).write(dir.resolve("c"));
		new HipDataset(1, 5, 2, 20).write(dir.resolve("d"));
		for (final String f : new String[] { "dataset.json",
			"sample-00000/radiograph.tif", "sample-00000/bone_mineral.tif",
			"sample-00000/roi_masks.tif", "sample-00000/truth.json",
			"sample-00001/radiograph.tif", "sample-00001/truth.json" })
		{
			assertArrayEquals(bytes(dir.resolve("a").resolve(f)), bytes(dir.resolve(
				"b").resolve(f)), f);
		}
		assertFalse(java.util.Arrays.equals(bytes(dir.resolve(
			"a/sample-00000/radiograph.tif")), bytes(dir.resolve(
				"c/sample-00000/radiograph.tif"))));
		assertArrayEquals(bytes(dir.resolve("a/sample-00000/radiograph.tif")),
			bytes(dir.resolve("d/sample-00000/radiograph.tif")));
	}

	@Test
	void mineralImageHoldsTheMassAndTruthVariesAcrossSamples(
		@TempDir final Path dir) throws IOException
	{
		final int n = 5;
		final double px = 2;
		new HipDataset(n, 11, px, 20).write(dir);
		final List<Double> neck = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final Path s = dir.resolve(String.format("sample-%05d", i));
			final String truth = new String(bytes(s.resolve("truth.json")),
				StandardCharsets.UTF_8);
			final ImagePlus mineral = IJ.openImage(s.resolve("bone_mineral.tif")
				.toString());
			final ImagePlus radiograph = IJ.openImage(s.resolve("radiograph.tif")
				.toString());
			final ImagePlus masks = IJ.openImage(s.resolve("roi_masks.tif")
				.toString());
			assertEquals(mineral.getWidth(), radiograph.getWidth());
			assertEquals(px, radiograph.getCalibration().pixelWidth, 1e-12);
			assertEquals(2, masks.getStackSize());
			// Σ g/cm² × pixel area (cm²) = the femur's analytic mineral mass
			final float[] m = (float[]) mineral.getProcessor().getPixels();
			double g = 0;
			for (final float v : m) g += v;
			g *= px * px * 0.01;
			assertEquals(number(truth, "analyticMineralMassG").get(0), g, 5e-3 * g); // 2×2 sub-rays per 2 mm pixel
			// total-hip BMC from the mask on the mineral image ≈ the truth's
			final byte[] total = (byte[]) masks.getStack().getPixels(2);
			double bmc = 0;
			for (int p = 0; p < m.length; p++) if (total[p] != 0) bmc += m[p];
			bmc *= px * px * 0.01;
			assertEquals(number(truth, "bmcG").get(1), bmc, 0.02 * bmc);
			neck.add(number(truth, "arealBmdGcm2").get(0));
		}
		final double mean = neck.stream().mapToDouble(d -> d).average()
			.getAsDouble();
		final double sd = Math.sqrt(neck.stream().mapToDouble(d -> (d - mean) *
			(d - mean)).sum() / (n - 1));
		assertTrue(sd / mean > 0.05, "neck aBMD should vary: " + neck);
	}

	@Test
	void badArgumentsAreRefused() {
		assertThrows(BoneXRException.class, () -> new HipDataset(0, 1, 1, 20));
		assertThrows(BoneXRException.class, () -> new HipDataset(1, 1, 0.1, 20));
		assertThrows(BoneXRException.class, () -> new HipDataset(1, 1, 1, 45));
	}

	private static byte[] bytes(final Path p) throws IOException {
		return Files.readAllBytes(p);
	}

	private static List<Double> number(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(
			json);
		final List<Double> out = new ArrayList<>();
		while (m.find()) out.add(Double.parseDouble(m.group(1)));
		return out;
	}
}
