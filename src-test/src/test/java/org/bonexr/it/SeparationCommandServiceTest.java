package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bonexr.separation.SegmentJointBonesCommand;
import org.bonexr.separation.SeparateBoneLayersCommand;
import org.bonexr.separation.ShippedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Separate Bone Layers and Segment Joint Bones through SciJava's
 * CommandService, on the flexed joint phantom of sample-images (attenuation,
 * 32-bit) and its 16-bit intensity twin.
 */
class SeparationCommandServiceTest {

	private static Context context;
	private static CommandService commands;

	@BeforeAll
	static void startContext() {
		context = new Context();
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stopContext() {
		context.dispose();
	}

	static ImagePlus sample(final String name) {
		return IJ.openImage(BuiltArtifacts.root().resolve("sample-images").resolve(
			name).toString());
	}

	private CommandModule separate(final ImagePlus image,
		final Map<String, Object> more) throws Exception
	{
		final Map<String, Object> in = new HashMap<>();
		in.put("image", image);
		in.putAll(more);
		return commands.run(SeparateBoneLayersCommand.class, true, in).get();
	}

	@Test
	void layersAddUpToTheRadiographWithSpacingKept() throws Exception {
		final ImagePlus input = sample("joint-phantom-flexed.tif");
		final float[] before = ((float[]) input.getProcessor().getPixels()).clone();
		final CommandModule m = separate(input, new HashMap<>());
		assertFalse(m.isCanceled(), m.getCancelReason());
		final float[] a = (float[]) input.getProcessor().getPixels();
		assertArrayEquals(before, a, "input modified");
		final float[][] layers = new float[3][];
		final String[] names = { "upper", "lower", "softTissue" };
		for (int k = 0; k < 3; k++) {
			final ImagePlus l = (ImagePlus) m.getOutput(names[k]);
			assertEquals(32, l.getBitDepth());
			assertEquals(input.getWidth(), l.getWidth());
			assertEquals(input.getCalibration().pixelWidth, l.getCalibration()
				.pixelWidth, 1e-12);
			assertEquals("mm", l.getCalibration().getUnit());
			layers[k] = (float[]) l.getProcessor().getPixels();
		}
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		double maxErr = 0;
		for (int i = 0; i < a.length; i++) {
			lo = Math.min(lo, a[i]);
			hi = Math.max(hi, a[i]);
			maxErr = Math.max(maxErr, Math.abs(a[i] - layers[0][i] - layers[1][i] -
				layers[2][i]));
		}
		assertTrue(maxErr <= 1e-5 * (hi - lo), "sum error " + maxErr);
		assertEquals(3, ((ImagePlus) m.getOutput("display")).getStackSize());
		final ResultsTable t = (ResultsTable) m.getOutput("summary");
		assertEquals(1, t.size());
		assertEquals((Double) m.getOutput("residualRmsPercent"), t.getValue(
			"Residual RMS (%)", 0), 1e-9);
		assertTrue(t.getValue("Overlap area (px)", 0) > 0, "flexed: bones overlap");
		final ImagePlus residual = (ImagePlus) m.getOutput("residual");
		assertEquals(input.getWidth(), residual.getWidth());
	}

	@Test
	void roiAndIntensityInputs() throws Exception {
		final ImagePlus input = sample("joint-phantom-flexed-intensity.tif");
		assertEquals(16, input.getBitDepth());
		input.setRoi(new Roi(20, 30, 150, 170));
		final Map<String, Object> more = new HashMap<>();
		more.put("values", "intensity");
		final CommandModule m = separate(input, more);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus upper = (ImagePlus) m.getOutput("upper");
		assertEquals(150, upper.getWidth());
		assertEquals(170, upper.getHeight());
		final ImagePlus eight = new ImagePlus("eight", sample(
			"joint-phantom-flexed.tif").getProcessor().convertToByte(true));
		final CommandModule m8 = separate(eight, more);
		assertFalse(m8.isCanceled(), m8.getCancelReason());
	}

	@Test
	void givenMasksAreUsed() throws Exception {
		final ImagePlus input = sample("joint-phantom-flexed.tif");
		final ImageStack truth = sample("joint-phantom-flexed-masks.tif").getStack();
		final ByteProcessor labels = new ByteProcessor(input.getWidth(), input
			.getHeight());
		for (int i = 0; i < labels.getPixelCount(); i++) {
			labels.set(i, (truth.getProcessor(1).get(i) > 0 ? 1 : 0) + (truth
				.getProcessor(2).get(i) > 0 ? 2 : 0));
		}
		final Map<String, Object> more = new HashMap<>();
		more.put("masks", new ImagePlus("labels", labels));
		final CommandModule m = separate(input, more);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable t = (ResultsTable) m.getOutput("summary");
		assertEquals("given", t.getStringValue("Masks", 0));
		final ImagePlus out = (ImagePlus) m.getOutput("boneMasks");
		assertArrayEquals((byte[]) labels.getPixels(), (byte[]) out.getProcessor()
			.getPixels());
	}

	/**
	 * Masks given as two ROIs (the bones' outlines traced from the phantom's
	 * true masks, passed lower first but named, as the command names the ROIs
	 * it adds to the ROI Manager) give exactly what the same masks give as a
	 * label image filled from those ROIs by ImageJ.
	 */
	@Test
	void twoRoisGiveTheSameResultAsTheLabelImage() throws Exception {
		final ImagePlus input = sample("joint-phantom-flexed.tif");
		final ImageStack truth = sample("joint-phantom-flexed-masks.tif").getStack();
		final Roi upper = outline(truth.getProcessor(1), "upper (distal) bone");
		final Roi lower = outline(truth.getProcessor(2), "lower (proximal) bone");
		final ByteProcessor labels = new ByteProcessor(input.getWidth(), input.getHeight());
		final ByteProcessor lowerOnly = new ByteProcessor(input.getWidth(), input.getHeight());
		labels.setValue(1);
		labels.fill(upper);
		lowerOnly.setValue(2);
		lowerOnly.fill(lower);
		labels.copyBits(lowerOnly, 0, 0, ij.process.Blitter.OR);
		final Map<String, Object> asLabels = new HashMap<>();
		asLabels.put("masks", new ImagePlus("labels", labels));
		final CommandModule fromLabels = separate(input, asLabels);
		assertFalse(fromLabels.isCanceled(), fromLabels.getCancelReason());
		final Map<String, Object> asRois = new HashMap<>();
		asRois.put("maskRois", new Roi[] { lower, upper });
		final CommandModule fromRois = separate(input, asRois);
		assertFalse(fromRois.isCanceled(), fromRois.getCancelReason());
		assertEquals("given", ((ResultsTable) fromRois.getOutput("summary")).getStringValue("Masks", 0));
		final byte[] roiLabels = (byte[]) ((ImagePlus) fromRois.getOutput("boneMasks")).getProcessor().getPixels();
		assertArrayEquals((byte[]) labels.getPixels(), roiLabels);
		int overlap = 0;
		for (final byte b : roiLabels) overlap += b == 3 ? 1 : 0;
		assertTrue(overlap > 0, "flexed phantom: the bone ROIs overlap");
		for (final String layer : new String[] { "upper", "lower", "softTissue", "residual" }) {
			assertArrayEquals((float[]) ((ImagePlus) fromLabels.getOutput(layer)).getProcessor().getPixels(),
				(float[]) ((ImagePlus) fromRois.getOutput(layer)).getProcessor().getPixels(), layer);
		}
		// one ROI only: a message that says what to do
		final Map<String, Object> one = new HashMap<>();
		one.put("maskRois", new Roi[] { upper });
		assertCancel(separate(input, one), "need two ROIs");
	}

	/** The outline of a binary mask (non-zero pixels) as an area ROI. */
	private static Roi outline(final ij.process.ImageProcessor mask, final String name) {
		final ByteProcessor bp = new ByteProcessor(mask.getWidth(), mask.getHeight());
		for (int i = 0; i < bp.getPixelCount(); i++) bp.set(i, mask.get(i) > 0 ? 255 : 0);
		bp.setThreshold(255, 255, ij.process.ImageProcessor.NO_LUT_UPDATE);
		final Roi roi = ij.plugin.filter.ThresholdToSelection.run(new ImagePlus(name, bp));
		roi.setName(name);
		return roi;
	}

	@Test
	void badInputsCancelWithClearMessages(@TempDir final Path dir)
		throws Exception
	{
		assertCancel(separate(new ImagePlus("photo", new ColorProcessor(64, 64)),
			new HashMap<>()), "colour");
		final ImageStack s = new ImageStack(64, 64);
		s.addSlice(new FloatProcessor(64, 64));
		s.addSlice(new FloatProcessor(64, 64));
		assertCancel(separate(new ImagePlus("stack", s), new HashMap<>()),
			"stack of 2");
		final Map<String, Object> masks = new HashMap<>();
		masks.put("masks", new ImagePlus("labels", new ByteProcessor(10, 10)));
		assertCancel(separate(sample("joint-phantom-flexed.tif"), masks),
			"does not cover");
		final Map<String, Object> model = new HashMap<>();
		model.put("model", wrongContractModel(dir));
		assertCancel(separate(sample("joint-phantom-flexed.tif"), model),
			"a layer separation model takes 1");
	}

	@Test
	void segmentJointBonesGivesBothBones() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("image", sample("joint-phantom-flexed.tif"));
		final CommandModule m = commands.run(SegmentJointBonesCommand.class, true,
			in).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImageStack truth = sample("joint-phantom-flexed-masks.tif").getStack();
		final ImagePlus labels = (ImagePlus) m.getOutput("boneMasks");
		for (int bone = 1; bone <= 2; bone++) {
			long both = 0, a = 0, b = 0;
			for (int i = 0; i < labels.getProcessor().getPixelCount(); i++) {
				final boolean p = (labels.getProcessor().get(i) & bone) != 0;
				final boolean t = truth.getProcessor(bone).get(i) > 0;
				a += p ? 1 : 0;
				b += t ? 1 : 0;
				both += p && t ? 1 : 0;
			}
			final double dice = 2.0 * both / (a + b);
			// the demo model's level (goal 0.9 not reached; docs/separation.md)
			assertTrue(dice >= 0.5, "bone " + bone + " Dice " + dice);
		}
	}

	private static void assertCancel(final CommandModule m, final String text) {
		assertTrue(m.isCanceled(), "not cancelled");
		assertTrue(m.getCancelReason().contains(text), m.getCancelReason());
	}

	/** The shipped model with only three output channels declared. */
	static File wrongContractModel(final Path dir) throws IOException {
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(
			ShippedModel.path())))
		{
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				Files.copy(in, dir.resolve(e.getName()));
			}
		}
		final Path rdf = dir.resolve("rdf.yaml");
		final String text = new String(Files.readAllBytes(rdf), "UTF-8");
		Files.write(rdf, text.replace("    - upper_mask_logit\n", "").replace(
			"    - lower_mask_logit\n", "").getBytes("UTF-8"));
		return rdf.toFile();
	}

}
