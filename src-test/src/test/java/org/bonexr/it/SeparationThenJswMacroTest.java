package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiEncoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.jsn.MeasureJointSpaceWidthCommand;
import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.separation.SeparateBoneLayersCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The worked macro {@code macros/separation-then-jsw.ijm}, headless in plain
 * ImageJ 1 (xvfb-run) over a folder with the straight and the flexed joint
 * phantoms of sample-images (the straight one with its own {@code .roi}):
 * one CSV row per image holding the residual of Separate Bone Layers and the
 * JSW of Measure Joint Space Width with "separate first" through SciJava's
 * CommandService; the saved layers add up to the radiograph
 * (Beer–Lambert: attenuations add) and keep its pixel size.
 */
class SeparationThenJswMacroTest {

	/** The CSV holds 4 decimals. */
	private static final double CSV_ROUNDING = 0.5e-4;
	private static final int[] ROI = JsnSample.REGION;

	@TempDir
	Path home;

	@Test
	void separatesEachRadiographThenMeasuresJswOnItsLayers() throws Exception {
		final PlainImageJ imageJ = PlainImageJ.install(home.resolve("imagej"));
		final Path folder = Files.createDirectories(home.resolve("joints"));
		final String[] names = { "joint-phantom-flexed.tif", "joint-phantom.tif" };
		for (final String name : names)
			Files.copy(JsnSample.file(name), folder.resolve(name));
		RoiEncoder.save(new Roi(ROI[0], ROI[1], ROI[2], ROI[3]), folder.resolve(
			"joint-phantom.roi").toString());
		Files.write(folder.resolve("notes.txt"), "not an image".getBytes(
			StandardCharsets.UTF_8));
		final Path csv = home.resolve("separation-jsw.csv");
		final Path layers = home.resolve("layers");
		final String argument = "folder=" + folder + ";csv=" + csv + ";out=" +
			layers;
		final Path macro = BuiltArtifacts.root().resolve(
			"macros/separation-then-jsw.ijm");

		final PlainImageJ.Run run = imageJ.runMacro(macro, argument);
		assertTrue(run.output.contains("separated and measured 2 images"),
			run.output);
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(3, lines.size(), lines.toString());
		final List<String> header = Arrays.asList(lines.get(0).split(","));
		for (int i = 0; i < names.length; i++) {
			final String[] row = lines.get(i + 1).split(",");
			assertEquals(names[i], row[header.indexOf("image")]);
			assertEquals("mm", row[header.indexOf("unit")]);
			final boolean withRoi = names[i].equals("joint-phantom.tif");
			final Map<String, Double> expected = viaCommandService(names[i],
				withRoi);
			for (final String key : expected.keySet()) {
				assertEquals(expected.get(key), Double.parseDouble(row[header.indexOf(
					key)]), CSV_ROUNDING, names[i] + " " + key + "\n" + run.output);
			}
			assertLayersAddUpToTheRadiograph(names[i], layers);
		}

		final PlainImageJ.Run again = imageJ.runMacro(macro, argument);
		assertTrue(again.output.contains("already exists"), again.output);
	}

	/**
	 * Separate Bone Layers with its defaults (shipped model, predicted masks,
	 * exact projection), and Measure Joint Space Width on the radiograph with
	 * "separate first" (shipped model): what the macro's CSV row must hold.
	 */
	private static Map<String, Double> viaCommandService(final String name,
		final boolean withRoi) throws Exception
	{
		try (Context context = new Context()) {
			// plain ImageJ has no CLIJ2, so the macro ran the Java twins: so does this
			context.service(ComputeBackendService.class).selectDevice(ComputeBackend.CPU);
			final CommandService commands = context.service(CommandService.class);
			final ImagePlus image = IJ.openImage(JsnSample.file(name).toString());
			final Map<String, Object> in = new HashMap<>();
			in.put("image", image);
			final CommandModule s = commands.run(SeparateBoneLayersCommand.class,
				true, in).get();
			assertFalse(s.isCanceled(), s.getCancelReason());
			if (withRoi) image.setRoi(new Roi(ROI[0], ROI[1], ROI[2], ROI[3]));
			final Map<String, Object> jswIn = new HashMap<>();
			jswIn.put("image", image);
			jswIn.put("separate", true);
			final CommandModule j = commands.run(MeasureJointSpaceWidthCommand.class,
				true, jswIn).get();
			assertFalse(j.isCanceled(), j.getCancelReason());
			final Map<String, Double> out = new HashMap<>();
			out.put("residualRmsPercent", (Double) s.getOutput("residualRmsPercent"));
			for (final String key : new String[] { "minJsw", "meanJsw", "medianJsw" })
				out.put(key, (Double) j.getOutput(key));
			return out;
		}
	}

	/** upper + lower + soft tissue = the input attenuation, to float rounding. */
	private static void assertLayersAddUpToTheRadiograph(final String name,
		final Path layers)
	{
		final ImagePlus input = IJ.openImage(JsnSample.file(name).toString());
		final float[] a = (float[]) input.getProcessor().getPixels();
		final String stem = name.substring(0, name.lastIndexOf('.'));
		final float[] sum = new float[a.length];
		for (final String layer : new String[] { "upper", "lower", "soft-tissue" }) {
			final ImagePlus l = IJ.openImage(layers.resolve(stem + "-" + layer +
				".tif").toString());
			assertEquals("mm", l.getCalibration().getUnit(), layer);
			assertEquals(JsnSample.SPACING_MM, l.getCalibration().pixelWidth, 1e-9);
			final float[] v = (float[]) l.getProcessor().getPixels();
			for (int i = 0; i < a.length; i++) sum[i] += v[i];
		}
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (final float x : a) {
			lo = Math.min(lo, x);
			hi = Math.max(hi, x);
		}
		final float tolerance = 1e-5f * (hi - lo);
		assertArrayEquals(a, sum, tolerance, name + ": layers do not add up");
	}
}
