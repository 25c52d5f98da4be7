package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.bonexr.bmd.radiograph.EstimateBmdFromRadiographCommand;
import org.bonexr.core.SharedData;
import org.bonexr.core.io.RadiographReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The real CR hip radiograph RG2_UNC.dcm (Fuji CR, 0.2 mm/px, log-exposure
 * values with bone bright): the command runs on it with the log-exposure
 * conversion and gives a bone DRR at the model's 1 mm and a finite aBMD.
 * The demo model was trained on phantoms: the value is not checked against
 * any truth (there is none), only that the pipeline handles a real image.
 */
class HipBmdRealImageTest {

	@TempDir
	Path dir;

	@Test
	void realCrHipRunsThroughTheCommand() throws Exception {
		final Path dcm = SharedData.file("dicom-nema/RG2_UNC.dcm");
		final ImagePlus imp = RadiographReader.readImagePlus(dcm);
		try (Context context = new Context()) {
			final Map<String, Object> in = new HashMap<>();
			in.put("image", imp);
			in.put("pixelValues", "log exposure, bone bright (CR/DX for presentation)");
			in.put("previewPng", dir.resolve("rg2-bone-drr.png").toFile());
			final CommandModule m = context.service(CommandService.class).run(
				EstimateBmdFromRadiographCommand.class, true, in).get();
			assertFalse(m.isCanceled(), m.getCancelReason());
			final ImagePlus drr = (ImagePlus) m.getOutput("boneDrr");
			// 1760×2140 px of 0.2 mm → 352×428 px of 1 mm
			assertEquals(352, drr.getWidth());
			assertEquals(428, drr.getHeight());
			final double neck = (Double) m.getOutput("bmdGPerCm2");
			final double total = (Double) m.getOutput("totalHipBmdGPerCm2");
			System.out.printf("RG2_UNC: femoral neck %.3f, total hip %.3f g/cm2%n",
				neck, total);
			assertTrue(neck > 0 && neck < 5, "neck " + neck);
			assertTrue(total > 0 && total < 5, "total hip " + total);
			assertTrue(Files.size(dir.resolve("rg2-bone-drr.png")) > 1000);
		}
	}
}
