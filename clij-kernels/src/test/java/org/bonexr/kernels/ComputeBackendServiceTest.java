package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;

/**
 * The service in a real SciJava context (the test class path has the CLIJ2
 * stand-ins, so CLIJ2 loads as in Fiji).
 */
class ComputeBackendServiceTest {

	private static final double I0 = 45000;

	@Test
	void serviceRunsOnTheFirstDeviceAndMatchesTheJavaTwin() {
		final String device = OpenClTestSupport.requireDevice();
		Assumptions.assumeTrue(System.getProperty(ComputeBackend.DEVICE_PROPERTY) == null,
			"bonexr.device is set; this test checks the default choice");
		final Context context = new Context(ComputeBackendService.class);
		try {
			final List<LogMessage> lines = new CopyOnWriteArrayList<>();
			context.service(LogService.class).addLogListener(lines::add);
			final ComputeBackendService service = context.service(ComputeBackendService.class);
			assertInstanceOf(DefaultComputeBackendService.class, service);
			assertTrue(lines.isEmpty(), "no device work while the context starts: " + lines);

			final Img<FloatType> in = TestImages.radiograph(I0, 21, 256, 192);
			final AttenuationParameters p = new AttenuationParameters(I0, 3, 1.0, 0.5);
			final Img<FloatType> out = service.attenuation(in, p);

			assertTrue(service.isOpenCL());
			assertEquals("OpenCL: " + device, service.backend().toString());
			assertEquals(device, service.openClDeviceNames().get(0));
			assertTrue(ImageComparison.maxRelativeDifference(out, AttenuationTransformJava.attenuation(in, p)) <= 1e-5);
			assertEquals(1, lines.size(), lines.toString());
			assertTrue(lines.get(0).text().contains(device));

			service.selectDevice(ComputeBackend.CPU);
			assertFalse(service.isOpenCL());
			assertEquals(0, ImageComparison.maxRelativeDifference(service.attenuation(in, p), AttenuationTransformJava
				.attenuation(in, p)));
			assertEquals(2, lines.size(), lines.toString());
		}
		finally {
			context.dispose();
		}
	}
}
