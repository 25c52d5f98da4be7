package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Path;
import java.util.Locale;

import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.drr.AttenuationModel;
import org.bonexr.drr.BoneSelection;
import org.bonexr.drr.ConeBeamGeometry;
import org.bonexr.drr.ProjectionVolume;
import org.bonexr.drr.SiddonProjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked macro users copy, {@code macros/drr-many-angles.ijm}, run
 * headless in plain ImageJ 1 on the sample CT phantom: 0..180° in steps of
 * 10° gives one 19-slice stack in angle order, each slice the DRR the Java
 * API makes for that angle alone (same cone geometry, isocentre at the CT's
 * centre, exact algorithm), pixel for pixel.
 */
class DrrManyAnglesMacroTest {

	@TempDir
	static Path home;

	@Test
	void macroWritesOneStackOfNineteenAngles() throws Exception {
		final PlainImageJ imageJ = PlainImageJ.install(home);
		final Path out = home.resolve("drrs.tif");
		final Path ct = DrrFrontDoorsTest.sampleCt();
		final PlainImageJ.Run run = imageJ.runMacro(BuiltArtifacts.root().resolve(
			"macros/drr-many-angles.ijm"), "ct=" + ct + " out=" + out +
				" first=0 last=180 step=10 pixels=96 detector=200");
		assertTrue(run.output.contains("DRRs: 19 angles"), run.output);
		assertTrue(run.output.contains("saved " + out), run.output);
		final ImagePlus drrs = IJ.openImage(out.toString());
		assertEquals(19, drrs.getStackSize());
		assertEquals(96, drrs.getWidth());
		assertEquals("mm", drrs.getCalibration().getUnit());
		assertEquals(200.0 / 96, drrs.getCalibration().pixelWidth, 1e-9);
		for (int i = 0; i < 19; i++)
			assertEquals(String.format(Locale.ROOT, "gantry %.1f deg", 10.0 * i),
				drrs.getStack().getSliceLabel(i + 1));

		final CtVolume volume = CtFiles.read(ct.toFile());
		final ProjectionVolume mu = ProjectionVolume.attenuation(volume,
			new AttenuationModel(AttenuationModel.DEFAULT_MU_WATER_PER_MM, -1000),
			BoneSelection.all());
		// the CT's centre (identity direction): origin + (n − 1)/2 × spacing
		final double[] iso = new double[3];
		for (int d = 0; d < 3; d++)
			iso[d] = volume.originMm()[d] + (volume.dimension(d) - 1) / 2.0 * volume
				.spacingMm()[d];
		assertArrayEquals(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, volume
			.direction(), 0);
		for (final int slice : new int[] { 0, 9, 18 }) {
			final ConeBeamGeometry g = new ConeBeamGeometry(1000, 1500, 96, 96, 200,
				200).withGantryAngleDeg(10.0 * slice).withIsocenterMm(iso[0], iso[1],
					iso[2]);
			final float[] expected = new SiddonProjector().project(mu, g).values();
			assertArrayEquals(expected, (float[]) drrs.getStack().getPixels(slice +
				1), 0f, "slice " + slice);
			float max = 0;
			for (final float v : expected)
				max = Math.max(max, v);
			// the phantom is ~10 cm of tissue and bone: ∫μ dl of a few units
			assertTrue(max > 1 && max < 10, "max " + max);
		}
	}
}
