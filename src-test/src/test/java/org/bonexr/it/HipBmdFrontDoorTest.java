package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.bmd.radiograph.EstimateBmdFromRadiographCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * Estimate BMD from Radiograph through every front door, on the hip phantom
 * radiographs of sample-images with the shipped demo model: CommandService,
 * the ImageJ 1 macro extension in plain ImageJ, a Jython script and the
 * command line give the same aBMD. (Its accuracy is tested on held-out
 * phantoms in plugin-bmd and measured by bench bmd-radiograph; the sample
 * phantom has 30% scatter, more than the model was trained for.)
 */
class HipBmdFrontDoorTest {

	private static final Path SAMPLES = Paths.get("..", "sample-images");

	@TempDir
	Path dir;

	private static Path sample(final String name) {
		assumeTrue(Files.isDirectory(SAMPLES), "sample-images absent");
		return SAMPLES.resolve(name).toAbsolutePath();
	}

	private static List<Double> truth() throws IOException {
		final Matcher m = Pattern.compile("\"arealBmdGcm2\": ([-0-9.eE+]+)")
			.matcher(new String(Files.readAllBytes(sample(
				"hip-phantom-radiograph.json")), StandardCharsets.UTF_8));
		final List<Double> out = new ArrayList<>();
		while (m.find()) out.add(Double.parseDouble(m.group(1)));
		return out;
	}

	/** Femoral neck and total hip aBMD through CommandService. */
	private static double[] commandService(final String sample)
		throws Exception
	{
		try (Context context = new Context()) {
			final Map<String, Object> in = new HashMap<>();
			in.put("image", IJ.openImage(sample(sample).toString()));
			final CommandModule m = context.service(CommandService.class).run(
				EstimateBmdFromRadiographCommand.class, true, in).get();
			assertFalse(m.isCanceled(), m.getCancelReason());
			return new double[] { (Double) m.getOutput("bmdGPerCm2"), (Double) m
				.getOutput("totalHipBmdGPerCm2") };
		}
	}

	@Test
	void commandServiceGivesBoneInBothRegions() throws Exception {
		final double[] bmd = commandService("hip-phantom-intensity.tif");
		// bone (> 0.05 g/cm² per pixel) and below the densest true pixel value
		assertTrue(bmd[0] > 0.05 && bmd[0] < 3, "neck " + bmd[0]);
		assertTrue(bmd[1] > 0.05 && bmd[1] < 3, "total hip " + bmd[1]);
		System.out.printf("sample hip phantom: neck %.4f (true %.4f), total hip %.4f (true %.4f)%n",
			bmd[0], truth().get(0), bmd[1], truth().get(1));
	}

	@Test
	void macroExtensionInPlainImageJ() throws Exception {
		final PlainImageJ imageJ = PlainImageJ.install(dir.resolve("ij"));
		final Path out = dir.resolve("drr.tif");
		final PlainImageJ.Run run = imageJ.runMacro(macro("hipbmd-estimate.ijm"),
			sample("hip-phantom-intensity.tif") + "," + out);
		assertTrue(run.output.contains("done"), run.output);
		final double[] ref = commandService("hip-phantom-intensity.tif");
		assertEquals(ref[0], value(run.output, "neck="), 1e-5, run.output);
		assertEquals(ref[1], value(run.output, "totalHip="), 1e-5, run.output);
		assertTrue(run.output.contains("unit=mm pixelWidth=1"), run.output);
		final ImagePlus drr = IJ.openImage(out.toString());
		assertEquals(1.0, drr.getCalibration().pixelWidth, 1e-9);

		final PlainImageJ.Run refused = imageJ.runMacro(macro(
			"hipbmd-no-spacing.ijm"), sample("hip-phantom-intensity.tif").toString());
		assertTrue(refused.output.contains("no pixel size in mm"), refused.output);
		assertFalse(refused.output.contains("not reached"), refused.output);
	}

