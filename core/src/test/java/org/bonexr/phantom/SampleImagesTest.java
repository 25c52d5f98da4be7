package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImagesTest {

	@Test
	void writesSmallCalibratedImagesWithTheirTruth(@TempDir final Path dir)
		throws IOException
	{
		new SampleImages(1).write(dir);
		for (final String f : new String[] { "joint-phantom.tif",
			"joint-phantom-layers.tif", "joint-phantom-masks.tif",
			"joint-phantom-jsw.csv", "joint-phantom.json", "joint-phantom-flexed.tif",
			"hip-phantom-radiograph.tif", "hip-phantom-bone-mineral.tif",
			"hip-phantom-radiograph.json", "hip-phantom-ct.tif",
			"hip-phantom-ct-mask.tif", "hip-phantom-ct.json" })
		{
			final Path p = dir.resolve(f);
			assertTrue(Files.isRegularFile(p), f);
			assertTrue(Files.size(p) < 3_000_000, f + " is " + Files.size(p) +
				" bytes");
		}
		final ImagePlus joint = IJ.openImage(dir.resolve("joint-phantom.tif")
			.toString());
		assertEquals(0.1, joint.getCalibration().pixelWidth, 1e-12);
		assertEquals("mm", joint.getCalibration().getUnit());
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().seed(1).build());
		assertArrayEquals(Pixels.of(r.attenuation().pixels()), (float[]) joint
			.getProcessor().getPixels());
		final String json = new String(Files.readAllBytes(dir.resolve(
			"joint-phantom.json")), StandardCharsets.UTF_8);
		final String key = "\"trueJswMinMm\": ";
		final int at = json.indexOf(key) + key.length();
		assertEquals(1.5, Double.parseDouble(json.substring(at, json.indexOf(',',
			at))), 1e-12);
		assertTrue(json.contains("SampleImages sample-images --seed 1"));

		final ImagePlus masks = IJ.openImage(dir.resolve("joint-phantom-masks.tif")
			.toString());
		assertEquals(2, masks.getStackSize());
		assertTrue(masks.getStack().getSliceLabel(1).startsWith("upper"));

		final ImagePlus ct = IJ.openImage(dir.resolve("hip-phantom-ct.tif")
			.toString());
		assertEquals(1.0, ct.getCalibration().pixelDepth, 1e-12);
		// stored as signed 16-bit: the calibrated minimum is air
		ct.setSlice(1);
		assertEquals(-1000, ct.getCalibration().getCValue(ct.getProcessor()
			.getPixel(0, 0)), 0.5);
	}
}
