package org.bonexr.bmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.cli.CommandCatalog;
import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.bonexr.ct.CtVolume;
import org.bonexr.ct.MetaImageWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.log.LogService;
import org.scijava.ui.UIService;

/**
 * The macro function {@code Ext.measureArealBmdFromCt} and the
 * {@code bonexr demo} CT step, each through its real entry point.
 */
class CtBmdFrontDoorsTest {

	private static Context context;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, StatusService.class,
			UIService.class, LogService.class, ConvertService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** 20 mm of 500 HU along the AP beam, calibration 1 mg/cm³ per HU: 1.0 g/cm². */
	@Test
	void macroFunctionReturnsBmdBmcAndArea() throws Exception {
		final int nx = 20, ny = 30, nz = 20;
		final float[] v = new float[nx * ny * nz];
		for (int k = 0; k < nz; k++)
			for (int j = 5; j < 25; j++)
				for (int i = 0; i < nx; i++)
					v[i + nx * (j + ny * k)] = 500;
		final Path file = tmp.resolve("slab.mha");
		MetaImageWriter.write(new CtVolume("slab", ArrayImgs.floats(v, nx, ny, nz),
			new double[] { 1, 1, 1 }), file, MetaImageWriter.Storage.INT16);
		final MeasureArealBmdMacro fn = new MeasureArealBmdMacro();
		context.inject(fn);
		final Double[] bmd = { 0.0 }, bmc = { 0.0 }, area = { 0.0 };
		fn.call(new Object[] { file.toString(), "", "", 1.0, 0.0, bmd, bmc,
			area });
		assertEquals(1.0, bmd[0], 1e-5);
		assertEquals(4.0, area[0], 1e-9); // 20 × 20 mm
		assertEquals(4.0, bmc[0], 1e-4);
	}

	/** The demo step on the sample hip phantom: BMC = the phantom's mineral mass within 0.1%. */
	@Test
	void demoStepMeasuresTheSampleHipPhantom() throws Exception {
		final Path samples = Paths.get("..", "sample-images");
		assumeTrue(Files.isRegularFile(samples.resolve("hip-phantom-ct.tif")),
			"sample-images absent");
		final CommandCatalog catalog = new CommandCatalog(context.service(
			CommandService.class));
		final HeadlessCommandRunner runner = new HeadlessCommandRunner(context
			.service(CommandService.class), context.service(ConvertService.class));
		final DemoStep.DemoRunner demoRunner = (command, params, dir) -> runner
			.run(catalog.find(command), params, dir);
		final Path out = Files.createDirectories(tmp.resolve("demo"));
		final String line = new CtBmdDemo().run(samples, out, demoRunner);
		assertTrue(line.contains("BMC 13.58") || line.contains("BMC 13.59"), line);
		assertTrue(Files.list(out.resolve("drr")).anyMatch(f -> f.getFileName()
			.toString().endsWith(".tif")), "DRR written");
		System.out.println(line);
	}
}
