package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.bmd.radiograph.EstimateBmdFromRadiographCommand;
import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.phantom.HipDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The worked macro {@code macros/batch-bmd-radiographs.ijm}, headless in
 * plain ImageJ 1 (xvfb-run), over a folder holding the hip radiograph
 * phantoms of sample-images (the attenuation one with the true femoral-neck
 * region as its {@code .roi}) and six held-out phantoms drawn like the demo
 * model's training set (HipDataset seed 77, the model's is 1): one CSV row
 * per radiograph equal to Estimate BMD from Radiograph through SciJava's
 * CommandService, the bone DRRs saved with their 1 mm pixels, and on the
 * held-out phantoms the femoral-neck aBMD following the phantom truth within
 * the demo model's bounds.
 */
class BatchBmdMacroTest {

	/** The CSV holds 5 decimals. */
	private static final double CSV_ROUNDING = 0.5e-5;
	private static final int HELD_OUT = 6;
	/**
	 * Femoral-neck bounds of the demo model on held-out phantoms: those of
	 * plugin-bmd's held-out test (the same six phantoms), from bench
	 * bmd-radiograph's figures in docs/bmd-radiograph.md.
	 */
	private static final double MIN_R = 0.6, MAX_MAE_G_PER_CM2 = 0.2;
	private static final Pattern AREAL_BMD = Pattern.compile(
		"\"arealBmdGcm2\": ([-0-9.eE+]+)");

	@TempDir
	Path home;

	@Test
	void estimatesEveryRadiographOfAFolderIntoOneCsv() throws Exception {
		final PlainImageJ imageJ = PlainImageJ.install(home.resolve("imagej"));
		final Path folder = Files.createDirectories(home.resolve("hips"));
		for (final String name : new String[] { "hip-phantom-intensity.tif",
			"hip-phantom-radiograph.tif" })
		{
			Files.copy(sample(name), folder.resolve(name));
		}
		RoiEncoder.save(trueFemoralNeck(), folder.resolve(
			"hip-phantom-radiograph.roi").toString());
		final Path dataset = home.resolve("dataset");
		new HipDataset(HELD_OUT, 77, 1, HipDataset.DEFAULT_MAX_ROTATION_DEG)
			.write(dataset);
		final double[] truth = new double[HELD_OUT];
		final double[] estimate = new double[HELD_OUT];
		for (int i = 0; i < HELD_OUT; i++) {
			final Path s = dataset.resolve(String.format("sample-%05d", i));
			Files.copy(s.resolve("radiograph.tif"), folder.resolve("held-out-" + i +
				".tif"));
			truth[i] = firstArealBmd(s.resolve("truth.json"));
		}
		Files.write(folder.resolve("notes.txt"), "not an image".getBytes(
			StandardCharsets.UTF_8));
		final Path csv = home.resolve("bmd.csv");
		final Path drrs = home.resolve("drrs");
		final Path macro = BuiltArtifacts.root().resolve(
			"macros/batch-bmd-radiographs.ijm");
		final String argument = "folder=" + folder + ";csv=" + csv + ";drrs=" +
			drrs;

		final PlainImageJ.Run run = imageJ.runMacro(macro, argument);
		assertTrue(run.output.contains("estimated BMD of " + (HELD_OUT + 2) +
			" radiographs"), run.output);
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(HELD_OUT + 3, lines.size(), lines.toString());
		final List<String> header = Arrays.asList(lines.get(0).split(","));
		final String[] expectedOrder = new String[HELD_OUT + 2];
		for (int i = 0; i < HELD_OUT; i++)
			expectedOrder[i] = "held-out-" + i + ".tif";
		expectedOrder[HELD_OUT] = "hip-phantom-intensity.tif";
		expectedOrder[HELD_OUT + 1] = "hip-phantom-radiograph.tif";
		for (int i = 0; i < expectedOrder.length; i++) {
			final String name = expectedOrder[i];
			final String[] row = lines.get(i + 1).split(",");
			assertEquals(name, row[header.indexOf("image")]);
			final boolean withRoi = name.equals("hip-phantom-radiograph.tif");
			assertEquals(withRoi ? "hip-phantom-radiograph.roi" : "automatic",
				row[header.indexOf("region")]);
			final double bmd = Double.parseDouble(row[header.indexOf("bmdGPerCm2")]);
			final double total = Double.parseDouble(row[header.indexOf(
				"totalHipBmdGPerCm2")]);
			final double[] expected = viaCommandService(folder.resolve(name),
				withRoi);
			assertEquals(expected[0], bmd, CSV_ROUNDING, name);
			if (withRoi) assertTrue(Double.isNaN(total), name + " total " + total);
			else assertEquals(expected[1], total, CSV_ROUNDING, name);
			if (i < HELD_OUT) estimate[i] = bmd;
			final ImagePlus drr = IJ.openImage(drrs.resolve(name.replace(".tif",
				"-bone-drr.tif")).toString());
			assertEquals(1.0, drr.getCalibration().pixelWidth, 1e-9, name);
			assertEquals("mm", drr.getCalibration().getUnit(), name);
		}

		assertTrue(pearsonR(estimate, truth) >= MIN_R, "r " + pearsonR(estimate,
			truth));
		double mae = 0;
		for (int i = 0; i < HELD_OUT; i++)
			mae += Math.abs(estimate[i] - truth[i]) / HELD_OUT;
		assertTrue(mae <= MAX_MAE_G_PER_CM2, "MAE " + mae);

		final PlainImageJ.Run again = imageJ.runMacro(macro, argument);
		assertTrue(again.output.contains("already exists"), again.output);
	}

