package org.bonexr.bmd.radiograph;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bonexr.cli.Csv;
import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.CommandRuns;
import org.bonexr.core.io.AtomicFiles;
import org.bonexr.core.io.RadiographReader;
import org.scijava.ItemIO;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * {@code Plugins>BoneXR>BMD>Calibrate BMD Against DXA}: a CSV of radiographs
 * with their DXA areal BMD → the radiograph estimate of each (Estimate BMD
 * from Radiograph, automatic region) → a linear calibration {@code dxa =
 * intercept + slope · estimate} with its uncertainty
 * ({@link DxaCalibration}), saved as a properties file that the estimate
 * command takes, a scatter plot with the fitted line and a Bland–Altman plot
 * (shown, and written as PNG next to the calibration file).
 * <p>
 * CSV: a header with columns {@code image} (path, relative to the CSV's
 * folder or absolute) and {@code dxa_bmd} (g/cm²); an optional column
 * {@code estimate_bmd} (g/cm²) gives estimates already made, and then the
 * images are not read.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>BMD>Calibrate BMD Against DXA",
	description = "Linear calibration of radiograph BMD estimates against DXA, with uncertainty, scatter and Bland-Altman plots.")
public class CalibrateBmdAgainstDxaCommand extends BoneXRCommand {

	static final String NECK = "femoral neck";
	static final String TOTAL_HIP = "total hip";

	@Parameter(label = "CSV (image, dxa_bmd[, estimate_bmd])",
		style = FileWidget.OPEN_STYLE)
	private File csv;

	@Parameter(label = "Region", choices = { NECK, TOTAL_HIP })
	private String region = NECK;

	@Parameter(label = "Model (empty = shipped demo model)", required = false,
		style = FileWidget.OPEN_STYLE)
	private File model;

	@Parameter(label = "Pixel values", choices = {
		EstimateBmdFromRadiographCommand.LINEAR,
		EstimateBmdFromRadiographCommand.LOG })
	private String pixelValues = EstimateBmdFromRadiographCommand.LINEAR;

	@Parameter(label = "Values per decade of exposure (log)", min = "0.001")
	private double valuesPerDecade = 512;

	@Parameter(label = "Calibration file to write (.properties)",
		style = FileWidget.SAVE_STYLE)
	private File output;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus scatterPlot;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus blandAltmanPlot;

	@Parameter(type = ItemIO.OUTPUT, label = "Slope")
	private double slope;

	@Parameter(type = ItemIO.OUTPUT, label = "Slope SE")
	private double slopeSe;

	@Parameter(type = ItemIO.OUTPUT, label = "Intercept (g/cm2)")
	private double intercept;

	@Parameter(type = ItemIO.OUTPUT, label = "Intercept SE (g/cm2)")
	private double interceptSe;

	@Parameter(type = ItemIO.OUTPUT, label = "Residual SD (g/cm2)")
	private double residualSd;

	@Parameter(type = ItemIO.OUTPUT, label = "Pearson r")
	private double pearsonR;

	@Parameter
	private CommandService commands;

	@Override
	protected void execute() {
		final Path target = output.toPath().toAbsolutePath();
		AtomicFiles.requireWritableFolder(target.getParent());
		AtomicFiles.refuseExisting(target);
		final String base = stripExtension(output.getName());
		final Path scatterPng = target.resolveSibling(base + "-scatter.png");
		final Path blandAltmanPng = target.resolveSibling(base +
			"-bland-altman.png");
		AtomicFiles.refuseExisting(scatterPng);
		AtomicFiles.refuseExisting(blandAltmanPng);
		final List<String[]> rows = read(csv.toPath());
		final double[] est = new double[rows.size()], dxa = new double[rows
			.size()];
		for (int i = 0; i < rows.size(); i++) {
			final String[] row = rows.get(i);
			progress(i, rows.size(), "Estimating BMD of " + row[0]);
			dxa[i] = number(row[1], i);
			est[i] = row[2] != null ? number(row[2], i) : estimate(resolve(row[0]));
		}
		final DxaCalibration c = DxaCalibration.fit(est, dxa, region);
		c.save(output.toPath());
		slope = c.slope();
		slopeSe = c.slopeSe();
		intercept = c.intercept();
		interceptSe = c.interceptSe();
		residualSd = c.residualSd();
		pearsonR = c.pearsonR();
		scatterPlot = scatter(est, dxa, c).getImagePlus();
		blandAltmanPlot = blandAltman(est, dxa, c).getImagePlus();
		savePng(scatterPlot, scatterPng);
		savePng(blandAltmanPlot, blandAltmanPng);
		log().info("DXA calibration (" + region + "): " + c);
		progress(rows.size(), rows.size(), "Calibrated: " + c);
	}

	private double estimate(final Path image) {
		final Map<String, Object> in = new HashMap<>();
		in.put("image", RadiographReader.readImagePlus(image));
		in.put("model", model);
		in.put("region", EstimateBmdFromRadiographCommand.AUTO);
		in.put("pixelValues", pixelValues);
		in.put("valuesPerDecade", valuesPerDecade);
		final CommandModule m = CommandRuns.runOrThrow(commands,
			EstimateBmdFromRadiographCommand.class, in);
		return (Double) m.getOutput(TOTAL_HIP.equals(region) ? "totalHipBmdGPerCm2"
			: "bmdGPerCm2");
	}