	@Test
	void jythonScriptUsesTheAlgorithmClasses() throws Exception {
		final String script = String.join("\n",
			"#@ String path",
			"#@output double neck",
			"#@output double total",
			"from java.nio.file import Paths",
			"from org.bonexr.core.io import RadiographReader",
			"from org.bonexr.model import BioImageModel",
			"from org.bonexr.bmd.radiograph import BoneDrrModel, ShippedModel, HipRois, RegionBmd",
			"radiograph = RadiographReader.read(Paths.get(path))",
			"model = BioImageModel.open(ShippedModel.path(), None)",
			"try:",
			"    drr = BoneDrrModel(model).predict(radiograph, None)",
			"finally:",
			"    model.close()",
			"rois = HipRois.find(drr)",
			"neck = RegionBmd.measure(drr, rois.femoralNeck.mask(), 'neck').bmdGPerCm2()",
			"total = RegionBmd.measure(drr, rois.totalHip.mask(), 'total hip').bmdGPerCm2()",
			"");
		try (Context context = new Context()) {
			final ScriptModule m = context.service(ScriptService.class).run(
				"hipbmd.py", script, true, "path", sample("hip-phantom-radiograph.tif")
					.toString()).get();
			final double[] ref = commandService("hip-phantom-radiograph.tif");
			assertEquals(ref[0], (Double) m.getOutput("neck"), 1e-6);
			assertEquals(ref[1], (Double) m.getOutput("total"), 1e-6);
		}
	}

	@Test
	void commandLineWritesTheBoneDrrResultsAndValues() throws Exception {
		final Path out = dir.resolve("out");
		final Cli.Run run = Cli.run(dir, "run", "Estimate BMD from Radiograph",
			"image=" + sample("hip-phantom-intensity.tif"),
			"tReference=NHANES III white women 20-29 (by region)", "--out", out
				.toString());
		assertEquals(0, run.exitCode, run.toString());
		final ImagePlus drr = IJ.openImage(out.resolve(
			"hip-phantom-intensity_boneDrr.tif").toString());
		assertEquals(1.0, drr.getCalibration().pixelWidth, 1e-9);
		final String results = new String(Files.readAllBytes(out.resolve(
			"hip-phantom-intensity_results.csv")), StandardCharsets.UTF_8);
		assertTrue(results.contains("femoral neck") && results.contains(
			"total hip"), results);
		final String values = new String(Files.readAllBytes(out.resolve(
			"hip-phantom-intensity_values.csv")), StandardCharsets.UTF_8);
		final String[] lines = values.split("\n");
		final List<String> keys = java.util.Arrays.asList(lines[0].split(","));
		final String[] v = lines[1].split(",");
		final double neck = Double.parseDouble(v[keys.indexOf("bmdGPerCm2")]);
		assertEquals(commandService("hip-phantom-intensity.tif")[0], neck, 1e-6,
			values);
		assertEquals((neck - 0.858) / 0.120, Double.parseDouble(v[keys.indexOf(
			"tScore")]), 1e-4, values);
	}

	@Test
	void commandLineRefusesARoiOutsideTheBone() throws Exception {
		final Path roi = dir.resolve("corner.roi");
		final ImagePlus imp = IJ.openImage(sample("hip-phantom-radiograph.tif")
			.toString());
		ij.io.RoiEncoder.save(new ij.gui.Roi(2, imp.getHeight() - 30, 20, 20), roi
			.toString());
		final Cli.Run run = Cli.run(dir, "run", "Estimate BMD from Radiograph",
			"image=" + sample("hip-phantom-radiograph.tif"),
			"region=image selection or ROI file", "roiFile=" + roi, "--out", dir
				.resolve("o").toString());
		assertEquals(2, run.exitCode, run.toString());
		assertTrue(run.err.contains("no bone"), run.toString());
	}

	private static double value(final String output, final String key) {
		final Matcher m = Pattern.compile(Pattern.quote(key) + "([-0-9.eENa]+)")
			.matcher(output);
		assertTrue(m.find(), output);
		return Double.parseDouble(m.group(1));
	}

	private Path macro(final String name) throws IOException {
		final Path p = dir.resolve(name);
		try (InputStream in = HipBmdFrontDoorTest.class.getResourceAsStream(
			"/macros/" + name))
		{
			Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
		}
		return p;
	}
}
