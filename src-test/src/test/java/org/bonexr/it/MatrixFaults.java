package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.attenuation.ConvertToAttenuationCommand;
import org.bonexr.drr.GenerateDrrCommand;
import org.bonexr.it.MatrixInputs.Flavour;
import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.ComputeBackendService;
import org.bonexr.model.ModelService;
import org.bonexr.separation.SegmentJointBonesCommand;
import org.bonexr.separation.SeparateBoneLayersCommand;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;

/**
 * The fault rows of the reliability matrix: no OpenCL device, two commands
 * sharing one loaded model from parallel threads, a batch killed with
 * SIGKILL and resumed, a batch whose output folder cannot be written. Each
 * row has a cell per front door; a fault that cannot happen at a door says
 * why ("n/a").
 */
final class MatrixFaults {

	/** Largest difference of the attenuation (A) between OpenCL and Java. */
	static final double ATTENUATION_TOLERANCE = 1e-5;
	/** Largest difference of trilinear DRRs between backends, relative to the maximum (ComputeBackend). */
	static final double DRR_TOLERANCE = 1e-4;

	private final Context context;
	private final MatrixInputs inputs;
	private final Path dir;
	private final MatrixReport report;
	private final CompletableFuture<Map<String, String>> macros;
	private final String backendMacro;

	MatrixFaults(final Context context, final MatrixInputs inputs,
		final Path dir, final MatrixReport report,
		final CompletableFuture<Map<String, String>> macros,
		final String backendMacro)
	{
		this.context = context;
		this.inputs = inputs;
		this.dir = dir;
		this.report = report;
		this.macros = macros;
		this.backendMacro = backendMacro;
	}

	/** A cell: its text when it passes. */
	private interface Check {

		String run() throws Throwable;
	}

	List<DynamicNode> tests() {
		final List<DynamicNode> rows = new ArrayList<>();
		rows.add(row("no OpenCL device (backend 'cpu' or none) → Java, one log line",
			"Convert to Attenuation, Generate DRR (trilinear)", this::noOpenClInProcess,
			this::noOpenClMacro, this::noOpenClCli));
		rows.add(row("the OpenCL device runs out of memory → smaller blocks, else Java",
			"attenuation transform, trilinear DRR (backend)", this::outOfMemory, na(
				"plain ImageJ has no CLIJ2: no OpenCL device to run out of"), na(
					"the command line ships no CLIJ2: no OpenCL device to run out of")));
		rows.add(row("the OpenCL device cannot build a kernel → Java, one warning",
			"normalisation, tile blending, attenuation, trilinear DRR (backend)",
			this::kernelBuildFailure, na(
				"plain ImageJ has no CLIJ2: no OpenCL compiler to fail"), na(
					"the command line ships no CLIJ2: no OpenCL compiler to fail")));
		rows.add(row("two commands share one loaded model from parallel threads",
			"Separate Bone Layers + Segment Joint Bones", this::parallelInProcess,
			na("an ImageJ macro runs one function at a time"), this::parallelCli));
		rows.add(row("a bad image inside a batch", "Convert to Attenuation (batch)",
			na("batch is a command-line feature"), na(
				"batch is a command-line feature"), () -> {
					final BatchCliTest t = new BatchCliTest();
					t.dir = Files.createDirectories(dir.resolve("faults/bad-image"));
					t.badImageIsRecordedAndTheRestCompletesAlsoWithThreads();
					return "an RGB image among 7: exit 3, the other 6 done, its row " +
						"'failed' with the message in results.csv and on stderr; same " +
						"with --threads 3 (BatchCliTest)";
				}));
		rows.add(row("batch killed with SIGKILL half-way, then resumed",
			"Convert to Attenuation (batch)", na("batch is a command-line feature"),
			na("batch is a command-line feature"), () -> {
				final BatchCliTest t = new BatchCliTest();
				t.dir = Files.createDirectories(dir.resolve("faults/sigkill"));
				t.batchKilledHalfWayResumesWithoutLosingOrRedoingImages();
				return "60 images; killed after ≥ 3 rows, a torn last line added; " +
					"--resume: each image once, earlier outputs not redone, CSV whole " +
					"(BatchCliTest)";
			}));
		rows.add(row("batch output folder not writable, or holding results",
			"Convert to Attenuation (batch)", na("batch is a command-line feature"),
			na("batch is a command-line feature"), () -> {
				final BatchCliTest t = new BatchCliTest();
				t.dir = Files.createDirectories(dir.resolve("faults/unwritable"));
				t.refusesExistingResultsAndUnwritableOutputBeforeAnyWork();
				return "exit 2 before any image: 'Cannot create output folder … " +
					"Choose a folder you can write to'; existing results.csv untouched " +
					"(BatchCliTest)";
			}));
		return rows;
	}