	/** Rows of (image, dxa, estimate or null). */
	private static List<String[]> read(final Path file) {
		final List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot read " + file + ": " + e.getMessage(),
				"Choose a readable CSV file.", e);
		}
		lines.removeIf(l -> l.trim().isEmpty());
		if (lines.isEmpty()) {
			throw new BoneXRException("The CSV " + file + " is empty.",
				"Give a header 'image,dxa_bmd' and one line per radiograph.");
		}
		final List<String> header = Csv.parseLine(lines.get(0));
		final int iImage = column(header, "image"), iDxa = column(header,
			"dxa_bmd"), iEst = column(header, "estimate_bmd");
		if ((iImage < 0 && iEst < 0) || iDxa < 0) {
			throw new BoneXRException("The CSV header " + header +
				" lacks the columns 'image' and 'dxa_bmd'.",
				"Start the CSV with the line: image,dxa_bmd");
		}
		final List<String[]> rows = new ArrayList<>();
		for (final String line : lines.subList(1, lines.size())) {
			final List<String> v = Csv.parseLine(line);
			rows.add(new String[] { iImage >= 0 && iImage < v.size() ? v.get(iImage)
				: "", iDxa < v.size() ? v.get(iDxa) : "", iEst >= 0 && iEst < v
					.size() && !v.get(iEst).trim().isEmpty() ? v.get(iEst) : null });
		}
		return rows;
	}

	private static int column(final List<String> header, final String name) {
		for (int i = 0; i < header.size(); i++) {
			if (header.get(i).trim().equalsIgnoreCase(name)) return i;
		}
		return -1;
	}

	private Path resolve(final String image) {
		final Path p = csv.toPath().toAbsolutePath().getParent().resolve(image
			.trim());
		if (!Files.isRegularFile(p)) {
			throw new BoneXRException("The image " + p + " listed in the CSV does " +
				"not exist.", "Fix its path (relative to the CSV's folder).");
		}
		return p;
	}

	private static double number(final String s, final int row) {
		try {
			return Double.parseDouble(s.trim());
		}
		catch (final NumberFormatException e) {
			throw new BoneXRException("Line " + (row + 2) + " of the CSV has '" + s +
				"' where a BMD in g/cm² belongs.", "Write the BMD as a number, " +
					"e.g. 0.853.");
		}
	}

	private Plot scatter(final double[] est, final double[] dxa,
		final DxaCalibration c)
	{
		final Plot p = new Plot("DXA calibration (" + region + ")",
			"estimated aBMD (g/cm2)", "DXA aBMD (g/cm2)");
		p.setColor(Color.BLUE);
		p.addPoints(est, dxa, Plot.CIRCLE);
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (final double v : est) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		p.setColor(Color.RED);
		p.drawLine(lo, c.apply(lo), hi, c.apply(hi));
		p.setColor(Color.BLACK);
		p.addLabel(0.02, 0.08, String.format(Locale.ROOT,
			"DXA = %.3f (SE %.3f) + %.3f (SE %.3f) x estimate;  SD %.3f, r %.3f, n %d",
			c.intercept(), c.interceptSe(), c.slope(), c.slopeSe(), c.residualSd(), c
				.pearsonR(), c.pairs()));
		setPaddedLimits(p, est, concat(dxa, c.apply(lo), c.apply(hi)));
		return p;
	}

	private Plot blandAltman(final double[] est, final double[] dxa,
		final DxaCalibration c)
	{
		final int n = est.length;
		final double[] mean = new double[n], diff = new double[n];
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int i = 0; i < n; i++) {
			mean[i] = 0.5 * (est[i] + dxa[i]);
			diff[i] = dxa[i] - est[i];
			lo = Math.min(lo, mean[i]);
			hi = Math.max(hi, mean[i]);
		}
		final Plot p = new Plot("Bland-Altman (" + region + ")",
			"mean of DXA and estimate (g/cm2)", "DXA - estimate (g/cm2)");
		p.setColor(Color.BLUE);
		p.addPoints(mean, diff, Plot.CIRCLE);
		final double bias = c.bias(), loa = 1.96 * c.differenceSd();
		p.setColor(Color.BLACK);
		p.drawLine(lo, bias, hi, bias);
		p.setColor(Color.GRAY);
		p.drawDottedLine(lo, bias - loa, hi, bias - loa, 2);
		p.drawDottedLine(lo, bias + loa, hi, bias + loa, 2);
		p.setColor(Color.BLACK);
		p.addLabel(0.02, 0.08, String.format(Locale.ROOT,
			"bias %.3f g/cm2, limits of agreement %.3f to %.3f", bias, bias - loa,
			bias + loa));
		setPaddedLimits(p, mean, concat(diff, bias - loa, bias + loa));
		return p;
	}

	/** Fraction of the data range left free on each side of a plot, so no point sits on the frame. */
	private static final double PLOT_MARGIN = 0.08;

	/** Axis limits spanning x and y with {@link #PLOT_MARGIN} of their ranges on each side. */
	private static void setPaddedLimits(final Plot p, final double[] x, final double[] y) {
		final double[] rx = paddedRange(x), ry = paddedRange(y);
		p.setLimits(rx[0], rx[1], ry[0], ry[1]);
	}

	private static double[] paddedRange(final double[] v) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final double d : v) {
			lo = Math.min(lo, d);
			hi = Math.max(hi, d);
		}
		final double pad = hi > lo ? PLOT_MARGIN * (hi - lo) : Math.max(1e-3, 0.05 * Math.abs(lo));
		return new double[] { lo - pad, hi + pad };
	}

	private static double[] concat(final double[] v, final double... more) {
		final double[] all = java.util.Arrays.copyOf(v, v.length + more.length);
		System.arraycopy(more, 0, all, v.length, more.length);
		return all;
	}

	private static void savePng(final ImagePlus imp, final Path file) {
		AtomicFiles.write(file, tmp -> {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) {
				throw new IOException("ImageJ could not write the PNG");
			}
		});
	}

	private static String stripExtension(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
