package org.bonexr.drr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.CommandRuns;
import org.bonexr.ct.CtVolume;
import org.bonexr.ct.MetaImageWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** {@code Generate DRR from CT} run headless through SciJava's CommandService. */
class GenerateDrrCommandTest {

	private static Context context;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, org.scijava.app.StatusService.class,
			org.scijava.ui.UIService.class, org.scijava.log.LogService.class,
			org.bonexr.kernels.ComputeBackendService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** 30×20×20 mm CT of 1 mm voxels: a 10 mm (x) × 20 × 20 slab of 1000 HU in 40 HU tissue. */
	private static Path ct() throws Exception {
		final TestPhantoms axes = new TestPhantoms(new int[] { 30, 20, 20 },
			new double[] { 1, 1, 1 }, new double[] { -14.5, -9.5, -9.5 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		final CtVolume v = axes.volume(q -> q[0] >= 10 && q[0] < 20 ? 1000 : 40);
		final Path file = tmp.resolve("slab.mha");
		MetaImageWriter.write(v, file, MetaImageWriter.Storage.INT16);
		return file;
	}

	/**
	 * Bone mineral, parallel beam, lateral (0°) and AP (90°) as a 2-slice
	 * stack: laterally the 10 mm slab of 0.8·1000 mg/cm³ gives 0.8 g/cm²; in
	 * the AP view the rays run along the slab: 20 mm → 1.6 g/cm².
	 */
	@Test
	void batchOfAnglesAsCalibratedStack() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", ct().toFile());
		in.put("geometry", GenerateDrrCommand.PARALLEL);
		in.put("gantryAnglesDeg", "0, 90");
		in.put("parallelPixelMm", 1.0);
		in.put("quantity", GenerateDrrCommand.MINERAL);
		final ImagePlus drr = (ImagePlus) CommandRuns.runOrThrow(context.service(
			CommandService.class), GenerateDrrCommand.class, in).getOutput("drr");
		assertEquals(2, drr.getStackSize());
		assertEquals(1.0, drr.getCalibration().pixelWidth, 0);
		assertEquals("mm", drr.getCalibration().getUnit());
		final int cx = drr.getWidth() / 2, cy = drr.getHeight() / 2;
		assertEquals(0.8, drr.getStack().getProcessor(1).getf(cx, cy), 1e-5);
		// AP: columns run along +x; the slab covers x ∈ [−4.5, 5.5) mm
		assertEquals(1.6, drr.getStack().getProcessor(2).getf(cx, cy), 1e-5);
	}

	/**
	 * Trilinear on the context's compute backend (Java here: core's tests have
	 * no CLIJ2): the lateral view of the slab is 0.8 g/cm² in its middle, and
	 * the image is the one {@link TrilinearProjector} makes.
	 */
	@Test
	void trilinearRunsOnTheComputeBackend() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", ct().toFile());
		in.put("geometry", GenerateDrrCommand.PARALLEL);
		in.put("gantryAnglesDeg", "0");
		in.put("algorithm", GenerateDrrCommand.TRILINEAR);
		in.put("stepMm", 0.25);
		in.put("quantity", GenerateDrrCommand.MINERAL);
		final ImagePlus drr = (ImagePlus) CommandRuns.runOrThrow(context.service(
			CommandService.class), GenerateDrrCommand.class, in).getOutput("drr");
		final int cx = drr.getWidth() / 2, cy = drr.getHeight() / 2;
		assertEquals(0.8, drr.getProcessor().getf(cx, cy), 1e-4);
		final CtVolume v = org.bonexr.ct.CtFiles.read(ct().toFile());
		final ProjectionVolume mineral = ProjectionVolume.mineralDensity(v,
			new DensityCalibration(0.8, 0), BoneSelection.of(null, "", 200));
		final Drr java = new TrilinearProjector(0.25).project(mineral,
			ParallelBeamGeometry.covering(v, new double[] { 0 }, 1).get(0));
		org.junit.jupiter.api.Assertions.assertArrayEquals(java.values(),
			(float[]) drr.getProcessor().getPixels(), 0f);
	}

	/**
	 * Cone beam with the default isocentre (the CT's centre) on a CT 300 mm
	 * from the patient origin: the AP central rays cross the slab along its
	 * 20 mm, μ = 0.02/mm·(1 + 1000/1000) → ∫μ dl = 0.8 (obliquity 2 mrad).
	 * The isocentre at the origin instead misses the CT.
	 */
	@Test
	void coneBeamIsCentredOnTheCtByDefault() throws Exception {
		final TestPhantoms axes = new TestPhantoms(new int[] { 30, 20, 20 },
			new double[] { 1, 1, 1 }, new double[] { 285.5, -9.5, -9.5 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		final Path file = tmp.resolve("far-slab.mha");
		MetaImageWriter.write(axes.volume(q -> q[0] >= 10 && q[0] < 20 ? 1000
			: -1000), file, MetaImageWriter.Storage.INT16);
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", file.toFile());
		in.put("gantryAnglesDeg", "90");
		in.put("detectorPixels", 64);
		final ImagePlus centred = (ImagePlus) CommandRuns.runOrThrow(context
			.service(CommandService.class), GenerateDrrCommand.class, in).getOutput(
				"drr");
		assertEquals(0.8, centred.getProcessor().getf(32, 32), 1e-4);
		in.put("isocenterMm", "0, 0, 0");
		final ImagePlus atOrigin = (ImagePlus) CommandRuns.runOrThrow(context
			.service(CommandService.class), GenerateDrrCommand.class, in).getOutput(
				"drr");
		assertEquals(0, atOrigin.getStatistics().max, 0);
	}

	@Test
	void badAngleTextIsExplained() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("ct", ct().toFile());
		in.put("gantryAnglesDeg", "ninety");
		final BoneXRException e = assertThrows(BoneXRException.class,
			() -> CommandRuns.runOrThrow(context.service(CommandService.class),
				GenerateDrrCommand.class, in));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(
			"ninety"), e.getMessage());
	}
}