	private DynamicContainer row(final String fault, final String command,
		final Check inProcess, final Check macro, final Check cli)
	{
		final List<DynamicTest> doors = new ArrayList<>();
		final Check[] checks = { inProcess, macro, cli };
		final ReliabilityMatrixTest.Door[] all = ReliabilityMatrixTest.Door
			.values();
		for (int i = 0; i < all.length; i++) {
			final ReliabilityMatrixTest.Door d = all[i];
			final Check check = checks[i];
			doors.add(DynamicTest.dynamicTest(d.label, cell(fault, command, d,
				check)));
		}
		return DynamicContainer.dynamicContainer(fault, doors);
	}

	private Executable cell(final String fault, final String command,
		final ReliabilityMatrixTest.Door d, final Check check)
	{
		return () -> {
			if (check instanceof NotApplicable) {
				report.add(fault, command, d.label, "n/a", ((NotApplicable) check).why);
				return;
			}
			try {
				report.add(fault, command, d.label, "pass", check.run());
			}
			catch (final org.opentest4j.TestAbortedException e) {
				report.add(fault, command, d.label, "n/a", "cannot happen here: " + e
					.getMessage());
				throw e;
			}
			catch (final Throwable t) {
				report.add(fault, command, d.label, "FAIL", ReliabilityMatrixTest
					.oneLine(String.valueOf(t)));
				throw t;
			}
		};
	}

	private static final class NotApplicable implements Check {

		final String why;

		NotApplicable(final String why) {
			this.why = why;
		}

		@Override
		public String run() {
			return why;
		}
	}

	private static Check na(final String why) {
		return new NotApplicable(why);
	}

	// -- no OpenCL device --

	private String noOpenClInProcess() throws Exception {
		final ComputeBackendService compute = context.service(
			ComputeBackendService.class);
		final List<String> lines = new CopyOnWriteArrayList<>();
		final LogListener listener = m -> {
			if (m.text().contains("BoneXR compute backend")) lines.add(m.text());
		};
		context.service(LogService.class).addLogListener(listener);
		final String previous = compute.compute().requestedDevice();
		try {
			final List<String> devices = ComputeBackend.openClDeviceNames();
			compute.compute().selectDevice(ComputeBackend.CPU);
			final float[] java = attenuation();
			final float[] javaDrr = trilinearDrr();
			assertEquals(1, lines.size(), "one log line per choice: " + lines);
			assertTrue(lines.get(0).contains("Java"), lines.get(0));
			compute.compute().selectDevice("no-such-device");
			final float[] none = attenuation();
			assertEquals(2, lines.size(), "one log line per choice: " + lines);
			assertTrue(lines.get(1).contains("Java") && lines.get(1).contains(
				"no OpenCL device matches"), lines.get(1));
			assertArrayEquals(java, none);
			if (devices.isEmpty()) {
				return "Java: " + ReliabilityMatrixTest.oneLine(lines.get(1)) +
					" (no OpenCL device here: OpenCL not compared)";
			}
			compute.compute().selectDevice(devices.get(0));
			final float[] cl = attenuation();
			final float[] clDrr = trilinearDrr();
			assertEquals(3, lines.size(), "one log line per choice: " + lines);
			assertTrue(lines.get(2).contains("OpenCL"), lines.get(2));
			final double da = maxDifference(cl, java);
			final double dd = maxDifference(clDrr, javaDrr) / max(clDrr);
			assertTrue(da <= ATTENUATION_TOLERANCE, "attenuation differs by " + da);
			assertTrue(dd <= DRR_TOLERANCE, "DRR differs by " + dd + " of its max");
			return String.format(
				"one line per choice ('cpu', an unknown device, %s); Java vs OpenCL: " +
					"attenuation |ΔA| ≤ %.1e, trilinear DRR %.1e of max", devices.get(0),
				da, dd);
		}
		finally {
			compute.compute().selectDevice(previous);
			context.service(LogService.class).removeLogListener(listener);
		}
	}

	private float[] attenuation() throws Exception {
		final CommandModule m = context.service(CommandService.class).run(
			ConvertToAttenuationCommand.class, true, MatrixCommands.map("image", IJ
				.openImage(inputs.file(Flavour.KNEE, "32bit.tif").toString()), "i0",
				0.0, "normalise", false)).get();
		return (float[]) ((ImagePlus) m.getOutput("attenuation")).getProcessor()
			.getPixels();
	}