	/** bmdGPerCm2 and totalHipBmdGPerCm2 of the command on the file. */
	private static double[] viaCommandService(final Path file,
		final boolean withRoi) throws Exception
	{
		try (Context context = new Context()) {
			// plain ImageJ has no CLIJ2, so the macro ran the Java twins: so does this
			context.service(ComputeBackendService.class).selectDevice(ComputeBackend.CPU);
			final ImagePlus image = IJ.openImage(file.toString());
			final Map<String, Object> in = new HashMap<>();
			in.put("image", image);
			if (withRoi) {
				image.setRoi(trueFemoralNeck());
				in.put("region", "image selection or ROI file");
			}
			final CommandModule m = context.service(CommandService.class).run(
				EstimateBmdFromRadiographCommand.class, true, in).get();
			assertFalse(m.isCanceled(), m.getCancelReason());
			return new double[] { (Double) m.getOutput("bmdGPerCm2"), (Double) m
				.getOutput("totalHipBmdGPerCm2") };
		}
	}

	/**
	 * The femoral-neck region of hip-phantom-radiograph.json (vertices in
	 * patient mm) as a polygon on the radiograph's pixels (0.5 mm; see the
	 * json's roiNote for the frame).
	 */
	private static Roi trueFemoralNeck() throws IOException {
		final String json = new String(Files.readAllBytes(sample(
			"hip-phantom-radiograph.json")), StandardCharsets.UTF_8);
		final double[] topLeft = numbers(json, "apTopLeftMm");
		final double[] xMm = numbers(json, "xMm");
		final double[] zMm = numbers(json, "zMm");
		final double pixelMm = 0.5;
		final float[] px = new float[xMm.length], py = new float[zMm.length];
		for (int i = 0; i < xMm.length; i++) {
			px[i] = (float) ((xMm[i] - topLeft[0]) / pixelMm);
			py[i] = (float) ((topLeft[1] - zMm[i]) / pixelMm);
		}
		return new PolygonRoi(px, py, px.length, Roi.POLYGON);
	}

	/** The first number array named key in the json text. */
	private static double[] numbers(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]")
			.matcher(json);
		assertTrue(m.find(), key);
		return Arrays.stream(m.group(1).split(",")).mapToDouble(s -> Double
			.parseDouble(s.trim())).toArray();
	}

	/** The first region's (femoral neck's) true aBMD in a truth json, g/cm². */
	private static double firstArealBmd(final Path json) throws IOException {
		final Matcher m = AREAL_BMD.matcher(new String(Files.readAllBytes(json),
			StandardCharsets.UTF_8));
		assertTrue(m.find(), json.toString());
		return Double.parseDouble(m.group(1));
	}

	private static double pearsonR(final double[] x, final double[] y) {
		double mx = 0, my = 0;
		for (int i = 0; i < x.length; i++) {
			mx += x[i] / x.length;
			my += y[i] / y.length;
		}
		double sxy = 0, sxx = 0, syy = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		return sxy / Math.sqrt(sxx * syy);
	}

	private static Path sample(final String name) {
		return BuiltArtifacts.root().resolve("sample-images").resolve(name);
	}
}
