package org.bonexr.it;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bonexr.attenuation.ConvertToAttenuationCommand;
import org.bonexr.bmd.MeasureArealBmdCommand;
import org.bonexr.bmd.radiograph.CalibrateBmdAgainstDxaCommand;
import org.bonexr.bmd.radiograph.EstimateBmdFromRadiographCommand;
import org.bonexr.drr.GenerateDrrCommand;
import org.bonexr.it.MatrixInputs.Flavour;
import org.bonexr.jsn.CompareJointSpaceCommand;
import org.bonexr.jsn.MeasureJointSpaceWidthCommand;
import org.bonexr.separation.SegmentJointBonesCommand;
import org.bonexr.separation.SeparateBoneLayersCommand;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;

/**
 * The nine user-facing commands as the reliability matrix drives them: for
 * one cell's input, the inputs of the SciJava command, the lines of an
 * ImageJ macro that calls its {@code Ext.} function, and the arguments of
 * {@code bonexr run}; the key numbers each door reports, and whether they are
 * sane for the known input.
 */
abstract class MatrixCommands {

	/** One cell's input: the image (or CT) file, ROI, model, output folder. */
	static final class Cell {

		final Path image;
		final Path model;
		final Path out;
		/** A CSV for Calibrate BMD Against DXA. */
		final Path csv;
		/** The visit-2 image for Compare Joint Space. */
		final Path visit2;
		/** An ROI file for Measure Areal BMD from CT. */
		final Path roiFile;
		/** The image has no pixel spacing: lengths come in px. */
		final boolean pixelsOnly;
		/** Key numbers a good result must have (else the command's own check). */
		Map<String, Double> expected;

		Cell(final Path image, final Path model, final Path out, final Path csv,
			final Path visit2, final Path roiFile, final boolean pixelsOnly)
		{
			this.image = image;
			this.model = model;
			this.out = out;
			this.csv = csv;
			this.visit2 = visit2;
			this.roiFile = roiFile;
			this.pixelsOnly = pixelsOnly;
		}

		/** The input files of this cell, which must stay unchanged. */
		List<Path> files() {
			final List<Path> f = new ArrayList<>();
			for (final Path p : new Path[] { image, model, csv, visit2, roiFile })
				if (p != null) f.add(p);
			return f;
		}
	}

	/** Opens an image file as the in-process door does. */
	interface Opener {

		ImagePlus open(Path file);
	}

	final String name;
	final Flavour flavour;
	final Class<? extends Command> type;
	final boolean hasModel;

	MatrixCommands(final String name, final Flavour flavour,
		final Class<? extends Command> type, final boolean hasModel)
	{
		this.name = name;
		this.flavour = flavour;
		this.type = type;
		this.hasModel = hasModel;
	}

	/** Inputs of the SciJava command. */
	abstract Map<String, Object> inputs(Cell c, Opener open);

	/** Key numbers from the command's outputs. */
	abstract Map<String, Double> numbers(CommandModule m);

	/**
	 * Macro lines (the extension is installed, batch mode on) that open the
	 * input, call the {@code Ext.} function and print "RESULT key=value".
	 */
	abstract String macro(Cell c);

	/** Arguments after {@code bonexr run "<name>"} (without --out). */
	abstract List<String> cli(Cell c);

	/** Key numbers from what {@code bonexr run} printed and wrote. */
	Map<String, Double> cliNumbers(final String stdout, final Path out) {
		return keyValues(stdout);
	}

	/**
	 * Throws AssertionError unless the numbers are right for a good input;
	 * returns them in a short text.
	 */
	abstract String sane(Map<String, Double> n, Cell c) throws IOException;

	@Override
	public String toString() {
		return name;
	}

	// -- the nine commands --

	static List<MatrixCommands> all() {
		return Arrays.asList(new ConvertToAttenuation(), new SeparateBoneLayers(),
			new SegmentJointBones(), new MeasureJsw(), new CompareJsw(),
			new GenerateDrr(), new CtBmd(), new EstimateBmd(), new CalibrateBmd());
	}

	static final class ConvertToAttenuation extends MatrixCommands {