	private float[] trilinearDrr() throws Exception {
		final CommandModule m = context.service(CommandService.class).run(
			GenerateDrrCommand.class, true, MatrixCommands.map("ctImage", IJ
				.openImage(inputs.file(Flavour.CT, "32bit.tif").toString()), "geometry",
				"parallel beam", "parallelPixelMm", 1.0, "gantryAnglesDeg", "90",
				"algorithm", "trilinear ray marching")).get();
		return (float[]) ((ImagePlus) m.getOutput("drr")).getProcessor()
			.getPixels();
	}

	private String noOpenClMacro() throws Exception {
		final Map<String, String> out = macros.get();
		final String backend = out.get(backendMacro);
		assertTrue(backend != null && backend.contains("BACKEND Java"), backend);
		final long lines = out.values().stream().flatMap(t -> Arrays.stream(t
			.split("\n"))).filter(l -> l.contains("BoneXR compute backend")).count();
		assertEquals(1, lines, "one backend log line in the whole ImageJ session");
		return "plain ImageJ has no CLIJ2: Java, one log line for the session; " +
			"its results are the Convert to Attenuation cells above (A = 2.5)";
	}

	private String noOpenClCli() throws Exception {
		final Path work = Files.createDirectories(dir.resolve("faults/cli-backend"));
		final Cli.Run run = Cli.run(work, "run", "Convert to Attenuation",
			"image=" + inputs.file(Flavour.KNEE, "32bit.tif"), "--out", work.resolve(
				"out").toString());
		assertEquals(0, run.exitCode, run.toString());
		final List<String> lines = Arrays.stream((run.out + "\n" + run.err).split(
			"\n")).filter(l -> l.contains("BoneXR compute backend")).collect(
				Collectors.toList());
		assertEquals(1, lines.size(), run.toString());
		assertTrue(lines.get(0).contains("Java"), lines.get(0));
		final ImagePlus a = IJ.openImage(MatrixCommands.only(work.resolve("out"),
			"_attenuation.tif").toString());
		assertEquals(2.5, a.getProcessor().getf(60, 50), 1e-3);
		return ReliabilityMatrixTest.oneLine(lines.get(0)) + "; A = 2.5 at the " +
			"disc centre";
	}

	/**
	 * Runs clij-kernels' OpenClOutOfMemoryTest (a JVM whose PoCL device is
	 * limited to 1 GiB: a real device limit) through reflection: it is
	 * package-private there.
	 */
	private String outOfMemory() throws Throwable {
		runKernelsTest("OpenClOutOfMemoryTest",
			"retriesWithSmallerBlocksThenFallsBackToJava", "faults/opencl-oom");
		return "PoCL limited to 1 GiB (POCL_MEMORY_LIMIT=1): an 8200² attenuation " +
			"fails whole (CL_INVALID_BUFFER_SIZE), is retried in blocks of half " +
			"the rows on the device (one warning), equals Java within 1e-5; a 410³ " +
			"DRR volume that does not fit runs in Java (one warning), equal to it " +
			"(OpenClOutOfMemoryTest)";
	}

	private String kernelBuildFailure() throws Throwable {
		runKernelsTest("KernelBuildFailureTest",
			"everyOperationFallsBackToItsJavaTwinWithOneWarning",
			"faults/kernel-build");
		return "PoCL with a compiler option it rejects (POCL_EXTRA_BUILD_FLAGS): " +
			"every kernel build fails; each of the four operations, run first on " +
			"a fresh backend, gives exactly its Java twin's result with one " +
			"warning naming it and the fix (libjsig.so preload), and later " +
			"operations run in Java (KernelBuildFailureTest)";
	}

	/** Runs one test method of clij-kernels' tests (a probe JVM on PoCL) in dir/folder. */
	private void runKernelsTest(final String testClass, final String method,
		final String folder) throws Throwable
	{
		final Class<?> type = Class.forName("org.bonexr.kernels." + testClass);
		final java.lang.reflect.Constructor<?> make = type.getDeclaredConstructor();
		make.setAccessible(true);
		final java.lang.reflect.Method test = type.getDeclaredMethod(method,
			Path.class);
		test.setAccessible(true);
		try {
			test.invoke(make.newInstance(), Files.createDirectories(dir.resolve(
				folder)));
		}
		catch (final java.lang.reflect.InvocationTargetException e) {
			throw e.getCause();
		}
	}

