package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointDatasetTest {

	@Test
	void sameSeedSameFilesOtherSeedOtherImages(@TempDir final Path dir)
		throws IOException
	{
		new JointDataset(4, 3, 128).write(dir.resolve("a"));
		new JointDataset(4, 3, 128).write(dir.resolve("b"));
		new JointDataset(1, 4, 128).write(dir.resolve("c"));
		final List<Path> files = list(dir.resolve("a"));
		assertEquals(1 + 4 * 4, files.size());
		for (final Path f : files) {
			assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files
				.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
		}
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a")
			.resolve("sample-00000/radiograph.tif")), Files.readAllBytes(dir.resolve(
				"c").resolve("sample-00000/radiograph.tif"))));
		// sample i does not depend on the number of samples
		new JointDataset(2, 3, 128).write(dir.resolve("d"));
		assertArrayEquals(Files.readAllBytes(dir.resolve(
			"a/sample-00001/layers.tif")), Files.readAllBytes(dir.resolve(
				"d/sample-00001/layers.tif")));
	}

	@Test
	void pixelSizesLieInTheGivenRangeWhichTheRecordRepeats(@TempDir final Path dir)
		throws IOException
	{
		new JointDataset(6, 5, 96, 0.05, 0.06).write(dir);
		for (int i = 0; i < 6; i++) {
			final ImagePlus radiograph = IJ.openImage(dir.resolve(String.format(
				"sample-%05d/radiograph.tif", i)).toString());
			final double mm = radiograph.getCalibration().pixelWidth;
			assertTrue(mm >= 0.05 && mm <= 0.06, "sample " + i + ": " + mm + " mm");
		}
		final String record = new String(Files.readAllBytes(dir.resolve(
			"dataset.json")), StandardCharsets.UTF_8);
		assertTrue(record.contains("finestMm=0.05 coarsestMm=0.06"), record);
		final org.bonexr.core.BoneXRException e = org.junit.jupiter.api.Assertions
			.assertThrows(org.bonexr.core.BoneXRException.class,
				() -> new JointDataset(1, 1, 96, 0.2, 0.1));
		assertTrue(e.getMessage().contains("0.2 to 0.1 mm"), e.getMessage());
	}

	@Test
	void samplesCarryConsistentGroundTruth(@TempDir final Path dir)
		throws IOException
	{
		final JointDataset d = new JointDataset(8, 9, 128);
		d.write(dir);
		int shifts = 0, phantoms = 0, noiseChecked = 0;
		for (int i = 0; i < 8; i++) {
			final Path s = dir.resolve(String.format("sample-%05d", i));
			final String truth = new String(Files.readAllBytes(s.resolve(
				"truth.json")), StandardCharsets.UTF_8);
			final ImagePlus radiograph = IJ.openImage(s.resolve("radiograph.tif")
				.toString());
			final ImagePlus layers = IJ.openImage(s.resolve("layers.tif").toString());
			assertEquals(128, radiograph.getWidth());
			assertEquals(128, radiograph.getHeight());
			assertEquals(3, layers.getStackSize());
			assertEquals("mm", radiograph.getCalibration().getUnit());
			final boolean jpeg = Double.parseDouble(value(truth,
				"\"jpegQuality\": ")) > 0;
			if (!jpeg) {
				assertLayersAddUpToRadiographBeforeNoise(radiograph, layers, Double
					.parseDouble(value(truth, "\"i0Photons\": ")));
				noiseChecked++;
			}
			if (truth.contains("\"kind\": \"shift\"")) {
				shifts++;
			}
			else {
				phantoms++;
				// the profile's minimum is the set JSW
				final String set = value(truth, "\"jswMm\": ");
				final String min = value(truth, "\"minMm\": ");
				assertEquals(Double.parseDouble(set), Double.parseDouble(min), 1e-9);
			}
		}
		assertTrue(noiseChecked >= 4, noiseChecked + " samples without JPEG");
		assertTrue(shifts > 0 && phantoms > 0, shifts + " shift, " + phantoms +
			" phantom samples");
	}

	/**
	 * Radiograph − Σ layers is quantum noise only: in units of its standard
	 * deviation in the attenuation domain, 1/√(I0·e^−Σ), it has mean 0 and SD
	 * 1 (scatter left out of the soft-tissue layer would shift the mean by
	 * several units).
	 */
	private static void assertLayersAddUpToRadiographBeforeNoise(
		final ImagePlus radiograph, final ImagePlus layers, final double i0)
	{
		final float[] a = (float[]) radiograph.getProcessor().getPixels();
		double sum = 0, sum2 = 0;
		for (int p = 0; p < a.length; p++) {
			double total = 0;
			for (int k = 1; k <= 3; k++) {
				total += ((float[]) layers.getStack().getPixels(k))[p];
			}
			final double z = (a[p] - total) * Math.sqrt(i0 * Math.exp(-total));
			sum += z;
			sum2 += z * z;
		}
		final double mean = sum / a.length;
		final double sd = Math.sqrt(sum2 / a.length - mean * mean);
		assertEquals(0, mean, 0.05, "mean of the standardised residual");
		assertEquals(1, sd, 0.1, "SD of the standardised residual");
	}

	private static String value(final String json, final String key) {
		final int i = json.indexOf(key) + key.length();
		int j = i;
		while (j < json.length() && "0123456789.-E".indexOf(json.charAt(j)) >= 0)
			j++;
		return json.substring(i, j);
	}

	private static List<Path> list(final Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter(Files::isRegularFile).map(root::relativize).sorted()
				.collect(Collectors.toList());
		}
	}
}
