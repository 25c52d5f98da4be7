package org.bonexr.bmd.radiograph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, radiograph BMD step: Estimate BMD from Radiograph on
 * the hip phantom radiograph in sample-images (detected counts,
 * hip-phantom-intensity.tif), automatic regions, compared with the true
 * areal BMD in hip-phantom-radiograph.json. Demo model, phantom figures.
 */
@Plugin(type = DemoStep.class, name = "bmd-radiograph", priority = 700)
public class RadiographBmdDemo implements DemoStep {

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final HeadlessCommandRunner.Result r = runner.run(
			"Estimate BMD from Radiograph", Collections.singletonMap("image", samples
				.resolve("hip-phantom-intensity.tif").toString()), out);
		final List<Double> truth = trueBmd(samples.resolve(
			"hip-phantom-radiograph.json"));
		final double neck = (Double) r.values.get("bmdGPerCm2");
		final double total = (Double) r.values.get("totalHipBmdGPerCm2");
		return String.format(Locale.ROOT,
			"hip phantom radiograph (demo model trained on phantoms): femoral neck " +
				"aBMD %.3f g/cm² (true %.3f), total hip %.3f g/cm² (true %.3f); the " +
				"sample has 30%% scatter, more than the 0-20%% the model was trained on",
			neck,
			truth.get(0), total, truth.get(1));
	}

	/** True aBMD of the femoral neck and total hip from the sample's JSON. */
	static List<Double> trueBmd(final Path json) {
		try {
			final Matcher m = Pattern.compile("\"arealBmdGcm2\": ([-0-9.eE+]+)")
				.matcher(new String(Files.readAllBytes(json), StandardCharsets.UTF_8));
			final List<Double> out = new ArrayList<>();
			while (m.find()) out.add(Double.parseDouble(m.group(1)));
			return out;
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