	// -- one model, parallel threads --

	private String parallelInProcess() throws Exception {
		final CommandService commands = context.service(CommandService.class);
		final Path a = inputs.file(Flavour.JOINT, "16bit.tif");
		final Path b = inputs.file(Flavour.JOINT, "32bit.tif");
		final CommandModule layers = commands.run(SeparateBoneLayersCommand.class,
			true, separation(a)).get();
		final CommandModule masks = commands.run(SegmentJointBonesCommand.class,
			true, segmentation(b)).get();
		final List<Future<CommandModule>> parallel = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			parallel.add(commands.run(SeparateBoneLayersCommand.class, true,
				separation(a)));
			parallel.add(commands.run(SegmentJointBonesCommand.class, true,
				segmentation(b)));
		}
		for (int k = 0; k < parallel.size(); k += 2) {
			for (final String out : new String[] { "upper", "lower", "softTissue" })
				assertArrayEquals(pixels(layers, out), pixels(parallel.get(k).get(),
					out), out + " differs from the serial run");
			assertArrayEquals(pixels(masks, "boneMasks"), pixels(parallel.get(k + 1)
				.get(), "boneMasks"), "masks differ from the serial run");
		}
		final long loaded = context.service(ModelService.class).loaded().stream()
			.filter(p -> p.getFileName().toString().startsWith(
				"bonexr-separation-demo")).count();
		assertEquals(1, loaded, "the shipped model is loaded once");
		return "2 × (Separate Bone Layers ‖ Segment Joint Bones) on 4 threads, " +
			"one loaded model: layers and masks identical to the serial runs";
	}

	private static Map<String, Object> separation(final Path image) {
		return MatrixCommands.map("image", IJ.openImage(image.toString()),
			"model", null, "values", "auto (image property)", "project", true,
			"distribution", "proportional", "tile", 512);
	}

	private static Map<String, Object> segmentation(final Path image) {
		return MatrixCommands.map("image", IJ.openImage(image.toString()),
			"model", null, "values", "auto (image property)", "tile", 512);
	}

	/** The output image's pixels as floats. */
	private static float[] pixels(final CommandModule m, final String output) {
		final ImageProcessor ip = ((ImagePlus) m.getOutput(output)).getProcessor();
		final float[] v = new float[ip.getPixelCount()];
		for (int i = 0; i < v.length; i++) v[i] = ip.getf(i);
		return v;
	}

	private String parallelCli() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("faults/parallel/in"));
		for (final String v : new String[] { "8bit.tif", "16bit.tif",
			"32bit.tif" })
			Files.copy(inputs.file(Flavour.JOINT, v), in.resolve(v));
		final Path serial = dir.resolve("faults/parallel/serial");
		final Path threaded = dir.resolve("faults/parallel/threads");
		final Cli.Run one = Cli.run(in.getParent(), "batch", "Segment Joint Bones",
			"--in", in.toString(), "--out", serial.toString());
		assertEquals(0, one.exitCode, one.toString());
		final Cli.Run three = Cli.run(in.getParent(), "batch",
			"Segment Joint Bones", "--in", in.toString(), "--out", threaded
				.toString(), "--threads", "3");
		assertEquals(0, three.exitCode, three.toString());
		final List<String> names;
		try (Stream<Path> s = Files.list(serial)) {
			names = s.map(p -> p.getFileName().toString()).sorted().collect(
				Collectors.toList());
		}
		for (final String name : names) {
			if (name.endsWith(".tif")) assertArrayEquals((byte[]) IJ.openImage(serial
				.resolve(name).toString()).getProcessor().getPixels(), (byte[]) IJ
					.openImage(threaded.resolve(name).toString()).getProcessor()
					.getPixels(), name);
			else assertArrayEquals(Files.readAllBytes(serial.resolve(name)), Files
				.readAllBytes(threaded.resolve(name)), name);
		}
		return "batch Segment Joint Bones --threads 3 (one model in one JVM): " +
			names.size() + " output files identical to --threads 1";
	}

	private static double maxDifference(final float[] a, final float[] b) {
		assertEquals(a.length, b.length);
		double d = 0;
		for (int i = 0; i < a.length; i++)
			d = Math.max(d, Math.abs(a[i] - b[i]));
		return d;
	}

	private static double max(final float[] a) {
		double m = 0;
		for (final float v : a) m = Math.max(m, v);
		return m;
	}
}
