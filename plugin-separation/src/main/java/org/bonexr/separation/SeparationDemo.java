package org.bonexr.separation;

import ij.IJ;
import ij.ImagePlus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, separation step: the flexed joint phantom
 * ({@code joint-phantom-flexed.tif}) separated by the shipped demo model;
 * prints the reconstruction residual and each layer's SSIM against the
 * phantom's true layers ({@code joint-phantom-flexed-layers.tif}).
 */
@Plugin(type = DemoStep.class, name = "separation", priority = 900)
public class SeparationDemo implements DemoStep {

	private static final String[] OUTPUTS = { "upper", "lower", "softTissue" };

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final Path input = samples.resolve("joint-phantom-flexed.tif");
		final HeadlessCommandRunner.Result r = runner.run("Separate Bone Layers",
			Collections.singletonMap("image", input.toString()), out);
		final ImagePlus truth = IJ.openImage(samples.resolve(
			"joint-phantom-flexed-layers.tif").toString());
		final StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
			"joint-phantom-flexed.tif (demo model trained on phantoms): residual " +
				"RMS %.3f%% of range (max %.3f%%), after projection max %.2g%%; SSIM",
			(Double) r.values.get("residualRmsPercent"), (Double) r.values.get(
				"residualMaxPercent"), (Double) r.values.get(
					"finalResidualMaxPercent")));
		for (int k = 0; k < 3; k++) {
			final Path file = find(r, OUTPUTS[k]);
			final ImagePlus est = IJ.openImage(file.toString());
			final int w = est.getWidth(), h = est.getHeight();
			final ImageQuality q = ImageQuality.of((float[]) est.getProcessor()
				.getPixels(), (float[]) truth.getStack().getProcessor(k + 1)
					.convertToFloat().getPixels(), w, h, null);
			s.append(String.format(Locale.ROOT, " %s %.3f", Layers.NAMES[k],
				q.ssim));
		}
		return s.append(" -> ").append(out).toString();
	}

	private static Path find(final HeadlessCommandRunner.Result r,
		final String output)
	{
		for (final Path p : r.files) {
			if (p.getFileName().toString().endsWith("_" + output + ".tif")) return p;
		}
		throw new IllegalStateException("No " + output + " image in " + r.files);
	}
}
