package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.SharedData;
import org.bonexr.kernels.ComputeBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * {@code Generate DRR from CT} through its front doors: the macro function
 * {@code Ext.generateDrrFromCt} in plain ImageJ 1, a {@code #@} Jython script
 * through ScriptService, and {@code bin/bonexr run}. Ground truth: mass
 * conservation of parallel projection, checked against the mineral mass
 * summed over the CT's voxels here (independently of the projectors): the
 * sample hip CT phantom with mg/cm³ = 0.8·HU − 32 (its calibration, soft
 * tissue and air at 0), and the femur labels of the real TotalSegmentator
 * CT (skipped where ../shared/data is absent).
 */
class DrrFrontDoorsTest {

	/** Mass conservation bound of the parallel-beam DRR (relative). */
	static final double MASS_TOLERANCE = 1e-3;
	static final String MINERAL = "bone mineral (g/cm2)";

	@TempDir
	static Path home;

	private static PlainImageJ imageJ;

	@BeforeAll
	static void installImageJ() throws IOException {
		imageJ = PlainImageJ.install(home);
	}

	/** The sample hip CT phantom. */
	static Path sampleCt() {
		return BuiltArtifacts.root().resolve("sample-images/hip-phantom-ct.tif");
	}

	/**
	 * Mineral mass (g) of a CT's voxels: Σ max(0, slope·HU + intercept) mg/cm³
	 * × voxel volume, over voxels whose label (if labels are given) is
	 * {@code label}.
	 */
	static double mineralMassG(final ImagePlus ct, final ImagePlus labels,
		final int label, final double slope, final double intercept)
	{
		final Calibration c = ct.getCalibration();
		final ImageStack s = ct.getStack();
		double sum = 0;
		for (int z = 1; z <= s.getSize(); z++) {
			final ij.process.ImageProcessor ip = s.getProcessor(z);
			for (int i = 0; i < ip.getPixelCount(); i++) {
				if (labels != null && Math.round(labels.getStack().getProcessor(z)
					.getf(i)) != label) continue;
				final double hu = ct.getBitDepth() == 32 ? ip.getf(i) : c.getCValue(ip
					.get(i));
				sum += Math.max(0, slope * hu + intercept);
			}
		}
		return sum * c.pixelWidth * c.pixelHeight * c.pixelDepth * 1e-6;
	}

	/** Σ slice values (g/cm²) × pixel area (cm²) of each slice: its mineral mass in g. */
	static double[] sliceMassesG(final ImagePlus drr) {
		final Calibration c = drr.getCalibration();
		final double[] m = new double[drr.getStackSize()];
		for (int z = 1; z <= m.length; z++) {
			double sum = 0;
			final float[] v = (float[]) drr.getStack().getProcessor(z).getPixels();
			for (final float f : v)
				sum += f;
			m[z - 1] = sum * c.pixelWidth * c.pixelHeight / 100;
		}
		return m;
	}

	@Test
	void macroMakesABatchOfAnglesThatConservesMass() throws Exception {
		final double truth = mineralMassG(IJ.openImage(sampleCt().toString()),
			null, 0, 0.8, -32);
		assertEquals(13.5891, truth, 0.001, "the phantom's stated voxel mass");
		final Path out = home.resolve("drr.tif");
		final PlainImageJ.Run run = imageJ.runMacro(macro("drr-from-ct.ijm"),
			sampleCt() + "," + out);
		assertTrue(run.output.contains("done"), run.output);
		assertTrue(run.output.contains("unit=mm pixelWidth=0.5 slices=3"), run
			.output);
		assertTrue(run.output.contains("current=hip-phantom-ct-drr"), run.output);
		assertTrue(run.output.contains("ct still open: hip-phantom-ct.tif"), run
			.output);
		final Matcher m = Pattern.compile("mass(\\d)=([0-9.]+) label=gantry ([0-9.]+) deg")
			.matcher(run.output);
		final List<String> angles = new ArrayList<>();
		while (m.find()) {
			angles.add(m.group(3));
			assertEquals(truth, Double.parseDouble(m.group(2)), MASS_TOLERANCE *
				truth, m.group());
		}
		assertEquals(List.of("0.0", "45.0", "90.0"), angles, run.output);
		final ImagePlus saved = IJ.openImage(out.toString());
		assertEquals(3, saved.getStackSize());
		assertEquals(0.5, saved.getCalibration().pixelWidth, 1e-12);
	}

	@Test
	void macroErrorCarriesTheFix() throws Exception {
		final PlainImageJ.Run run = imageJ.runMacro(macro("drr-error.ijm"), "");
		assertTrue(run.output.contains("ninety"), run.output);
		assertTrue(run.output.contains("0,45,90"), run.output);
		assertFalse(run.output.contains("not reached"), run.output);
	}

	/**
	 * Through CommandService (as the front doors run it): a batch of three angles reports its
	 * progress per DRR through the StatusService, ending at 3 of 3.
	 */
	@Test
	void batchOfAnglesReportsProgress() throws Exception {
		try (Context context = new Context()) {
			final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
			final Object listener = new Object() {

				@org.scijava.event.EventHandler
				public void onStatus(final org.scijava.app.event.StatusEvent e) {
					events.add(e.getProgressValue() + "/" + e.getProgressMaximum() + " " +
						e.getStatusMessage());
				}
			};
			context.service(org.scijava.event.EventService.class).subscribe(
				listener);
			final java.util.Map<String, Object> in = new java.util.HashMap<>();
			in.put("ct", sampleCt().toFile());
			in.put("gantryAnglesDeg", "0,45,90");
			in.put("detectorPixels", 64);
			final org.scijava.command.CommandModule m = org.bonexr.core.CommandRuns
				.runOrThrow(context.service(org.scijava.command.CommandService.class),
					org.bonexr.drr.GenerateDrrCommand.class, in);
			assertEquals(3, ((ImagePlus) m.getOutput("drr")).getStackSize());
			// status events are delivered on SciJava's event queue
			for (int i = 0; i < 100 && !events.contains("3/3 DRRs done"); i++)
				Thread.sleep(50);
			assertTrue(events.containsAll(List.of("0/3 DRR at 0.0°",
				"1/3 DRR at 45.0°", "2/3 DRR at 90.0°", "3/3 DRRs done")), events
					.toString());
			assertTrue(listener != null);
		}
	}

	/**
	 * A Jython script runs the command on the real CT (AP cone, 128²) as a
	 * Fiji user with CLIJ2 would: trilinear ray marching runs on the OpenCL
	 * device where CLIJ2 finds one (the command's log line says so) and equals
	 * the Java twin (device {@code cpu}, same command) within 1e-4 of the
	 * image maximum, the backends' stated tolerance. Against the exact
	 * Siddon DRR the trilinear one differs by the two volume models (trilinear
	 * interpolant vs constant voxels, which disagree within a voxel of every
	 * edge; 3 mm slices here): NRMS ≤ 2e-2 (1.0e-2 measured).
	 */
	@Test
	void jythonScriptProjectsTheRealCtOnTheComputeBackend() throws Exception {
		final Path ct = SharedData.file("ct-totalsegmentator/example_ct.nii.gz");
		final String script = String.join("\n", //
			"#@ java.io.File ct", //
			"#@ org.scijava.command.CommandService commands", //
			"#@ org.bonexr.kernels.ComputeBackendService compute", //
			"#@output ij.ImagePlus exact", //
			"#@output ij.ImagePlus trilinear", //
			"#@output ij.ImagePlus twin", //
			"from java.util import HashMap", //
			"from org.bonexr.core import CommandRuns", //
			"from org.bonexr.drr import GenerateDrrCommand", //
			"def drr(algorithm):", //
			"    p = HashMap()", //
			"    p.put('ct', ct)", //
			"    p.put('gantryAnglesDeg', '90')", //
			"    p.put('detectorPixels', 128)", //
			"    p.put('algorithm', algorithm)", //
			"    p.put('stepMm', 0.5)", //
			"    return CommandRuns.runOrThrow(commands, GenerateDrrCommand, p).getOutput('drr')", //
			"exact = drr('exact (Siddon-Jacobs)')", //
			"trilinear = drr('trilinear ray marching')", //
			"compute.selectDevice('cpu')", //
			"twin = drr('trilinear ray marching')", "");
		try (Context context = new Context()) {
			final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
			context.service(org.scijava.log.LogService.class).addLogListener(
				message -> log.add(message.text()));
			final ScriptModule m = context.service(ScriptService.class).run("drr.py",
				script, true, "ct", ct.toFile()).get();
			final float[] exact = pixels(m, "exact"), tri = pixels(m, "trilinear"),
					twin = pixels(m, "twin");
			assertEquals(128 * 128, exact.length);
			double max = 0, min = Double.MAX_VALUE, sq = 0, twinDiff = 0;
			for (int i = 0; i < exact.length; i++) {
				max = Math.max(max, exact[i]);
				min = Math.min(min, exact[i]);
				sq += (tri[i] - exact[i]) * (double) (tri[i] - exact[i]);
				twinDiff = Math.max(twinDiff, Math.abs(tri[i] - twin[i]));
			}
			final double nrms = Math.sqrt(sq / exact.length) / (max - min);
			System.out.println("real CT AP cone 128²: max ∫μ dl " + max +
				", trilinear vs exact NRMS " + nrms + ", max |backend − Java twin| " +
				twinDiff + "; log " + log);
			// through a body, the line integral reaches several units of attenuation
			assertTrue(max > 2 && max < 20, "max ∫μ dl " + max);
			assertTrue(nrms <= 2e-2, "NRMS " + nrms);
			assertTrue(twinDiff <= 1e-4 * max, "backend vs Java twin " + twinDiff);
			assertTrue(log.stream().anyMatch(l -> l.contains(
				"trilinear ray marching, step 0.5 mm, Java")), log.toString());
			if (!ComputeBackend.openClDeviceNames().isEmpty()) {
				assertTrue(log.stream().anyMatch(l -> l.contains(
					"trilinear ray marching, step 0.5 mm, OpenCL: ")), log.toString());
			}
		}
	}

	private static float[] pixels(final ScriptModule m, final String output) {
		return (float[]) ((ImagePlus) m.getOutput(output)).getProcessor()
			.getPixels();
	}

	/**
	 * {@code bin/bonexr run}: a batch of two parallel bone-mineral DRRs of the
	 * sample phantom as one calibrated stack, mass conserved in each.
	 */
	@Test
	void cliWritesTheStackOfAnglesWithProgress() throws Exception {
		final double truth = mineralMassG(IJ.openImage(sampleCt().toString()),
			null, 0, 0.8, -32);
		final Path out = home.resolve("cli-phantom");
		final Cli.Run run = Cli.run(home, "run", "Generate DRR from CT", "ct=" +
			sampleCt(), "gantryAnglesDeg=0,90", "geometry=parallel beam",
			"parallelPixelMm=0.5", "quantity=" + MINERAL, "boneThresholdHu=-2000",
			"interceptMgPerCm3=-32", "--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		final Path tif;
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			tif = s.filter(p -> p.toString().endsWith(".tif")).findFirst()
				.orElseThrow();
		}
		assertEquals("hip-phantom-ct_drr.tif", tif.getFileName().toString(),
			"outputs are named after the CT file");
		final ImagePlus drr = IJ.openImage(tif.toString());
		assertEquals(2, drr.getStackSize());
		assertEquals("mm", drr.getCalibration().getUnit());
		assertEquals(0.5, drr.getCalibration().pixelWidth, 1e-12);
		for (final double mass : sliceMassesG(drr))
			assertEquals(truth, mass, MASS_TOLERANCE * truth);
	}

	/**
	 * {@code bin/bonexr run} on the real CT (NIfTI) and its TotalSegmentator
	 * labels: the bone-only mineral DRR of the left femur (label 75, mg/cm³ =
	 * 0.8·HU) holds the femur's voxel mineral mass.
	 */
	@Test
	void cliProjectsARealFemurFromItsLabels() throws Exception {
		final Path ct = SharedData.file("ct-totalsegmentator/example_ct.nii.gz");
		final Path seg = SharedData.file(
			"ct-totalsegmentator/example_seg_fast_force_split.nii.gz");
		final Path out = home.resolve("cli-femur");
		final Cli.Run run = Cli.run(home, "run", "Generate DRR from CT", "ct=" + ct,
			"mask=" + seg, "labels=75", "gantryAnglesDeg=90",
			"geometry=parallel beam", "parallelPixelMm=0.5", "quantity=" + MINERAL,
			"--out", out.toString());
		assertEquals(0, run.exitCode, run.toString());
		final ImagePlus drr;
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			drr = IJ.openImage(s.filter(p -> p.toString().endsWith(".tif"))
				.findFirst().orElseThrow().toString());
		}
		final double truth = femurMassG(ct, seg);
		final double mass = sliceMassesG(drr)[0];
		System.out.println("left femur mineral: DRR " + mass + " g, voxels " +
			truth + " g");
		assertTrue(truth > 10, "a femur holds grams of mineral: " + truth);
		assertEquals(truth, mass, MASS_TOLERANCE * truth);
	}

	/** Voxel mineral mass of label 75 at 0.8 mg/cm³ per HU, read by BoneXR's NIfTI reader. */
	private static double femurMassG(final Path ct, final Path seg) {
		final org.bonexr.ct.CtVolume v = org.bonexr.ct.CtFiles.read(ct.toFile());
		final org.bonexr.ct.CtVolume l = org.bonexr.ct.CtFiles.read(seg.toFile());
		final net.imglib2.Cursor<net.imglib2.type.numeric.real.FloatType> a =
			net.imglib2.view.Views.flatIterable(v.voxels()).localizingCursor();
		final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> b =
			l.voxels().randomAccess();
		double sum = 0;
		while (a.hasNext()) {
			a.fwd();
			b.setPosition(a);
			if (Math.round(b.get().get()) == 75) sum += Math.max(0, 0.8 * a.get()
				.get());
		}
		final double[] s = v.spacingMm();
		return sum * s[0] * s[1] * s[2] * 1e-6;
	}

	static Path macro(final String name) throws IOException {
		return macro(home, name);
	}

	/** The macro resource copied into {@code dir}. */
	static Path macro(final Path dir, final String name) throws IOException {
		final Path target = dir.resolve(name);
		if (!Files.exists(target)) {
			try (InputStream in = DrrFrontDoorsTest.class.getResourceAsStream(
				"/macros/" + name))
			{
				Files.copy(in, target);
			}
		}
		return target;
	}
}
