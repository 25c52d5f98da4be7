package org.bonexr.it.guide;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.bonexr.attenuation.ConvertToAttenuationCommand;
import org.bonexr.bmd.MeasureArealBmdCommand;
import org.bonexr.bmd.radiograph.CalibrateBmdAgainstDxaCommand;
import org.bonexr.bmd.radiograph.EstimateBmdFromRadiographCommand;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.drr.GenerateDrrCommand;
import org.bonexr.jsn.CompareJointSpaceCommand;
import org.bonexr.jsn.MeasureJointSpaceWidthCommand;
import org.bonexr.phantom.HipDataset;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.WriteHipDatasetCommand;
import org.bonexr.phantom.WriteJointDatasetCommand;
import org.bonexr.phantom.WriteSampleImagesCommand;
import org.bonexr.separation.SegmentJointBonesCommand;
import org.bonexr.separation.SeparateBoneLayersCommand;
import org.bonexr.separation.vtt.DialogReader;
import org.bonexr.separation.vtt.Reader;
import org.bonexr.separation.vtt.VisualTuringTestCommand;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * Writes the user guide's screenshots ({@code docs/images/commands/}): for
 * each BoneXR command its input dialog ({@link CommandDialog}) and the windows
 * of its result, run on the sample images through SciJava's CommandService
 * and shown in real ImageJ 1 windows (image windows with their overlays,
 * results tables, plots), captured from the X display ({@link WindowCapture}).
 * Needs a display: run under {@code xvfb-run -a -s "-screen 0 2400x1400x24"}.
 * <p>
 * {@code main(outFolder [slug...])}: all commands, or the ones named (see
 * {@link #COMMANDS}). Regenerate the docs' images with
 * {@code mvn -B -o -pl src-test -am verify -Dtest=GuideScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbonexr.guide.regenerate=true}
 * (docs/index.md, "Screenshots").
 */
public final class GuideScreenshots {

	/** The commands, by the slug of their guide page. */
	public static final List<String> COMMANDS = Arrays.asList(
		"convert-to-attenuation", "separate-bone-layers", "segment-joint-bones",
		"visual-turing-test", "measure-joint-space-width",
		"compare-joint-space-between-visits", "generate-drr-from-ct",
		"measure-areal-bmd-from-ct", "estimate-bmd-from-radiograph",
		"calibrate-bmd-against-dxa", "write-sample-images",
		"write-phantom-datasets");

	private final Path out;
	private final Path samples;
	private final Path work;
	private final Context context;
	private final CommandService commands;
	private final WindowCapture capture = new WindowCapture();

	private GuideScreenshots(final Path out, final Path samples, final Path work,
		final Context context)
	{
		this.out = out;
		this.samples = samples;
		this.work = work;
		this.context = context;
		this.commands = context.service(CommandService.class);
	}

	public static void main(final String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: GuideScreenshots OUT_FOLDER [slug ...]; " +
				"slugs: " + COMMANDS);
			System.exit(2);
		}
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println("No display: run under xvfb-run -a -s " +
				"'-screen 0 2400x1400x24'.");
			System.exit(2);
		}
		final List<String> slugs = args.length > 1 ? Arrays.asList(Arrays
			.copyOfRange(args, 1, args.length)) : COMMANDS;
		final Path samples = Paths.get(System.getProperty("bonexr.samples",
			"sample-images")).toAbsolutePath();
		final Path work = Files.createTempDirectory("bonexr-guide");
		int status = 1;
		try (Context context = new Context()) {
			final GuideScreenshots g = new GuideScreenshots(Paths.get(args[0]),
				samples, work, context);
			for (final String slug : slugs) {
				final long start = System.currentTimeMillis();
				g.shoot(slug);
				WindowCapture.closeAll();
				System.out.printf(Locale.ROOT, "%s: %.1f s%n", slug, (System
					.currentTimeMillis() - start) / 1000.0);
			}
			status = 0;
		}
		finally {
			System.exit(status); // AWT threads would keep the JVM alive
		}
	}

	private void shoot(final String slug) throws Exception {
		switch (slug) {
			case "convert-to-attenuation":
				convertToAttenuation(slug);
				break;
			case "separate-bone-layers":
				separateBoneLayers(slug);
				break;
			case "segment-joint-bones":
				segmentJointBones(slug);
				break;
			case "visual-turing-test":
				visualTuringTest(slug);
				break;
			case "measure-joint-space-width":
				measureJointSpaceWidth(slug);
				break;
			case "compare-joint-space-between-visits":
				compareJointSpace(slug);
				break;
			case "generate-drr-from-ct":
				generateDrr(slug);
				break;
			case "measure-areal-bmd-from-ct":
				measureArealBmd(slug);
				break;
			case "estimate-bmd-from-radiograph":
				estimateBmd(slug);
				break;
			case "calibrate-bmd-against-dxa":
				calibrateBmd(slug);
				break;
			case "write-sample-images":
				writeSampleImages(slug);
				break;
			case "write-phantom-datasets":
				writeDatasets(slug);
				break;
			default:
				throw new IllegalArgumentException("unknown command slug '" + slug +
					"'; known: " + COMMANDS);
		}
	}

	// ---- the commands ----

	private void convertToAttenuation(final String slug) throws Exception {
		final ImagePlus image = open("joint-phantom-intensity.tif");
		dialog(slug, ConvertToAttenuationCommand.class, presets());
		final CommandModule m = run(ConvertToAttenuationCommand.class, inputs(
			"image", image));
		image(slug + "-result", (ImagePlus) m.getOutput("attenuation"));
	}

	private void separateBoneLayers(final String slug) throws Exception {
		final ImagePlus image = open("joint-phantom-flexed.tif");
		dialog(slug, SeparateBoneLayersCommand.class, presets());
		final CommandModule m = run(SeparateBoneLayersCommand.class, inputs(
			"image", image));
		// the display stack's three slices side by side, as Image>Stacks>Make Montage
		final ImagePlus display = (ImagePlus) m.getOutput("display");
		image(slug + "-result", new ij.plugin.MontageMaker().makeMontage2(display,
			3, 1, 1.0, 1, 3, 1, 0, true));
		table(slug + "-table", (ResultsTable) m.getOutput("summary"),
			"Separation summary");
	}

	private void segmentJointBones(final String slug) throws Exception {
		final ImagePlus image = open("joint-phantom-flexed.tif");
		dialog(slug, SegmentJointBonesCommand.class, presets());
		final CommandModule m = run(SegmentJointBonesCommand.class, inputs("image",
			image));
		final ImagePlus labels = (ImagePlus) m.getOutput("boneMasks");
		labels.setDisplayRange(0, 3); // labels 0..3: display only
		image(slug + "-result", labels);
	}

	private void visualTuringTest(final String slug) throws Exception {
		// real layers: the phantom's exact ones; generated: the shipped model's
		final Path real = Files.createDirectories(work.resolve("vtt-real"));
		final Path generated = Files.createDirectories(work.resolve(
			"vtt-generated"));
		for (final String name : new String[] { "joint-phantom",
			"joint-phantom-flexed" })
		{
			final ImagePlus truth = IJ.openImage(samples.resolve(name +
				"-layers.tif").toString());
			final ImagePlus upper = new ImagePlus(name + "-upper", truth.getStack()
				.getProcessor(1));
			upper.setCalibration(truth.getCalibration());
			IJ.saveAsTiff(upper, real.resolve(name + "-upper.tif").toString());
			final CommandModule m = run(SeparateBoneLayersCommand.class, inputs(
				"image", IJ.openImage(samples.resolve(name + ".tif").toString())));
			IJ.saveAsTiff((ImagePlus) m.getOutput("upper"), generated.resolve(name +
				"-upper.tif").toString());
		}
		final Map<String, Object> in = new HashMap<>();
		in.put("realFolder", real.toFile());
		in.put("generatedFolder", generated.toFile());
		in.put("reader", "AB");
		in.put("answers", work.resolve("vtt-answers.csv").toFile());
		dialog(slug, VisualTuringTestCommand.class, in);
		// the first image is asked in Fiji's dialog (captured), the rest by script
		final Reader reader = new Reader() {

			@Override
			public Answer ask(final ImagePlus image, final int number,
				final int total)
			{
				if (number > 1) return number % 2 == 0 ? Answer.REAL
					: Answer.GENERATED;
				return new DialogReader().ask(image, number, total);
			}
		};
		in.put("who", reader);
		final Future<CommandModule> running = commands.run(
			VisualTuringTestCommand.class, true, in);
		final Window ask = WindowCapture.await(w -> w instanceof GenericDialog &&
			((GenericDialog) w).getTitle().startsWith("Visual Turing Test"));
		final Window shown = WindowCapture.await(w -> w instanceof Frame &&
			((Frame) w).getTitle().contains("image 1"));
		capture.write(shown, out.resolve(slug + "-image.png"));
		capture.write(ask, out.resolve(slug + "-ask.png"));
		((GenericDialog) ask).dispose();
		final CommandModule m = finished(running);
		table(slug + "-table", (ResultsTable) m.getOutput("results"),
			"Visual Turing Test");
	}

	private void measureJointSpaceWidth(final String slug) throws Exception {
		final ImagePlus image = open("joint-phantom.tif");
		image.setRoi(new Roi(90, 145, 61, 51));
		dialog(slug, MeasureJointSpaceWidthCommand.class, presets());
		final CommandModule m = run(MeasureJointSpaceWidthCommand.class, inputs(
			"image", image));
		final ImagePlus overlay = (ImagePlus) m.getOutput("overlay");
		image(slug + "-result", overlay, 200);
		final ResultsTable profile = (ResultsTable) m.getOutput("profile");
		final Plot plot = new Plot("JSW profile", profile.getColumnHeading(0),
			profile.getColumnHeading(1));
		plot.add("line", profile.getColumnAsDoubles(0), profile
			.getColumnAsDoubles(1));
		image(slug + "-plot", plot.getImagePlus());
		table(slug + "-table", (ResultsTable) m.getOutput("summary"),
			"JSW results");
	}

	private void compareJointSpace(final String slug) throws Exception {
		final ImagePlus first = open("joint-phantom.tif");
		first.setRoi(new Roi(90, 145, 61, 51));
		// visit 2: the same joint with 0.1 mm less joint space
		final ImagePlus second = ImagePlusRadiographs.toImagePlus(JointPhantom
			.render(JointPhantomParameters.builder().jswMm(1.4).seed(7).build())
			.attenuation(), "joint-phantom-visit2.tif");
		second.show();
		final Map<String, Object> presets = presets();
		presets.put("first", first.getTitle());
		presets.put("second", second.getTitle());
		dialog(slug, CompareJointSpaceCommand.class, presets);
		final Map<String, Object> in = inputs("first", first);
		in.put("second", second);
		final CommandModule m = run(CompareJointSpaceCommand.class, in);
		table(slug + "-result", outputs(m), "Compare Joint Space Between Visits");
	}

	private void generateDrr(final String slug) throws Exception {
		final ImagePlus ct = open("hip-phantom-ct.tif");
		dialog(slug, GenerateDrrCommand.class, presets());
		final Map<String, Object> in = inputs("ctImage", ct);
		in.put("detectorPixels", 256);
		in.put("detectorMm", 200.0);
		final CommandModule m = run(GenerateDrrCommand.class, in);
		image(slug + "-result", (ImagePlus) m.getOutput("drr"));
	}

	private void measureArealBmd(final String slug) throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", samples.resolve("hip-phantom-ct.tif").toFile());
		in.put("mask", samples.resolve("hip-phantom-ct-mask.tif").toFile());
		dialog(slug, MeasureArealBmdCommand.class, in);
		final CommandModule m = run(MeasureArealBmdCommand.class, in);
		image(slug + "-result", (ImagePlus) m.getOutput("drr"), 200);
		table(slug + "-table", (ResultsTable) m.getOutput("bmdTable"),
			"Areal BMD");
	}

	private void estimateBmd(final String slug) throws Exception {
		final ImagePlus image = open("hip-phantom-intensity.tif");
		dialog(slug, EstimateBmdFromRadiographCommand.class, presets());
		final CommandModule m = run(EstimateBmdFromRadiographCommand.class, inputs(
			"image", image));
		image(slug + "-result", (ImagePlus) m.getOutput("boneDrr"), 300);
		table(slug + "-table", (ResultsTable) m.getOutput("results"),
			"BMD from radiograph");
	}

	private void calibrateBmd(final String slug) throws Exception {
		// "DXA" = the phantoms' true femoral-neck aBMD; estimates by the demo model
		final Path data = work.resolve("dxa-phantoms");
		final int n = 8;
		new HipDataset(n, 77, 1, HipDataset.DEFAULT_MAX_ROTATION_DEG).write(data);
		final StringBuilder csv = new StringBuilder("image,dxa_bmd\n");
		for (int i = 0; i < n; i++) {
			final Path s = data.resolve(String.format("sample-%05d", i));
			final String truth = new String(Files.readAllBytes(s.resolve(
				"truth.json")), StandardCharsets.UTF_8);
			final java.util.regex.Matcher bmd = java.util.regex.Pattern.compile(
				"\"arealBmdGcm2\": ([-0-9.eE+]+)").matcher(truth);
			if (!bmd.find()) throw new IllegalStateException("no truth in " + s);
			csv.append(s.resolve("radiograph.tif")).append(',').append(bmd.group(1))
				.append('\n');
		}
		final Path pairs = work.resolve("dxa-pairs.csv");
		Files.write(pairs, csv.toString().getBytes(StandardCharsets.UTF_8));
		final Map<String, Object> in = new HashMap<>();
		in.put("csv", pairs.toFile());
		in.put("output", work.resolve("calibration.properties").toFile());
		dialog(slug, CalibrateBmdAgainstDxaCommand.class, in);
		final CommandModule m = run(CalibrateBmdAgainstDxaCommand.class, in);
		image(slug + "-scatter", (ImagePlus) m.getOutput("scatterPlot"));
		image(slug + "-bland-altman", (ImagePlus) m.getOutput("blandAltmanPlot"));
	}

	private void writeSampleImages(final String slug) throws Exception {
		final Path folder = work.resolve("samples");
		final Map<String, Object> in = new HashMap<>();
		in.put("folder", folder.toFile());
		dialog(slug, WriteSampleImagesCommand.class, in);
		run(WriteSampleImagesCommand.class, in);
		image(slug + "-result", IJ.openImage(folder.resolve(
			"joint-phantom-flexed.tif").toString()));
	}

	private void writeDatasets(final String slug) throws Exception {
		final Map<String, Object> joint = new HashMap<>();
		joint.put("folder", work.resolve("joint-dataset").toFile());
		joint.put("samples", 2);
		dialog(slug + "-joint", WriteJointDatasetCommand.class, joint);
		final Map<String, Object> hip = new HashMap<>();
		hip.put("folder", work.resolve("hip-dataset").toFile());
		hip.put("samples", 2);
		dialog(slug + "-hip", WriteHipDatasetCommand.class, hip);
		run(WriteHipDatasetCommand.class, hip);
		image(slug + "-result", IJ.openImage(work.resolve(
			"hip-dataset/sample-00000/radiograph.tif").toString()));
	}

	// ---- helpers ----

	private ImagePlus open(final String sample) {
		final ImagePlus imp = IJ.openImage(samples.resolve(sample).toString());
		if (imp == null) throw new IllegalStateException("cannot open " + sample);
		imp.show();
		WindowCapture.await(w -> w == imp.getWindow());
		return imp;
	}

	private static Map<String, Object> presets() {
		return new HashMap<>();
	}

	private static Map<String, Object> inputs(final String name,
		final Object value)
	{
		final Map<String, Object> in = new HashMap<>();
		in.put(name, value);
		return in;
	}

	/** The command's dialog, captured and closed. */
	private void dialog(final String name, final Class<? extends Command> c,
		final Map<String, Object> presets)
	{
		final Map<String, Object> shown = new HashMap<>();
		for (final Map.Entry<String, Object> e : presets.entrySet()) {
			final Object v = e.getValue();
			shown.put(e.getKey(), v instanceof ImagePlus ? ((ImagePlus) v)
				.getTitle() : v);
		}
		final GenericDialog d = CommandDialog.of(context, c, shown);
		final Thread t = new Thread(d::showDialog, "dialog " + name);
		t.setDaemon(true);
		t.start();
		capture.write(WindowCapture.await(w -> w == d), out.resolve(name +
			"-dialog.png"));
		d.dispose();
	}

	private CommandModule run(final Class<? extends Command> c,
		final Map<String, Object> in) throws Exception
	{
		return finished(commands.run(c, true, in));
	}

	private static CommandModule finished(final Future<CommandModule> f)
		throws InterruptedException, ExecutionException
	{
		final CommandModule m = f.get();
		if (m.isCanceled()) throw new IllegalStateException(m.getCancelReason());
		return m;
	}

	/** The image in its window, small ones at 200%, captured. */
	private void image(final String name, final ImagePlus imp) {
		image(name, imp, Math.max(imp.getWidth(), imp.getHeight()) < 200 ? 200
			: 100);
	}

	/** The image in its window at the given zoom (%), captured. */
	private void image(final String name, final ImagePlus imp,
		final int zoomPercent)
	{
		imp.show();
		final Window w = WindowCapture.await(x -> x == imp.getWindow());
		if (zoomPercent != 100) {
			IJ.run(imp, "Set... ", "zoom=" + zoomPercent + " x=" + imp.getWidth() /
				2 + " y=" + imp.getHeight() / 2);
		}
		capture.write(w, out.resolve(name + ".png"));
	}

	private void table(final String name, final ResultsTable t,
		final String title)
	{
		t.show(title);
		final Window w = WindowCapture.await(WindowCapture.titled(title));
		final int rows = Math.min(t.size(), 12);
		w.setSize(Math.min(2300, Math.max(420, tableWidthPx(t))), 120 + 18 *
			rows);
		capture.write(w, out.resolve(name + ".png"));
	}

	/** About the width the table's columns need (headings, first row). */
	private static int tableWidthPx(final ResultsTable t) {
		int chars = 0;
		for (final String heading : t.getHeadings()) {
			final String first = t.size() > 0 && t.columnExists(heading) ? t
				.getStringValue(heading, 0) : "";
			chars += Math.max(heading.length(), first == null ? 0 : first
				.length()) + 2;
		}
		return 9 * chars + 60;
	}

	/** A one-row table of the command's number and text outputs. */
	private static ResultsTable outputs(final CommandModule m) {
		final ResultsTable t = new ResultsTable();
		t.incrementCounter();
		for (final ModuleItem<?> item : m.getInfo().outputs()) {
			final Object v = m.getOutput(item.getName());
			final String label = item.getLabel() != null ? item.getLabel() : item
				.getName();
			if (v instanceof Number) t.addValue(label, ((Number) v).doubleValue());
			else if (v instanceof String) t.addValue(label, (String) v);
		}
		return t;
	}

}
