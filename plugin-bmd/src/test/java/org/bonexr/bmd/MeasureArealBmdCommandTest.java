package org.bonexr.bmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.CommandRuns;
import org.bonexr.ct.CtVolume;
import org.bonexr.ct.MetaImageWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.ui.UIService;

/**
 * {@code Measure Areal BMD from CT} run headless through SciJava's
 * CommandService on a box phantom: 30 (x) × 20 (y, along the AP beam) × 40
 * (z) mm of 500 HU in 40 HU tissue, 1 mm voxels, calibration 1 mg/cm³ per HU:
 * aBMD = 500 mg/cm³ × 20 mm = 1.0 g/cm², BMC = 12 g, area = 12 cm².
 */
class MeasureArealBmdCommandTest {

	private static Context context;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, StatusService.class,
			UIService.class, LogService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static File boxCt() throws Exception {
		final int nx = 40, ny = 30, nz = 50;
		final float[] v = new float[nx * ny * nz];
		for (int k = 0; k < nz; k++)
			for (int j = 0; j < ny; j++)
				for (int i = 0; i < nx; i++) {
					final boolean box = Math.abs(i - 19.5) < 15 && Math.abs(j - 14.5) < 10 &&
						Math.abs(k - 24.5) < 20;
					v[i + nx * (j + ny * k)] = box ? 500 : 40;
				}
		final CtVolume ct = new CtVolume("box", ArrayImgs.floats(v, nx, ny, nz),
			new double[] { 1, 1, 1 });
		final File file = tmp.resolve("box.mha").toFile();
		MetaImageWriter.write(ct, file.toPath(), MetaImageWriter.Storage.INT16);
		return file;
	}

	private static CommandModule run(final Map<String, Object> in) {
		return CommandRuns.runOrThrow(context.service(CommandService.class),
			MeasureArealBmdCommand.class, in);
	}

	@Test
	void wholeBoneGivesAnalyticBmdBmcAndAreaWithTScore() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", boxCt());
		in.put("slopeMgPerCm3PerHu", 1.0);
		in.put("pixelMm", 1.0);
		in.put("tReference", MeasureArealBmdCommand.NECK);
		final CommandModule m = run(in);
		assertEquals(1.0, (Double) m.getOutput("bmdGPerCm2"), 1e-5);
		assertEquals(12.0, (Double) m.getOutput("bmcG"), 1e-4);
		assertEquals(12.0, (Double) m.getOutput("areaCm2"), 1e-9);
		assertEquals((1.0 - 0.858) / 0.120, (Double) m.getOutput("tScore"), 1e-4);
		final ResultsTable t = (ResultsTable) m.getOutput("bmdTable");
		assertEquals(1.0, t.getValue("aBMD (g/cm2)", 0), 1e-5);
		final ImagePlus drr = (ImagePlus) m.getOutput("drr");
		assertEquals(1.0, drr.getCalibration().pixelWidth, 0);
	}

	@Test
	void roiFileRestrictsTheRegionAndIsOverlaid() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", boxCt());
		in.put("slopeMgPerCm3PerHu", 1.0);
		in.put("pixelMm", 1.0);
		// the DRR of a 40×30×50 mm CT at 1 mm, AP: columns along x, rows along −z
		final Roi roi = new Roi(20, 20, 10, 8);
		final File roiFile = tmp.resolve("neck.roi").toFile();
		RoiEncoder.save(roi, roiFile.getPath());
		in.put("roiFile", roiFile);
		final CommandModule m = run(in);
		assertEquals(1.0, (Double) m.getOutput("bmdGPerCm2"), 1e-5);
		assertEquals(0.8, (Double) m.getOutput("areaCm2"), 1e-9);
		assertNotNull(((ImagePlus) m.getOutput("drr")).getOverlay());
	}
}
