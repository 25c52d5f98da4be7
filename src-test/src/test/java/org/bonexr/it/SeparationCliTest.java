package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/bonexr run "Separate Bone Layers" / "Segment Joint Bones". */
class SeparationCliTest {

	@TempDir
	Path dir;

	private static final String FLEXED = BuiltArtifacts.root().resolve(
		"sample-images/joint-phantom-flexed.tif").toString();

	@Test
	void separateWritesLayersResidualAndSummary() throws Exception {
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Separate Bone Layers", "image=" +
			FLEXED, "--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		assertTrue(run.out.contains("residualRmsPercent="), run.toString());
		for (final String o : new String[] { "upper", "lower", "softTissue",
			"display", "residual", "boneMasks" })
		{
			assertTrue(Files.isRegularFile(out.resolve("joint-phantom-flexed_" + o +
				".tif")), o);
		}
		final ImagePlus upper = IJ.openImage(out.resolve(
			"joint-phantom-flexed_upper.tif").toString());
		assertEquals("mm", upper.getCalibration().getUnit());
		assertEquals(0.1, upper.getCalibration().pixelWidth, 1e-9);
		final String csv = new String(Files.readAllBytes(out.resolve(
			"joint-phantom-flexed_summary.csv")));
		assertTrue(csv.contains("Residual RMS (%)"), csv);
	}

	@Test
	void segmentAndBadModelThroughTheCli() throws Exception {
		final Cli.Run seg = Cli.run(dir, "run", "Segment Joint Bones", "image=" +
			FLEXED, "--out", dir.resolve("seg").toString());
		assertEquals(0, seg.exitCode, seg.toString());
		assertTrue(seg.out.contains("overlapArea="), seg.toString());
		final Path bogus = Files.write(dir.resolve("bogus.zip"), new byte[] { 1, 2,
			3 });
		final Cli.Run bad = Cli.run(dir, "run", "Separate Bone Layers", "image=" +
			FLEXED, "model=" + bogus, "--out", dir.resolve("bad").toString());
		assertEquals(2, bad.exitCode, bad.toString());
	}
}
