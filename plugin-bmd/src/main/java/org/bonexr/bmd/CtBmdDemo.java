package org.bonexr.bmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, CT step: on the hip CT phantom of sample-images, an AP
 * cone-beam DRR ({@code Generate DRR from CT}) and the areal BMD of the whole
 * projected femur ({@code Measure Areal BMD from CT}, calibration
 * mg/cm³ = 0.8·(HU − 40) as stated in hip-phantom-ct.json, mineral of every
 * voxel, area from the phantom's bone mask); BMC is compared with the
 * phantom's mineral mass.
 */
@Plugin(type = DemoStep.class, name = "ct-bmd", priority = 500)
public class CtBmdDemo implements DemoStep {

	/** Mineral mass of the sample phantom's voxels, g (hip-phantom-ct.json). */
	static final double PHANTOM_MINERAL_MASS_G = 13.589101769011444;

	private static Path folder(final Path out, final String name) {
		try {
			return Files.createDirectories(out.resolve(name));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final Path ct = samples.resolve("hip-phantom-ct.tif");
		final Path mask = samples.resolve("hip-phantom-ct-mask.tif");
		if (!Files.isRegularFile(ct) || !Files.isRegularFile(mask)) {
			return "no hip CT phantom in " + samples + ": CT step skipped";
		}
		final Map<String, String> drr = new LinkedHashMap<>();
		drr.put("ct", ct.toString());
		drr.put("gantryAnglesDeg", "90,45");
		drr.put("detectorPixels", "256");
		drr.put("detectorMm", "200");
		final HeadlessCommandRunner.Result d = runner.run("Generate DRR from CT",
			drr, folder(out, "drr"));
		final Map<String, String> bmd = new LinkedHashMap<>();
		bmd.put("ct", ct.toString());
		bmd.put("mask", mask.toString());
		bmd.put("slopeMgPerCm3PerHu", "0.8");
		bmd.put("interceptMgPerCm3", "-32");
		bmd.put("mineralFromAllVoxels", "true");
		bmd.put("tReference", MeasureArealBmdCommand.TOTAL_HIP);
		final HeadlessCommandRunner.Result r = runner.run(
			"Measure Areal BMD from CT", bmd, folder(out, "bmd"));
		final double bmc = ((Number) r.values.get("bmcG")).doubleValue();
		return String.format(Locale.ROOT,
			"hip CT phantom: DRRs at 90° and 45° -> %s; whole femur aBMD %.4f g/cm², " +
				"BMC %.4f g (phantom mineral %.4f g), area %.2f cm², T-score %.2f (total hip)",
			out.relativize(d.files.get(0)), ((Number) r.values.get("bmdGPerCm2"))
				.doubleValue(), bmc, PHANTOM_MINERAL_MASS_G, ((Number) r.values.get(
					"areaCm2")).doubleValue(), ((Number) r.values.get("tScore"))
						.doubleValue());
	}
}
