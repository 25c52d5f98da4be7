package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.jsn.JointAxis;
import org.bonexr.jsn.MeasureJointSpaceWidthCommand;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.phantom.JswProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Measure Joint Space Width with "separate the bone layers first" (the
 * shipped demo separation model, trained on phantoms) through the
 * CommandService and the CLI, against phantom truth.
 * <p>
 * Figures behind the tolerances ({@code bin/bonexr bench jsw seeds=2},
 * docs/jsn.md): without flexion the model's layers meet the accuracy goal
 * (0.1 mm/px: mean absolute error ≤ 0.03 mm). With flexion they do
 * <b>not</b>, and they do not beat the raw radiograph's error where the raw
 * radiograph finds the joint space: the demo model gives part of the
 * overlap to the wrong bone. What holds with 10° flexion, and is asserted
 * here, is that separate-first finds a joint space the raw radiograph cannot
 * see (its near rim hidden in the head's shadow), with the mean JSW within
 * 0.3 mm of the truth (measured: mean absolute error 0.18–0.23 mm at 10°).
 */
class JsnSeparateFirstFrontDoorTest {

	/** The model layers' measured error at 10° flexion, rounded up, mm (goal 0.03 not met). */
	private static final double FLEXED_DEMO_MODEL_TOLERANCE_MM = 0.3;

	private static Context context;
	private static CommandService commands;

	@TempDir
	Path dir;

	@BeforeAll
	static void startContext() {
		context = new Context();
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stopContext() {
		context.dispose();
	}

	private static CommandModule measure(final ImagePlus image,
		final String region, final boolean separate) throws Exception
	{
		final Map<String, Object> in = new HashMap<>();
		in.put("image", image);
		in.put("region", region);
		in.put("separate", separate);
		return commands.run(MeasureJointSpaceWidthCommand.class, true, in).get();
	}

	@Test
	void separateFirstOnTheSampleMeetsTheAccuracyGoal() throws Exception {
		final ImagePlus image = JsnSample.open();
		final float[] before = ((float[]) image.getProcessor().getPixels()).clone();
		final CommandModule m = measure(image, JsnSample.REGION_TEXT, true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals("mm", m.getOutput("unit"));
		assertEquals(JsnSample.trueMeanJswInRegion(), (Double) m.getOutput(
			"meanJsw"), JsnSample.ACCURACY_MM);
		assertEquals(JsnSample.TRUE_MIN_JSW_MM, (Double) m.getOutput("minJsw"),
			JsnSample.ACCURACY_MM);
		assertEquals("model layers", ((ResultsTable) m.getOutput("summary"))
			.getStringValue("Margins from", 0));
		assertTrue(Arrays.equals(before, (float[]) image.getProcessor()
			.getPixels()), "input modified");
	}

	/**
	 * 10° flexion, JSW 0.5 mm, 0.1 mm/px: the distal base's near rim projects
	 * into the head, so the raw radiograph shows no gap; separate-first finds
	 * the joint space. Truth at each measured position: the image-plane
	 * distance between the phantom's true margin points (the head's outline
	 * and the projection of the base's mid-line; 0 where that projects onto
	 * the head), interpolated at the position's x (the joint axis is
	 * vertical).
	 */
	@Test
	void separateFirstFindsTheFlexedJointTheRadiographCannot() throws Exception {
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().spacingMm(0.1).jswMm(0.5).flexionDeg(10).seed(1).build());
		final ImagePlus image = ImagePlusRadiographs.toImagePlus(r.attenuation(),
			"flexed");
		final JointAxis a = JointAxis.fromMasks(r.proximalMask(), r.distalMask());
		final String region = Math.round(a.centreX() - 30.5) + "," + Math.round(a
			.centreY() - 25.5) + ",61,51";
		final CommandModule raw = measure(image, region, false);
		assertTrue(raw.isCanceled(), "raw radiograph: " + raw.getOutput("meanJsw"));
		assertTrue(raw.getCancelReason().contains("No joint space found"), raw
			.getCancelReason());
		final CommandModule sep = measure(image, region, true);
		assertFalse(sep.isCanceled(), sep.getCancelReason());
		final ResultsTable profile = (ResultsTable) sep.getOutput("profile");
		final JswProfile t = r.jsw();
		double sum = 0;
		int n = 0;
		for (int i = 0; i < profile.size(); i++) {
			final double jsw = profile.getValue("JSW (mm)", i);
			if (!Double.isFinite(jsw)) continue;
			sum += Math.abs(jsw - trueProjectedJsw(t, profile.getValue(
				"Proximal x (px)", i), 0.1));
			n++;
		}
		assertTrue(n >= 30, n + " positions");
		final double mae = sum / n;
		assertTrue(mae <= FLEXED_DEMO_MODEL_TOLERANCE_MM, "MAE " + mae);
	}

	/** Projected true JSW (mm) at image x (px), for a vertical joint axis. */
	private static double trueProjectedJsw(final JswProfile t, final double x,
		final double spacingMm)
	{
		final double[] px = t.proximalX(), py = t.proximalY(), dy = t.distalY();
		for (int i = 0; i < px.length - 1; i++) {
			if (x >= px[i] && x <= px[i + 1]) {
				final double f = (x - px[i]) / (px[i + 1] - px[i]);
				final double gap = (py[i] - dy[i]) * (1 - f) + (py[i + 1] - dy[i +
					1]) * f;
				return Math.max(0, gap) * spacingMm;
			}
		}
		throw new IllegalArgumentException("x " + x + " outside the truth");
	}

	@Test
	void cliSeparatesFirstAndMeetsTheGoalOnTheSample() throws Exception {
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Measure Joint Space Width",
			"image=" + JsnSample.image(), "region=" + JsnSample.REGION_TEXT,
			"separate=true", "--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		final List<String> lines = Files.readAllLines(out.resolve(
			"joint-phantom_values.csv"));
		final List<String> header = Arrays.asList(lines.get(0).split(","));
		final String[] row = lines.get(1).split(",");
		assertEquals(JsnSample.trueMeanJswInRegion(), Double.parseDouble(
			row[header.indexOf("meanJsw")]), JsnSample.ACCURACY_MM);
		assertTrue(Files.readAllLines(out.resolve("joint-phantom_summary.csv"))
			.get(1).contains("model layers"));
	}
}
