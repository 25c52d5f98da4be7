package org.bonexr.jsn;

import ij.IJ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.bonexr.core.Radiograph;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, joint space step: JSW of a joint phantom (fixed seed
 * 2026, JSW 1.5 mm at 0.1 mm/px, 10° flexion) measured on the raw
 * radiograph (placed by its bone masks) and on its two bone layers, which
 * stand in for separated layers. The phantom is generated here, so the step
 * does not depend on sample-images.
 */
@Plugin(type = DemoStep.class, name = "jsw", priority = 500)
public class JswDemo implements DemoStep {

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final JointPhantomResult r = JointPhantom.render(JointPhantomParameters
			.builder().jswMm(1.5).flexionDeg(10).seed(2026).build());
		final Path in = out.resolve("phantom");
		try {
			Files.createDirectories(in);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		final String radiograph = save(r.attenuation(), in, "joint-radiograph");
		final String pm = save(mask(r, true), in, "proximal-mask");
		final String dm = save(mask(r, false), in, "distal-mask");
		final String pl = save(r.proximalLayer(), in, "proximal-layer");
		final String dl = save(r.distalLayer(), in, "distal-layer");
		final Map<String, String> raw = new LinkedHashMap<>();
		raw.put("image", radiograph);
		raw.put("proximal", pm);
		raw.put("distal", dm);
		final HeadlessCommandRunner.Result a = runner.run(
			"Measure Joint Space Width", raw, out.resolve("raw"));
		final Map<String, String> layers = new LinkedHashMap<>(raw);
		layers.put("proximal", pl);
		layers.put("distal", dl);
		final HeadlessCommandRunner.Result b = runner.run(
			"Measure Joint Space Width", layers, out.resolve("layers"));
		return String.format(java.util.Locale.ROOT,
			"joint phantom (true JSW 1.5 mm at the centre, 10° flexion): mean JSW " +
				"%.3f mm on the radiograph, %.3f mm on the bone layers",
			a.values.get("meanJsw"), b.values.get("meanJsw"));
	}

	private static Radiograph mask(final JointPhantomResult r,
		final boolean proximal)
	{
		final Radiograph ref = r.attenuation();
		final float[] m = JointImage.copy(proximal ? r.proximalMask() : r
			.distalMask());
		return new Radiograph(proximal ? "proximal mask" : "distal mask",
			net.imglib2.img.array.ArrayImgs.floats(m, ref.width(), ref.height()), ref
				.spacing(), org.bonexr.core.ValueDomain.ATTENUATION);
	}

	private static String save(final Radiograph r, final Path dir,
		final String name)
	{
		final Path f = dir.resolve(name + ".tif");
		IJ.saveAsTiff(ImagePlusRadiographs.toImagePlus(r, name), f.toString());
		return f.toString();
	}
}
