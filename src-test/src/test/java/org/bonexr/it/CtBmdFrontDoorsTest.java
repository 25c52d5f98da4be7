package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.SharedData;
import org.bonexr.ct.CtFiles;
import org.bonexr.ct.CtVolume;
import org.bonexr.drr.ParallelBeamGeometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * {@code Measure Areal BMD from CT} through its front doors, on the sample
 * hip CT phantom against the truth in hip-phantom-ct.json (made by
 * org.bonexr.phantom.HipPhantom; calibration mg/cm³ = 0.8·HU − 32, AP parallel
 * projection at 1 mm): the femoral-neck and total-hip ROIs' areal BMD within
 * 0.5%, and the whole femur's BMC equal to the voxel mineral mass within
 * 0.1%; and on the real CT's femur labels.
 */
class CtBmdFrontDoorsTest {

	/** Femoral neck, then total hip: x and z vertices (patient mm), true aBMD g/cm² (hip-phantom-ct.json). */
	private static final double[][][] ROIS = { //
		{ { -3.647668993624883, -10.542068981695685, -27.511661877420323,
			-20.61726188934952 }, { 15.257536139329835, 21.04262462650869,
				0.819051328167669, -4.966037159011185 }, { 0.5392361143952942 } }, //
		{ { -49.34423825046853, 60, 60, 3.9488951234521252 }, { -25.2, -25.2,
			38.31228315897233, 38.31228315897233 }, { 0.6512894888234918 } } };
	private static final String[] ROI_NAMES = { "femoral neck", "total hip" };

	@TempDir
	static Path home;

	private static PlainImageJ imageJ;

	@BeforeAll
	static void installImageJ() throws IOException {
		imageJ = PlainImageJ.install(home);
	}

	private static Path sampleMask() {
		return BuiltArtifacts.root().resolve(
			"sample-images/hip-phantom-ct-mask.tif");
	}

	/**
	 * Writes the phantom's ROIs as .roi files in the pixel grid of the AP DRR
	 * at 1 mm that the command makes (the parallel detector covering the CT,
	 * centred on it; ImageJ pixel u spans [u, u+1)).
	 */
	private static Path[] roiFiles() throws IOException {
		final CtVolume ct = CtFiles.read(DrrFrontDoorsTest.sampleCt().toFile());
		final ParallelBeamGeometry g = ParallelBeamGeometry.covering(ct, 90, 1);
		final double[] iso = g.isocenterMm();
		final double xLeft = iso[0] - g.columns() / 2.0;
		final double zTop = iso[2] + g.rows() / 2.0;
		final Path[] files = new Path[ROIS.length];
		for (int r = 0; r < ROIS.length; r++) {
			final float[] xs = new float[4], ys = new float[4];
			for (int i = 0; i < 4; i++) {
				xs[i] = (float) (ROIS[r][0][i] - xLeft);
				ys[i] = (float) (zTop - ROIS[r][1][i]);
			}
			final Roi roi = new PolygonRoi(xs, ys, Roi.POLYGON);
			roi.setName(ROI_NAMES[r]);
			files[r] = home.resolve(ROI_NAMES[r].replace(' ', '-') + ".roi");
			assertTrue(RoiEncoder.save(roi, files[r].toString()));
		}
		return files;
	}

	/** Ext.measureArealBmdFromCt, whole bone and then the two ROIs from the ROI Manager. */
	@Test
	void macroMeasuresWholeBoneAndRoiManagerRois() throws Exception {
		final Path[] rois = roiFiles();
		final PlainImageJ.Run run = imageJ.runMacro(DrrFrontDoorsTest.macro(home,
			"ctbmd-roi-manager.ijm"), DrrFrontDoorsTest.sampleCt() + "," +
				sampleMask() + "," + rois[0] + "," + rois[1]);
		assertTrue(run.output.contains("done"), run.output);
		final double truthMass = DrrFrontDoorsTest.mineralMassG(IJ.openImage(
			DrrFrontDoorsTest.sampleCt().toString()), null, 0, 0.8, -32);
		assertEquals(truthMass, number(run.output, "whole bmd=[0-9.]+ bmc="),
			DrrFrontDoorsTest.MASS_TOLERANCE * truthMass, run.output);
		assertTrue(run.output.contains("rois=2"), run.output);
		assertTrue(run.output.contains("overlay=2"), run.output);
		for (int r = 0; r < 2; r++) {
			final double truth = ROIS[r][2][0];
			assertEquals(truth, number(run.output, "row" + r + " region=" +
				ROI_NAMES[r] + " bmd="), 0.005 * truth, run.output);
		}
		assertEquals(number(run.output, "row0 region=femoral neck bmd="), number(
			run.output, "first bmd="), 1e-6, "outputs are the first ROI's");
	}

