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
	void samplesCarryConsistentGroundTruth(@TempDir final Path dir)
		throws IOException
	{
		final JointDataset d = new JointDataset(8, 9, 128);
		d.write(dir);
		int shifts = 0, phantoms = 0;
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
			if (truth.contains("\"kind\": \"shift\"")) {
				shifts++;
				// shift samples: the layers add up to the radiograph itself
				final float[] a = (float[]) radiograph.getProcessor().getPixels();
				final float[][] l = new float[3][];
				for (int k = 0; k < 3; k++) {
					l[k] = (float[]) layers.getStack().getPixels(k + 1);
				}
				for (int p = 0; p < a.length; p++) {
					assertEquals(a[p], l[0][p] + l[1][p] + l[2][p], 1e-5);
				}
			}
			else {
				phantoms++;
				// the profile's minimum is the set JSW
				final String set = value(truth, "\"jswMm\": ");
				final String min = value(truth, "\"minMm\": ");
				assertEquals(Double.parseDouble(set), Double.parseDouble(min), 1e-9);
			}
		}
		assertTrue(shifts > 0 && phantoms > 0, shifts + " shift, " + phantoms +
			" phantom samples");
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
