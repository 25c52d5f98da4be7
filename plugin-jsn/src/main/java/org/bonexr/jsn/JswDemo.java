package org.bonexr.jsn;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.ValueDomain;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, joint space step: JSW of the joint phantoms in
 * {@code sample-images/} ({@code joint-phantom}: bones apart, true minimum
 * JSW 1.5 mm; {@code joint-phantom-flexed}: the same joint flexed 28°, the
 * distal base's lips overlapping the head in projection), each measured on
 * the raw radiograph (placed by its bone masks) and on its two bone layers
 * (the phantom's exact layers, standing in for separated layers) and on
 * the layers the shipped demo separation model makes of the radiograph
 * (separate first), next to the true minimum JSW as the projection shows it. Where no joint space is
 * found (the flexed joint's radiograph) the step says so and goes on. The
 * slices of the layer and mask stacks are written as single images into
 * this step's folder, since the command takes one image per bone.
 */
@Plugin(type = DemoStep.class, name = "jsw", priority = 500)
public class JswDemo implements DemoStep {

	/** Slices of the sample stacks: distal (upper) bone first, then proximal. */
	private static final int DISTAL_SLICE = 1, PROXIMAL_SLICE = 2;

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final StringBuilder line = new StringBuilder();
		for (final String joint : new String[] { "joint-phantom",
			"joint-phantom-flexed" })
		{
			if (line.length() > 0) line.append("; ");
			line.append(measure(samples, joint, out.resolve(joint), runner));
		}
		return line.toString();
	}

	private static String measure(final Path samples, final String joint,
		final Path out, final DemoRunner runner)
	{
		final Path image = samples.resolve(joint + ".tif");
		final Path layers = samples.resolve(joint + "-layers.tif");
		final Path masks = samples.resolve(joint + "-masks.tif");
		for (final Path p : new Path[] { image, layers, masks }) {
			if (!Files.isRegularFile(p)) {
				throw new BoneXRException("The sample image " + p + " is missing.",
					"Run the demo from a BoneXR checkout or distribution with its " +
						"sample-images folder.");
			}
		}
		final Path in = out.resolve("inputs");
		try {
			Files.createDirectories(in);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		final Map<String, String> raw = new LinkedHashMap<>();
		raw.put("image", image.toString());
		raw.put("proximal", slice(masks, PROXIMAL_SLICE, in, "proximal-mask"));
		raw.put("distal", slice(masks, DISTAL_SLICE, in, "distal-mask"));
		final String a = summary(runner, raw, out.resolve("raw"));
		final Map<String, String> separated = new LinkedHashMap<>(raw);
		separated.put("proximal", slice(layers, PROXIMAL_SLICE, in,
			"proximal-layer"));
		separated.put("distal", slice(layers, DISTAL_SLICE, in, "distal-layer"));
		final String b = summary(runner, separated, out.resolve("layers"));
		final Map<String, String> model = new LinkedHashMap<>(raw);
		model.put("separate", "true");
		final String c = summary(runner, model, out.resolve("model-layers"));
		return String.format(Locale.ROOT,
			"%s (true min JSW %.3f mm as projected): %s on the radiograph, %s on " +
				"the bone layers, %s on the layers of the demo separation model",
			joint, projectedMinJsw(samples.resolve(joint + "-jsw.csv"), image), a,
			b, c);
	}

	/** "min/mean JSW … mm", or why no joint space was found. */
	private static String summary(final DemoRunner runner,
		final Map<String, String> args, final Path out)
	{
		try {
			final HeadlessCommandRunner.Result r = runner.run(
				"Measure Joint Space Width", args, out);
			return String.format(Locale.ROOT, "min/mean JSW %.3f/%.3f %s", r.values
				.get("minJsw"), r.values.get("meanJsw"), r.values.get("unit"));
		}
		catch (final BoneXRException e) {
			return "no joint space found (" + e.problem() + ")";
		}
	}

	/**
	 * The smallest true JSW in the image plane (mm) from the truth CSV: the
	 * distance between the true proximal and distal margin points (the
	 * distal one is the base's mid-line, see JswProfile), 0 where the
	 * mid-line projects onto the head.
	 */
	private static double projectedMinJsw(final Path csv, final Path image) {
		final double mm = IJ.openImage(image.toString()).getCalibration()
			.pixelWidth;
		try {
			final java.util.List<String> lines = Files.readAllLines(csv);
			double min = Double.POSITIVE_INFINITY;
			for (final String line : lines.subList(1, lines.size())) {
				final String[] f = line.split(",");
				final double dx = Double.parseDouble(f[4]) - Double.parseDouble(f[2]);
				final double dy = Double.parseDouble(f[5]) - Double.parseDouble(f[3]);
				// the sample's joint axis points up the image (−y)
				min = Math.min(min, dy < 0 ? Math.hypot(dx, dy) * mm : 0);
			}
			return min;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * One slice of a sample stack as a calibrated single image (attenuation
	 * domain for layers; masks stay 0/255), written into dir.
	 */
	private static String slice(final Path stack, final int n, final Path dir,
		final String name)
	{
		final ImagePlus imp = IJ.openImage(stack.toString());
		if (imp == null || imp.getStackSize() < n) {
			throw new BoneXRException("The sample stack " + stack +
				" cannot be read or has no slice " + n + ".",
				"Regenerate the samples (bonexr run \"Write Sample Images\").");
		}
		final ImageStack s = imp.getStack();
		final ImagePlus one = new ImagePlus(name, s.getProcessor(n).duplicate());
		one.setCalibration(imp.getCalibration().copy());
		one.setProp(ImagePlusRadiographs.DOMAIN_PROPERTY, ValueDomain.ATTENUATION
			.name());
		final Path f = dir.resolve(name + ".tif");
		IJ.saveAsTiff(one, f.toString());
		return f.toString();
	}
}
