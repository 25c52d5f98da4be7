package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.SharedData;
import org.bonexr.core.io.RadiographReader;
import org.bonexr.it.MatrixCommands.Cell;
import org.bonexr.it.MatrixInputs.Flavour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Issue 9's matrix: every user-facing command through its three front doors
 * (SciJava CommandService in-process, the {@code Ext.} macro function in a
 * plain ImageJ 1, {@code bin/bonexr run}) against each bad input, and the
 * inputs that must work. Each refused cell asserts that the message names
 * the problem and the fix (in-process: {@link BoneXRException#problem()} and
 * {@link BoneXRException#fix()}; macro: the abort message; command line: exit
 * code 2 and standard error); every cell asserts that its input files are
 * byte for byte unchanged (in-process also the input ImagePlus pixels) and
 * that no partial output is left. Cells that do not apply say why ("n/a").
 * The table goes to {@code target/reliability-matrix.md}
 * ({@link MatrixReport}) and is printed at the end.
 */
class ReliabilityMatrixTest {

	enum Door {
		COMMAND_SERVICE("CommandService"), MACRO("Ext. macro"), CLI("bonexr CLI");

		final String label;

		Door(final String label) {
			this.label = label;
		}
	}

	/** What one cell should do: work (sane result), be refused (words), or not apply. */
	static final class Plan {

		final Cell cell;
		final String[] problem;
		final String[] fix;
		final String notApplicable;
		/** Either works, or is refused with this problem and fix. */
		boolean orRefused;

		private Plan(final Cell cell, final String[] problem, final String[] fix,
			final String notApplicable)
		{
			this.cell = cell;
			this.problem = problem;
			this.fix = fix;
			this.notApplicable = notApplicable;
		}

		boolean works() {
			return notApplicable == null && (problem == null || orRefused);
		}
	}

	/** What a door reported. */
	static final class Observed {

		boolean done;
		String problem = "", fix = "", message = "";
		Map<String, Double> numbers = new LinkedHashMap<>();
		Integer exitCode;
		/** Pixels of in-process input images changed, or null. */
		String pixelsChanged;
		/** An unexpected failure of the door (not a BoneXR message), or null. */
		Throwable crash;
	}

	/** Id of the macro that reports the backend of plain ImageJ. */
	static final String NO_OPENCL_MACRO = "fault|no-opencl";

	@TempDir
	static Path dir;

	private static final MatrixReport REPORT = new MatrixReport(Arrays.stream(
		Door.values()).map(d -> d.label).collect(Collectors.toList()));

	private MatrixInputs inputs;
	private Context context;

	/** Wall time spent in each door, ms, and the number of runs. */
	private static final Map<Door, long[]> TIME = new java.util.concurrent.ConcurrentHashMap<>();

	private static void timed(final Door d, final long startNanos) {
		final long[] t = TIME.computeIfAbsent(d, k -> new long[2]);
		synchronized (t) {
			t[0] += (System.nanoTime() - startNanos) / 1_000_000;
			t[1]++;
		}
	}

	@AfterAll
	static void writeReport() throws IOException {
		REPORT.note("Time in each door (wall, summed over its runs; the doors " +
			"run concurrently): " + Arrays.stream(Door.values()).filter(
				TIME::containsKey).map(d -> String.format(Locale.ROOT,
					"%s %.0f s in %d run(s)", d.label, TIME.get(d)[0] / 1000.0, TIME.get(
						d)[1])).collect(Collectors.joining("; ")) + ".");
		REPORT.write();
	}

	@TestFactory
	Stream<DynamicNode> matrix() throws Exception {
		REPORT.hide(dir.toString());
		REPORT.hide(System.getProperty("java.io.tmpdir") + "/bonexr-models");
		inputs = new MatrixInputs(dir.resolve("inputs"));
		Files.write(inputs.regularFile(), new byte[] { 1 });
		inputs.writeModels("separation", org.bonexr.separation.ShippedModel
			.path());
		inputs.writeModels("hip", org.bonexr.bmd.radiograph.ShippedModel.path());
		context = new Context();
		final List<Row> rows = rows();
		final Map<String, Plan> plans = new LinkedHashMap<>();
		for (final Row r : rows)
			for (final MatrixCommands c : MatrixCommands.all())
				for (final Door d : Door.values())
					plans.put(key(r, c, d), r.plan.apply(c, d));

		final CompletableFuture<Map<String, String>> macros = startMacros(rows,
			plans);
		final ExecutorService cliPool = Executors.newFixedThreadPool(3);
		final Map<String, CompletableFuture<Observed>> cli = new LinkedHashMap<>();
		for (final Row r : rows)
			for (final MatrixCommands c : MatrixCommands.all()) {
				final Plan p = plans.get(key(r, c, Door.CLI));
				if (p.notApplicable == null) cli.put(key(r, c, Door.CLI),
					CompletableFuture.supplyAsync(() -> cli(c, p), cliPool));
			}
		cliPool.shutdown();

		final List<DynamicNode> nodes = new ArrayList<>();
		for (final Row r : rows) {
			final List<DynamicNode> perCommand = new ArrayList<>();
			for (final MatrixCommands c : MatrixCommands.all()) {
				final List<DynamicTest> doors = new ArrayList<>();
				for (final Door d : Door.values()) {
					final String k = key(r, c, d);
					final Plan p = plans.get(k);
					doors.add(DynamicTest.dynamicTest(d.label, () -> {
						if (p.notApplicable != null) {
							REPORT.add(r.label, c.name, d.label, "n/a", p
								.notApplicable);
							return;
						}
						Observed o;
						try {
							switch (d) {
								case COMMAND_SERVICE:
									o = inProcess(c, p);
									break;
								case MACRO:
									o = macro(macros.get().get(k), p);
									break;
								default:
									o = cli.get(k).get();
							}
						}
						catch (final Throwable t) {
							o = new Observed();
							o.crash = t instanceof java.util.concurrent.ExecutionException ? t
								.getCause() : t;
						}
						judge(r, c, d, p, o);
					}));
				}
				perCommand.add(DynamicContainer.dynamicContainer(c.name, doors));
			}
			nodes.add(DynamicContainer.dynamicContainer(r.label, perCommand));
		}
		nodes.addAll(new MatrixFaults(context, inputs, dir, REPORT, macros,
			NO_OPENCL_MACRO).tests());
		nodes.add(DynamicTest.dynamicTest("close", () -> context.dispose()));
		return nodes.stream();
	}

	// -- rows --

	/** One bad (or must-work) input: a plan for each command and door. */
	static final class Row {

		final String id;
		final String label;
		final BiFunction<MatrixCommands, Door, Plan> plan;

		Row(final String id, final String label,
			final BiFunction<MatrixCommands, Door, Plan> plan)
		{
			this.id = id;
			this.label = label;
			this.plan = plan;
		}
	}

	private List<Row> rows() throws IOException {
		final List<Row> rows = new ArrayList<>();
		rows.add(new Row("rgb", "RGB image", (c, d) -> c.flavour == Flavour.CT
			? refused(cell(c, d, "rgb", "rgb.tif"), words("RGB"), words(
				"8-, 16- or 32-bit")) : refused(cell(c, d, "rgb", "rgb.tif"), words(
					"colour"), words("Image>Type>32-bit"))));
		for (final int bits : new int[] { 8, 16, 32 })
			rows.add(new Row(bits + "bit", bits + "-bit image", (c, d) -> works(cell(
				c, d, bits + "bit", bits + "bit.tif"))));
		rows.add(new Row("mono1", "MONOCHROME1 DICOM (16-bit, with spacing)", (c,
			d) -> c.flavour == Flavour.CT ? notCt() : works(cell(c, d, "mono1",
				"mono1.dcm"))));
		final Path rg3 = sharedDicom("RG3_UNC.dcm");
		rows.add(new Row("mono1-real", "MONOCHROME1 DICOM, real (NEMA RG3_UNC, 1760², no spacing)",
			(c, d) -> c.flavour != Flavour.KNEE ? na(
				"the real file is a 1760² ankle CR: Convert to Attenuation only; the other commands get MONOCHROME1 in the row above")
				: rg3 == null ? na("shared data absent") : works(realMonochrome1(c, d,
					rg3))));
		rows.add(new Row("no-spacing", "DICOM without pixel spacing", (c, d) -> {
			if (c.flavour == Flavour.CT) return notCt();
			final Cell g = pixelsOnly(cell(c, d, "no-spacing", "no-spacing.dcm"));
			final Cell cell = g.visit2 == null ? g : new Cell(g.image, null, g.out,
				null, inputs.file(Flavour.JOINT, "visit2-no-spacing.dcm"), null, true);
			return c.flavour == Flavour.HIP ? refused(cell, words("no pixel size"),
				words("Image>Properties")) : works(cell);
		}));
		final Path jpll = sharedDicom("RG2_JPLL.dcm");
		rows.add(new Row("jpeg-lossless",
			"JPEG lossless DICOM (real, NEMA RG2_JPLL)", (c, d) -> c.flavour ==
				Flavour.CT ? notCt() : jpll == null ? na("shared data absent")
					: refused(cell(c, d, "jpeg-lossless", null), words("JPEG Lossless"),
						words("Bio-Formats", "dcmdjpeg"))));
		rows.add(new Row("jpeg2000",
			"JPEG 2000 DICOM (synthetic header: none in shared data)", (c,
				d) -> c.flavour == Flavour.CT ? notCt() : refused(cell(c, d,
					"jpeg2000", "jpeg2000.dcm"), words("JPEG 2000"), words(
						"Bio-Formats"))));
		rows.add(new Row("nan", "NaN/Inf pixels", (c, d) -> refused(cell(c, d,
			"nan", "nan.tif"), words("NaN or infinite"), words("Remove NaNs"))));
		rows.add(new Row("1x1", "1×1 image", (c, d) -> c.flavour == Flavour.CT
			? refused(cell(c, d, "1x1", "1x1.tif"), words("single 2D image"), words(
				"whole CT series")) : refused(cell(c, d, "1x1", "1x1.tif"), words(
					"only 1 pixel"), words("whole radiograph"))));
		rows.add(new Row("stack", "stack where one image is expected", (c,
			d) -> c.flavour == Flavour.CT ? na("a CT is a stack") : refused(cell(c,
				d, "stack", "stack.tif"), words("stack of 3"), words(
					"Image>Duplicate"))));
		rows.add(new Row("2d", "2D image where a CT volume is expected", (c,
			d) -> c.flavour != Flavour.CT ? na("takes a 2D radiograph") : refused(
				cell(c, d, "2d", "2d.tif"), words("single 2D image"), words(
					"whole CT series"))));
		rows.add(new Row("roi", "ROI outside the image", this::roiOutside));
		for (final String[] m : new String[][] { { "truncated",
			"truncated model zip", "neither a folder nor a readable zip",
			"model folder or its .zip" }, { "sha-mismatch",
				"model weights ≠ sha256 in rdf.yaml", "does not match its sha256",
				"Get the model again" }, { "zip-slip", "model zip with a ../ entry",
					"outside the model's folder", "trusted source" }, { "two-channels",
						"model axes do not fit (2 input channels)", "2 channel(s)",
						"Choose a BoneXR" } })
		{
			rows.add(new Row("model-" + m[0], m[1], (c, d) -> !c.hasModel ? na(
				"uses no model") : refused(withModel(cell(c, d, "model-" + m[0],
					"16bit.tif"), inputs.model((c.flavour == Flavour.HIP ? "hip"
						: "separation") + "-" + m[0] + ".zip")), words(m[2]), words(
							m[3]))));
		}
		rows.add(new Row("huge", String.format(Locale.ROOT,
			"10000×10000 image (macro, CLI: 2 GB heap; in-process: %.1f GB)", Runtime
				.getRuntime().maxMemory() / (double) (1 << 30)),
			this::huge));
		rows.add(new Row("unwritable", "output folder not writable", (c, d) -> {
			final boolean writesFiles = c.name.startsWith("Calibrate") || c.name
				.startsWith("Estimate") && d == Door.COMMAND_SERVICE;
			if (d == Door.COMMAND_SERVICE && !writesFiles) return na(
				"returns images and tables, writes no file");
			if (d == Door.MACRO && !c.name.startsWith("Calibrate")) return na(
				"the Ext. function writes no file");
			final Cell good = cell(c, d, "unwritable", c.flavour == Flavour.CT
				? "16bit.tif" : "16bit.tif");
			return refused(new Cell(good.image, good.model, inputs.regularFile()
				.resolve("out"), good.csv, good.visit2, good.roiFile, false), words(
					"Cannot create output folder"), words("Choose a folder you can write to"));
		}));
		return rows;
	}

	/**
	 * Completes with the small image's result, or is refused before any work
	 * with the memory it needs ({@code MemoryBudget}).
	 */
	private Plan huge(final MatrixCommands c, final Door d) {
		try {
			Class.forName("org.bonexr.core.MemoryBudget");
		}
		catch (final ClassNotFoundException e) {
			return na("pending: the early memory check (MemoryBudget) is not merged yet");
		}
		if (c.flavour == Flavour.CT) return na(
			"a CT is a volume; the 10⁸-pixel case is a radiograph");
		if (d == Door.COMMAND_SERVICE && c.hasModel && Runtime.getRuntime()
			.maxMemory() > 4e9) return na(String.format(Locale.ROOT,
				"this test JVM's heap (%.1f GB) is larger than a default one: the " +
					"network would run on 10⁸ pixels for minutes; the 2 GB macro and CLI " +
					"doors check the early refusal", Runtime.getRuntime().maxMemory() /
						1e9));
		final Flavour f = c.flavour == Flavour.KNEE ? Flavour.KNEE : c.hasModel &&
			c.flavour == Flavour.HIP ? Flavour.HIP : Flavour.JOINT;
		final Cell g = cell(c, d, "huge", "16bit.tif");
		try {
			final Path image = inputs.huge(f);
			final Plan p = refused(new Cell(image, null, g.out, g.csv == null ? null
				: inputs.calibrationCsv("huge.tif"), g.visit2 == null ? null : image,
				null, false), words("needs about", "GB of Java memory"), words(
					"Give ImageJ at least"));
			p.orRefused = true;
			return p;
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private Plan roiOutside(final MatrixCommands c, final Door d) {
		if (c.name.equals("Convert to Attenuation")) return na(
			"converts the whole image; ROIs are not used");
		if (c.name.equals("Generate DRR from CT") || c.name.startsWith(
			"Calibrate")) return na("takes no ROI");
		if (c.flavour == Flavour.CT) {
			final Cell g = cell(c, d, "roi", "16bit.tif");
			return refused(new Cell(g.image, null, g.out, null, null, inputs.file(
				Flavour.CT, "roi-outside.roi"), false), words("ROI",
					"lies outside the DRR"), words("Draw the ROI on a DRR"));
		}
		if (c.name.startsWith("Separate") || c.name.startsWith("Segment")) {
			return refused(cell(c, d, "roi", "roi-outside.tif"), words("ROI",
				"0 x 0"), words("Draw the ROI"));
		}
		return refused(cell(c, d, "roi", "roi-outside.tif"), words("region",
			"lies outside"), words("inside the image"));
	}

	private Cell cell(final MatrixCommands c, final Door d, final String row,
		final String variant)
	{
		final Path out = dir.resolve("cells").resolve(d.name().toLowerCase())
			.resolve(row).resolve(c.getClass().getSimpleName()).resolve("out");
		try {
			final Path image = variant == null ? inputs.jpegLossless() : inputs.file(
				c.flavour, variant);
			final Path csv = c.name.startsWith("Calibrate") ? inputs.calibrationCsv(
				variant == null ? "jpeg-lossless.dcm" : variant) : null;
			final Path visit2 = c.name.startsWith("Compare") ? inputs.file(
				Flavour.JOINT, "visit2.tif") : null;
			return new Cell(image, null, out, csv, visit2, null, false);
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Cell withModel(final Cell c, final Path model) {
		return new Cell(c.image, model, c.out, c.csv, c.visit2, c.roiFile,
			c.pixelsOnly);
	}

	private static Cell pixelsOnly(final Cell c) {
		return new Cell(c.image, c.model, c.out, c.csv, c.visit2, c.roiFile, true);
	}

	/** RG3_UNC through Convert to Attenuation; the reference is BoneXR's own DICOM reading. */
	private Cell realMonochrome1(final MatrixCommands c, final Door d,
		final Path rg3)
	{
		final Cell g = cell(c, d, "mono1-real", "16bit.tif");
		final Cell real = new Cell(inputs.track(rg3), null, g.out, null, null, null,
			true);
		try {
			final CommandModule m = context.service(CommandService.class).run(c.type,
				true, c.inputs(real, RadiographReader::readImagePlus)).get();
			real.expected = c.numbers(m);
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
		return real;
	}

	private static Path sharedDicom(final String name) {
		try {
			return SharedData.file("dicom-nema/" + name);
		}
		catch (final TestAbortedException e) {
			return null;
		}
	}

	private static Plan works(final Cell c) {
		return new Plan(c, null, null, null);
	}

	private static Plan refused(final Cell c, final String[] problem,
		final String[] fix)
	{
		return new Plan(c, problem, fix, null);
	}

	private static Plan na(final String why) {
		return new Plan(null, null, null, why);
	}

	private static Plan notCt() {
		return na("radiograph file; the CT commands read volumes");
	}

	private static String[] words(final String... w) {
		return w;
	}

	private static String key(final Row r, final MatrixCommands c,
		final Door d)
	{
		return r.id + "|" + c.getClass().getSimpleName() + "|" + d.name();
	}

	// -- doors --

	private Observed inProcess(final MatrixCommands c, final Plan p)
		throws Exception
	{
		final long t0 = System.nanoTime();
		try {
			return inProcessRun(c, p);
		}
		finally {
			timed(Door.COMMAND_SERVICE, t0);
		}
	}

	private Observed inProcessRun(final MatrixCommands c, final Plan p)
		throws Exception
	{
		final Observed o = new Observed();
		final Map<ImagePlus, String> opened = new LinkedHashMap<>();
		final Map<String, Object> in;
		try {
			in = c.inputs(p.cell, file -> {
				final ImagePlus imp = open(file);
				opened.put(imp, pixelHash(imp));
				return imp;
			});
		}
		catch (final BoneXRException e) {
			// the file does not open: ImageJ's opener gave up, BoneXR's reader said why
			o.problem = e.problem();
			o.fix = e.fix();
			o.message = e.getMessage();
			return o;
		}
		final CommandModule m = context.service(CommandService.class).run(c.type,
			true, in).get();
		for (final Map.Entry<ImagePlus, String> e : opened.entrySet())
			if (!pixelHash(e.getKey()).equals(e.getValue())) o.pixelsChanged = e
				.getKey().getTitle();
		if (m.isCanceled()) {
			final BoneXRException e = ((BoneXRCommand) m.getCommand()).failure();
			if (e == null) throw new AssertionError("cancelled without a BoneXR " +
				"message: " + m.getCancelReason());
			o.problem = e.problem();
			o.fix = e.fix();
			o.message = e.getMessage();
			return o;
		}
		o.done = true;
		o.numbers = c.numbers(m);
		return o;
	}

	/**
	 * Opens a file as Fiji's File&gt;Open does in ImageJ 1 (ImageJ's own
	 * readers); a DICOM ImageJ cannot decode through BoneXR's reader, as a
	 * script would, which says why.
	 */
	private static ImagePlus open(final Path file) {
		final ImagePlus imp = IJ.openImage(file.toString());
		if (imp != null) return imp;
		return RadiographReader.readImagePlus(file);
	}

	private Observed macro(final String output, final Plan p) {
		final Observed o = new Observed();
		if (output == null) throw new AssertionError("the macro did not run");
		o.done = output.contains("@@@DONE");
		o.numbers = MatrixCommands.keyValues(output);
		o.message = Arrays.stream(output.split("\n")).filter(l -> l.startsWith(
			"BoneXR: ")).collect(Collectors.joining("\n"));
		if (!o.done && o.message.isEmpty()) o.message = output.length() > 1500
			? output.substring(0, 1500) : output;
		o.problem = o.message;
		o.fix = o.message;
		return o;
	}

	private CompletableFuture<Map<String, String>> startMacros(
		final List<Row> rows, final Map<String, Plan> plans) throws IOException
	{
		final Path home = Files.createDirectories(dir.resolve("imagej"));
		final PlainImageJ imageJ = PlainImageJ.install(home);
		final Map<String, Path> macros = new LinkedHashMap<>();
		for (final Row r : rows)
			for (final MatrixCommands c : MatrixCommands.all()) {
				final String k = key(r, c, Door.MACRO);
				final Plan p = plans.get(k);
				if (p.notApplicable != null) continue;
				final Path file = home.resolve("m" + macros.size() + ".ijm");
				Files.write(file, ("setBatchMode(true);\nrun(\"BoneXR Macro Extensions\");\n" +
					c.macro(p.cell) + "print(\"@@@DONE\");\n").getBytes(
						java.nio.charset.StandardCharsets.UTF_8));
				macros.put(k, file);
			}
		final Path backend = home.resolve("backend.ijm");
		Files.write(backend, ("run(\"BoneXR Macro Extensions\");\n" +
			"Ext.getBackend(b);\nprint(\"BACKEND \" + b);\n").getBytes(
				java.nio.charset.StandardCharsets.UTF_8));
		macros.put(NO_OPENCL_MACRO, backend);
		return CompletableFuture.supplyAsync(() -> {
			final long t0 = System.nanoTime();
			try {
				return imageJ.runMacros(macros);
			}
			catch (final IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
			finally {
				timed(Door.MACRO, t0);
			}
		});
	}

	private static Observed cli(final MatrixCommands c, final Plan p) {
		try {
			final Path work = Files.createDirectories(dir.resolve("cli-work"));
			final List<String> args = new ArrayList<>(List.of("run", c.name));
			args.addAll(c.cli(p.cell));
			args.addAll(List.of("--out", p.cell.out.toString()));
			final long t0 = System.nanoTime();
			final Cli.Run run = Cli.run(work, args.toArray(new String[0]));
			timed(Door.CLI, t0);
			final Observed o = new Observed();
			o.exitCode = run.exitCode;
			o.done = run.exitCode == 0;
			o.message = Arrays.stream(run.err.split("\n")).filter(l -> l
				.startsWith("bonexr: ")).collect(Collectors.joining(" "));
			o.problem = o.message;
			o.fix = o.message;
			if (o.done) o.numbers = c.cliNumbers(run.out, p.cell.out);
			else if (run.exitCode != 2) o.message = run.toString();
			return o;
		}
		catch (final IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	// -- judging --

	private void judge(final Row r, final MatrixCommands c, final Door d,
		final Plan p, final Observed o) throws Exception
	{
		final List<String> wrong = new ArrayList<>();
		String summary;
		if (o.crash != null) {
			summary = "";
			wrong.add("unexpected failure: " + o.crash);
		}
		else if (p.works() && (o.done || !p.orRefused)) {
			summary = "works";
			if (!o.done) wrong.add("refused: " + o.message);
			else {
				try {
					summary = c.sane(o.numbers, p.cell);
				}
				catch (final AssertionError | RuntimeException e) {
					wrong.add("result not sane: " + e.getMessage() + " " + o.numbers);
				}
			}
			partialFiles(p.cell.out, false).forEach(f -> wrong.add(
				"partial output " + f));
		}
		else {
			summary = oneLine(o.message);
			if (o.done) wrong.add("not refused (result " + o.numbers + ")");
			if (o.exitCode != null && o.exitCode != 2) wrong.add("exit code " +
				o.exitCode + " instead of 2");
			// words must come from the message, not from the input's file name
			final String problem = withoutFileNames(o.problem, p.cell);
			final String fix = withoutFileNames(o.fix, p.cell);
			for (final String w : p.problem)
				if (!contains(problem, w)) wrong.add("problem lacks '" + w + "'");
			for (final String w : p.fix)
				if (!contains(fix, w)) wrong.add("fix lacks '" + w + "'");
			if (o.fix.isEmpty()) wrong.add("no fix");
			partialFiles(p.cell.out, true).forEach(f -> wrong.add("output left " +
				f));
		}
		for (final Path f : p.cell.files())
			if (!inputs.unchanged(f)) wrong.add("input file changed: " + f
				.getFileName());
		if (o.pixelsChanged != null) wrong.add("input image pixels changed: " +
			o.pixelsChanged);
		if (r.id.equals("model-zip-slip") && Files.exists(Paths.get(System
			.getProperty("java.io.tmpdir"), MatrixInputs.ESCAPED))) wrong.add(
				"the ../ entry was written outside the model folder");
		REPORT.add(r.label, c.name, d.label, wrong.isEmpty() ? "pass"
			: "FAIL", wrong.isEmpty() ? summary : String.join("; ", wrong) +
				" — " + summary);
		assertTrue(wrong.isEmpty(), String.join("\n", wrong) + "\n" + o.message);
	}

	/** Files left in the output folder: any (refused) or partial/hidden ones (worked). */
	private static List<Path> partialFiles(final Path out, final boolean any)
		throws IOException
	{
		if (!Files.isDirectory(out)) return List.of();
		try (Stream<Path> s = Files.walk(out)) {
			return s.filter(Files::isRegularFile).filter(f -> any || f.getFileName()
				.toString().startsWith(".")).collect(Collectors.toList());
		}
	}

	private static String withoutFileNames(final String text, final Cell c) {
		String t = text;
		for (final Path f : c.files())
			t = t.replace(f.toString(), "").replace(f.getFileName().toString(), "");
		return t;
	}

	private static boolean contains(final String text, final String word) {
		return text.toLowerCase(Locale.ROOT).contains(word.toLowerCase(
			Locale.ROOT));
	}

	static String oneLine(final String s) {
		final String t = s.replace("bonexr: ", "").replace("BoneXR: ", "")
			.replaceAll("\\s+", " ").trim();
		return t.length() > 240 ? t.substring(0, 240) + "…" : t;
	}

	/** sha256 of every slice's pixels. */
	static String pixelHash(final ImagePlus imp) {
		try {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final ImageStack s = imp.getStack();
			for (int z = 1; z <= s.getSize(); z++) {
				final Object px = s.getPixels(z);
				if (px instanceof byte[]) md.update((byte[]) px);
				else if (px instanceof short[]) for (final short v : (short[]) px) {
					md.update((byte) v);
					md.update((byte) (v >> 8));
				}
				else if (px instanceof float[]) for (final float v : (float[]) px) {
					final int b = Float.floatToRawIntBits(v);
					md.update(new byte[] { (byte) b, (byte) (b >> 8), (byte) (b >> 16),
						(byte) (b >> 24) });
				}
				else if (px instanceof int[]) for (final int v : (int[]) px)
					md.update(new byte[] { (byte) v, (byte) (v >> 8), (byte) (v >> 16) });
			}
			final StringBuilder h = new StringBuilder();
			for (final byte b : md.digest()) h.append(String.format("%02x", b));
			return h.toString();
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
