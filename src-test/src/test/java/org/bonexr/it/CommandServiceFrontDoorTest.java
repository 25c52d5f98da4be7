package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.util.HashMap;
import java.util.Map;

import org.bonexr.attenuation.ConvertToAttenuationCommand;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Front door 1: the SciJava command, run headless through CommandService. */
class CommandServiceFrontDoorTest {

	private static Context context;
	private static CommandService commands;

	@BeforeAll
	static void startContext() {
		context = new Context();
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stopContext() {
		context.dispose();
	}

	@Test
	void convertToAttenuationRecoversKnownAttenuationAndKeepsSpacing()
		throws Exception
	{
		final ImagePlus input = TestImages.knownAttenuation16Bit();
		final short[] before = ((short[]) input.getProcessor().getPixels()).clone();
		final Map<String, Object> in = new HashMap<>();
		in.put("image", input);
		in.put("i0", 0.0);
		final CommandModule m = commands.run(ConvertToAttenuationCommand.class,
			true, in).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus a = (ImagePlus) m.getOutput("attenuation");
		assertEquals(TestImages.I0, (Double) m.getOutput("i0Used"), 0);
		assertTrue(TestImages.maxErrorBeyondRounding(a) <= 1e-5);
		assertEquals(TestImages.SPACING_MM, a.getCalibration().pixelWidth);
		assertEquals("mm", a.getCalibration().getUnit());
		assertEquals("ATTENUATION", a.getProp(
			ImagePlusRadiographs.DOMAIN_PROPERTY));
		assertTrue(java.util.Arrays.equals(before, (short[]) input.getProcessor()
			.getPixels()), "input modified");
	}

	@Test
	void rgbInputCancelsWithMessageNamingTheFix() throws Exception {
		final Map<String, Object> in = new HashMap<>();
		in.put("image", new ImagePlus("photo", new ColorProcessor(8, 8)));
		final CommandModule m = commands.run(ConvertToAttenuationCommand.class,
			true, in).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("colour"), m.getCancelReason());
		assertTrue(m.getCancelReason().contains("Image>Type>32-bit"), m
			.getCancelReason());
		assertEquals(null, m.getOutput("attenuation"));
	}
}
