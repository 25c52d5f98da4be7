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
 * (the phantom's exact layers, standing in for separated layers). The
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
		final HeadlessCommandRunner.Result a = runner.run(
			"Measure Joint Space Width", raw, out.resolve("raw"));
		final Map<String, String> separated = new LinkedHashMap<>(raw);
		separated.put("proximal", slice(layers, PROXIMAL_SLICE, in,
			"proximal-layer"));
		separated.put("distal", slice(layers, DISTAL_SLICE, in, "distal-layer"));
		final HeadlessCommandRunner.Result b = runner.run(
			"Measure Joint Space Width", separated, out.resolve("layers"));
		return String.format(Locale.ROOT,
			"%s (true min JSW 1.5 mm): min/mean JSW %.3f/%.3f mm on the " +
				"radiograph, %.3f/%.3f mm on the bone layers", joint, a.values.get(
					"minJsw"), a.values.get("meanJsw"), b.values.get("minJsw"), b.values
						.get("meanJsw"));
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