	/**
	 * A Jython script runs the command with an ROI file (through CommandRuns:
	 * inputs not given take their defaults, not values remembered from earlier
	 * runs): the femoral-neck aBMD within 0.5% of the truth, and a T-score
	 * against the shipped femoral-neck reference consistent with it.
	 */
	@Test
	void jythonScriptMeasuresTheFemoralNeck() throws Exception {
		final Path neck = roiFiles()[0];
		final String script = String.join("\n", //
			"#@ java.io.File ct", //
			"#@ java.io.File mask", //
			"#@ java.io.File roi", //
			"#@ org.scijava.command.CommandService commands", //
			"#@output double bmd", //
			"#@output double t", //
			"from java.util import HashMap", //
			"from org.bonexr.core import CommandRuns", //
			"from org.bonexr.bmd import MeasureArealBmdCommand", //
			"p = HashMap()", //
			"for k, v in [('ct', ct), ('mask', mask), ('slopeMgPerCm3PerHu', 0.8),", //
			"        ('interceptMgPerCm3', -32.0), ('pixelMm', 1.0),", //
			"        ('mineralFromAllVoxels', True), ('roiFile', roi),", //
			"        ('tReference', 'femoral neck, NHANES III white women 20-29')]:", //
			"    p.put(k, v)", //
			"m = CommandRuns.runOrThrow(commands, MeasureArealBmdCommand, p)", //
			"bmd = m.getOutput('bmdGPerCm2')", //
			"t = m.getOutput('tScore')", "");
		try (Context context = new Context()) {
			final ScriptModule m = context.service(ScriptService.class).run(
				"bmd.py", script, true, "ct", DrrFrontDoorsTest.sampleCt().toFile(),
				"mask", sampleMask().toFile(), "roi", neck.toFile()).get();
			final double bmd = (Double) m.getOutput("bmd");
			assertEquals(ROIS[0][2][0], bmd, 0.005 * ROIS[0][2][0]);
			final org.bonexr.bmd.ReferencePopulation ref =
				org.bonexr.bmd.ReferencePopulation.FEMORAL_NECK_NHANES3_WHITE_WOMEN_20_29;
			assertEquals((bmd - ref.meanGPerCm2()) / ref.sdGPerCm2(), (Double) m
				.getOutput("t"), 1e-9);
		}
	}

	/**
	 * {@code bin/bonexr run} on the real CT: areal BMD of each femur from its
	 * TotalSegmentator label (metal above 2000 HU excluded), written to the
	 * values CSV. No calibration phantom was scanned with this CT, so only a
	 * plausible adult range is checked (0.4–1.6 g/cm²).
	 */
	@Test
	void cliMeasuresEachRealFemur() throws Exception {
		final Path ct = SharedData.file("ct-totalsegmentator/example_ct.nii.gz");
		final Path seg = SharedData.file(
			"ct-totalsegmentator/example_seg_fast_force_split.nii.gz");
		for (final int label : new int[] { 75, 76 }) {
			final Path out = home.resolve("femur-" + label);
			final Cli.Run run = Cli.run(home, "run", "Measure Areal BMD from CT",
				"ct=" + ct, "mask=" + seg, "labels=" + label, "pixelMm=1", "--out", out
					.toString());
			assertEquals(0, run.exitCode, run.toString());
			final double bmd = number(run.out, "bmdGPerCm2=");
			System.out.println("real femur label " + label + ": aBMD " + bmd +
				" g/cm2");
			assertTrue(bmd > 0.4 && bmd < 1.6, run.toString());
			try (java.util.stream.Stream<Path> s = Files.list(out)) {
				assertTrue(s.anyMatch(p -> p.toString().endsWith("_values.csv")),
					"values CSV");
			}
		}
	}

	private static double number(final String text, final String prefix) {
		final Matcher m = Pattern.compile(prefix + "([-0-9.eE]+)").matcher(text);
		assertTrue(m.find(), "no '" + prefix + "' in:\n" + text);
		return Double.parseDouble(m.group(1));
	}
}