		ConvertToAttenuation() {
			super("Convert to Attenuation", Flavour.KNEE,
				ConvertToAttenuationCommand.class, false);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			return map("image", open.open(c.image), "i0", 0.0, "normalise", false);
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			final ImagePlus a = (ImagePlus) m.getOutput("attenuation");
			return nums("i0", (Double) m.getOutput("i0Used"), "a", (double) a
				.getProcessor().getf(60, 50));
		}

		@Override
		String macro(final Cell c) {
			return open(c) + "Ext.convertToAttenuation(0, i0);\n" +
				"print(\"RESULT i0=\" + i0);\nprint(\"RESULT a=\" + getPixel(60, 50));\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return List.of("image=" + c.image);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> n = new HashMap<>();
			n.put("i0", keyValues(stdout).get("i0Used"));
			final ImagePlus a = IJ.openImage(only(out, "_attenuation.tif")
				.toString());
			n.put("a", (double) a.getProcessor().getf(60, 50));
			return n;
		}

		/**
		 * At the disc centre A = 2.5; 8-bit rounding of I ≈ 21 allows 0.025.
		 * A real image: the values of BoneXR's own DICOM reading.
		 */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			if (c.expected != null) {
				for (final String k : c.expected.keySet())
					check(Math.abs(n.get(k) - c.expected.get(k)) <= 1e-4 * Math.max(1,
						Math.abs(c.expected.get(k))), k + " = " + n.get(k) + ", expected " +
							c.expected.get(k) + " (BoneXR's DICOM reading)");
				return String.format("A(60,50)=%.4f, I0=%.0f as BoneXR's DICOM reader", n
					.get("a"), n.get("i0"));
			}
			final boolean eight = c.image.getFileName().toString().contains("8bit");
			check(Math.abs(n.get("a") - 2.5) <= (eight ? 0.025 : 1e-3),
				"attenuation at the disc centre " + n.get("a") + ", true 2.5");
			check(Math.abs(n.get("i0") - (eight ? 250 : TestImages.I0)) < 1e-6,
				"I0 " + n.get("i0"));
			return String.format("A=%.4f (true 2.5), I0=%.0f", n.get("a"), n.get(
				"i0"));
		}
	}

	static final class SeparateBoneLayers extends MatrixCommands {

		SeparateBoneLayers() {
			super("Separate Bone Layers", Flavour.JOINT,
				SeparateBoneLayersCommand.class, true);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			return map("image", open.open(c.image), "model", file(c.model),
				"values", "auto (image property)", "project", true, "distribution",
				"proportional", "tile", 512);
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("rms", (Double) m.getOutput("residualRmsPercent"), "final",
				(Double) m.getOutput("finalResidualMaxPercent"));
		}

		@Override
		String macro(final Cell c) {
			return open(c) + "Ext.separateBoneLayers(\"" + path(c.model) +
				"\", \"\", rms);\nprint(\"RESULT rms=\" + rms);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return withModel(c, "image=" + c.image);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> kv = keyValues(stdout);
			return nums("rms", kv.get("residualRmsPercent"), "final", kv.get(
				"finalResidualMaxPercent"));
		}

		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("rms") >= 0 && n.get("rms") < 10,
				"network residual RMS " + n.get("rms") + " % of the input range");
			if (n.get("final") != null) check(n.get("final") < 1e-2,
				"layers do not add up to the input: " + n.get("final") + " %");
			return String.format("residual RMS %.2f %%%s", n.get("rms"), n.get(
				"final") == null ? "" : String.format(", after projection %.1e %%", n
					.get("final")));
		}
	}

	static final class SegmentJointBones extends MatrixCommands {

		SegmentJointBones() {
			super("Segment Joint Bones", Flavour.JOINT,
				SegmentJointBonesCommand.class, true);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			return map("image", open.open(c.image), "model", file(c.model),
				"values", "auto (image property)", "tile", 512);
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("upper", ((Long) m.getOutput("upperArea")).doubleValue(),
				"lower", ((Long) m.getOutput("lowerArea")).doubleValue());
		}

		@Override
		String macro(final Cell c) {
			return open(c) + "Ext.segmentJointBones(\"" + path(c.model) +
				"\", overlap);\ngetHistogram(v, n, 256);\n" +
				"print(\"RESULT upper=\" + (n[1] + n[3]));\n" +
				"print(\"RESULT lower=\" + (n[2] + n[3]));\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return withModel(c, "image=" + c.image);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> kv = keyValues(stdout);
			return nums("upper", kv.get("upperArea"), "lower", kv.get("lowerArea"));
		}

		/** Both phantom bones cover thousands of pixels. */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("upper") > 2000 && n.get("lower") > 2000,
				"bone masks too small: " + n);
			return String.format("upper %.0f px, lower %.0f px", n.get("upper"), n
				.get("lower"));
		}
	}

	static final class MeasureJsw extends MatrixCommands {

		MeasureJsw() {
			super("Measure Joint Space Width", Flavour.JOINT,
				MeasureJointSpaceWidthCommand.class, false);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			final ImagePlus imp = open.open(c.image);
			return map("image", imp, "region", imp.getRoi() == null
				? JsnSample.REGION_TEXT : "");
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("mean", (Double) m.getOutput("meanJsw"), "mm", "mm".equals(m
				.getOutput("unit")) ? 1.0 : 0.0);
		}

		@Override
		String macro(final Cell c) {
			return open(c) + "if (selectionType() < 0) makeRectangle(" +
				JsnSample.REGION_TEXT + ");\n" +
				"Ext.measureJointSpaceWidth(mn, mean, median);\n" +
				"print(\"RESULT mean=\" + mean);\n" +
				"getPixelSize(unit, pw, ph);\nprint(\"RESULT mm=\" + (unit == \"mm\"));\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return c.image.getFileName().toString().contains("roi-outside") ? List.of(
				"image=" + c.image) : List.of("image=" + c.image, "region=" +
					JsnSample.REGION_TEXT);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> kv = keyValues(stdout);
			return nums("mean", kv.get("meanJsw"), "mm", stdout.contains("unit=mm")
				? 1.0 : 0.0);
		}

		/** Mean JSW within 0.1 mm of the phantom's truth (in px at 0.1 mm/px without spacing). */
		@Override
		String sane(final Map<String, Double> n, final Cell c) throws IOException {
			final double truth = JsnSample.trueMeanJswInRegion();
			final double mm = c.pixelsOnly ? n.get("mean") * JsnSample.SPACING_MM : n
				.get("mean");
			check((n.get("mm") == 1.0) != c.pixelsOnly, "unit " + (n.get("mm") == 1.0
				? "mm" : "px") + " for an image " + (c.pixelsOnly ? "without"
					: "with") + " pixel spacing");
			check(Math.abs(mm - truth) < 0.1, "mean JSW " + mm + " mm, true " +
				truth);
			return String.format("mean JSW %.3f %s (true %.3f mm)", n.get("mean"),
				c.pixelsOnly ? "px×0.1" : "mm", truth);
		}
	}

	static final class CompareJsw extends MatrixCommands {

		CompareJsw() {
			super("Compare Joint Space Between Visits", Flavour.JOINT,
				CompareJointSpaceCommand.class, false);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			final ImagePlus first = open.open(c.image);
			return map("first", first, "second", open.open(c.visit2), "region", first
				.getRoi() == null ? JsnSample.REGION_TEXT : "");
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("delta", (Double) m.getOutput("deltaJsw"));
		}

		@Override
		String macro(final Cell c) {
			return "open(\"" + c.visit2 + "\");\nvisit2 = getTitle();\n" + open(c) +
				"if (selectionType() < 0) makeRectangle(" + JsnSample.REGION_TEXT +
				");\nExt.compareJointSpaceBetweenVisits(visit2, delta, u, grade);\n" +
				"print(\"RESULT delta=\" + delta);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			final List<String> a = new ArrayList<>(List.of("first=" + c.image,
				"second=" + c.visit2));
			if (!c.image.getFileName().toString().contains("roi-outside")) a.add(
				"region=" + JsnSample.REGION_TEXT);
			return a;
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			return nums("delta", keyValues(stdout).get("deltaJsw"));
		}

		/** Visit 2 is the same joint (16-bit): no change. */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(Math.abs(n.get("delta")) < 0.02, "ΔJSW " + n.get("delta") +
				" between two radiographs of the same joint");
			return String.format("ΔJSW %.4f (same joint)", n.get("delta"));
		}
	}

	static final class GenerateDrr extends MatrixCommands {

		GenerateDrr() {
			super("Generate DRR from CT", Flavour.CT, GenerateDrrCommand.class,
				false);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			return map("ctImage", open.open(c.image), "geometry", "parallel beam",
				"parallelPixelMm", 1.0, "gantryAnglesDeg", "90");
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("max", ((ImagePlus) m.getOutput("drr")).getProcessor()
				.getStatistics().max);
		}

		@Override
		String macro(final Cell c) {
			return "open(\"" + c.image + "\");\n" +
				"Ext.generateDrrFromCt(\"90\", \"geometry=[parallel beam] parallelPixelMm=1\");\n" +
				"getStatistics(area, mean, min, max);\nprint(\"RESULT max=\" + max);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return List.of("ct=" + c.image, "geometry=parallel beam",
				"parallelPixelMm=1");
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			return nums("max", IJ.openImage(only(out, "_drr.tif").toString())
				.getProcessor().getStatistics().max);
		}

		/**
		 * The longest ray crosses at most the CT's diagonal (~150 mm) of soft
		 * tissue and bone: ∫μ between 1 and 10 (μ water 0.02/mm).
		 */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("max") > 1 && n.get("max") < 10, "DRR maximum " + n.get(
				"max"));
			return String.format("DRR max ∫μ %.3f", n.get("max"));
		}
	}

	static final class CtBmd extends MatrixCommands {

		CtBmd() {
			super("Measure Areal BMD from CT", Flavour.CT,
				MeasureArealBmdCommand.class, false);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			final Map<String, Object> in = map("ct", c.image.toFile());
			if (c.roiFile != null) in.put("roiFile", c.roiFile.toFile());
			return in;
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("bmd", (Double) m.getOutput("bmdGPerCm2"));
		}

		@Override
		String macro(final Cell c) {
			return "Ext.measureArealBmdFromCt(\"" + c.image +
				"\", \"\", \"\", 0.8, 0, bmd, bmc, area" + (c.roiFile == null ? ""
					: ", \"roiFile=[" + c.roiFile + "]\"") + ");\n" +
				"print(\"RESULT bmd=\" + bmd);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return c.roiFile == null ? List.of("ct=" + c.image) : List.of("ct=" +
				c.image, "roiFile=" + c.roiFile);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			return nums("bmd", keyValues(stdout).get("bmdGPerCm2"));
		}

		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("bmd") > 0.2 && n.get("bmd") < 3, "areal BMD " + n.get(
				"bmd") + " g/cm²");
			return String.format("aBMD %.3f g/cm²", n.get("bmd"));
		}
	}

	static final class EstimateBmd extends MatrixCommands {

		EstimateBmd() {
			super("Estimate BMD from Radiograph", Flavour.HIP,
				EstimateBmdFromRadiographCommand.class, true);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			final ImagePlus imp = open.open(c.image);
			final Map<String, Object> in = map("image", imp, "model", file(c.model),
				"region", imp.getRoi() != null ? "image selection or ROI file"
					: "automatic: femoral neck and total hip");
			if (c.out != null) in.put("previewPng", c.out.resolve("preview.png")
				.toFile());
			return in;
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("bmd", (Double) m.getOutput("bmdGPerCm2"), "hip",
				(Double) m.getOutput("totalHipBmdGPerCm2"));
		}

		@Override
		String macro(final Cell c) {
			return open(c) + "Ext.estimateBmdFromRadiograph(\"" + path(c.model) +
				"\", bmd, hip);\nprint(\"RESULT bmd=\" + bmd);\n" +
				"print(\"RESULT hip=\" + hip);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return c.image.getFileName().toString().contains("roi-outside")
				? withModel(c, "image=" + c.image,
					"region=image selection or ROI file") : withModel(c, "image=" +
						c.image);
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> kv = keyValues(stdout);
			return nums("bmd", kv.get("bmdGPerCm2"), "hip", kv.get(
				"totalHipBmdGPerCm2"));
		}

		/** Neck and total hip aBMD of a (demo) femur: bone, not air or metal. */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("bmd") > 0.2 && n.get("bmd") < 2.5 && n.get("hip") > 0.2 &&
				n.get("hip") < 2.5, "aBMD neck " + n.get("bmd") + ", total hip " + n
					.get("hip") + " g/cm²");
			return String.format("aBMD neck %.3f, total hip %.3f g/cm²", n.get(
				"bmd"), n.get("hip"));
		}
	}

	static final class CalibrateBmd extends MatrixCommands {

		CalibrateBmd() {
			super("Calibrate BMD Against DXA", Flavour.HIP,
				CalibrateBmdAgainstDxaCommand.class, true);
		}

		@Override
		Map<String, Object> inputs(final Cell c, final Opener open) {
			return map("csv", c.csv.toFile(), "model", file(c.model), "output", c.out
				.resolve("dxa.properties").toFile(), "region", "femoral neck");
		}

		@Override
		Map<String, Double> numbers(final CommandModule m) {
			return nums("slope", (Double) m.getOutput("slope"), "intercept",
				(Double) m.getOutput("intercept"));
		}

		@Override
		String macro(final Cell c) {
			return "Ext.calibrateBmdAgainstDxa(\"" + c.csv + "\", \"" + c.out
				.resolve("dxa.properties") + "\", \"" + path(c.model) +
				"\", slope, intercept);\nprint(\"RESULT slope=\" + slope);\n" +
				"print(\"RESULT intercept=\" + intercept);\n";
		}

		@Override
		List<String> cli(final Cell c) {
			return withModel(c, "csv=" + c.csv, "output=" + c.out.resolve(
				"dxa.properties"));
		}

		@Override
		Map<String, Double> cliNumbers(final String stdout, final Path out) {
			final Map<String, Double> kv = keyValues(stdout);
			return nums("slope", kv.get("slope"), "intercept", kv.get("intercept"));
		}

		/** A finite, positive slope, and the calibration file written. */
		@Override
		String sane(final Map<String, Double> n, final Cell c) {
			check(n.get("slope") > 0 && Double.isFinite(n.get("intercept")),
				"calibration " + n);
			check(Files.isRegularFile(c.out.resolve("dxa.properties")),
				"no calibration file");
			return String.format("DXA = %.3f + %.3f × estimate", n.get("intercept"), n
				.get("slope"));
		}
	}

	// -- helpers --

	/** Macro lines opening the cell's image: DICOM through Ext.openRadiograph. */
	static String open(final Cell c) {
		return c.image.toString().endsWith(".dcm") ? "Ext.openRadiograph(\"" +
			c.image + "\");\n" : "open(\"" + c.image + "\");\n";
	}

	private static List<String> withModel(final Cell c, final String... args) {
		final List<String> a = new ArrayList<>(Arrays.asList(args));
		if (c.model != null) a.add("model=" + c.model);
		return a;
	}

	private static File file(final Path p) {
		return p == null ? null : p.toFile();
	}

	private static String path(final Path p) {
		return p == null ? "" : p.toString();
	}

	static Map<String, Object> map(final Object... kv) {
		final Map<String, Object> m = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	private static Map<String, Double> nums(final Object... kv) {
		final Map<String, Double> m = new HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put((String) kv[i], (Double) kv[i + 1]);
		return m;
	}

	/** "key=number" lines (RESULT lines of a macro, values of bonexr run). */
	static Map<String, Double> keyValues(final String text) {
		final Map<String, Double> m = new HashMap<>();
		for (String line : text.split("\n")) {
			line = line.trim();
			if (line.startsWith("RESULT ")) line = line.substring(7);
			final int eq = line.indexOf('=');
			if (eq <= 0) continue;
			try {
				m.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)
					.trim()));
			}
			catch (final NumberFormatException e) {
				// not a number: not a key number
			}
		}
		return m;
	}

	/** The one file in {@code dir} whose name ends so. */
	static Path only(final Path dir, final String suffix) {
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			final List<Path> found = new ArrayList<>();
			s.filter(p -> p.getFileName().toString().endsWith(suffix)).forEach(
				found::add);
			check(found.size() == 1, "expected one *" + suffix + " in " + dir +
				", found " + found);
			return found.get(0);
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
	}

	static void check(final boolean ok, final String what) {
		if (!ok) throw new AssertionError(what);
	}
}
