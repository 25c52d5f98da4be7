package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;

/** Device choice, fallback and the one log line of {@link ComputeBackend}. */
class ComputeBackendTest {

	private static final double I0 = 40000;
	private static final String CPU_UPPER = "CPU";
	private static final AttenuationParameters P = new AttenuationParameters(I0, 2, 0.7, 1.5);

	@Test
	void cpuForcesJavaTwinWithOneInfoLine() {
		final LogCapture log = new LogCapture();
		try (ComputeBackend backend = new ComputeBackend("CPU", log.logger)) {
			final Img<FloatType> in = TestImages.radiograph(I0, 9, 128, 96);
			final Img<FloatType> out = backend.attenuation(in, P);
			assertFalse(backend.isOpenCL());
			assertEquals("Java", backend.backend().name());
			assertTrue(backend.backend().toString().startsWith("Java (device 'cpu' was requested"), backend.backend()
				.toString());
			assertEquals(0, ImageComparison.maxRelativeDifference(out, AttenuationTransformJava.attenuation(in, P)));
			final LogMessage line = log.single();
			assertEquals(LogLevel.INFO, line.level());
			assertTrue(line.text().contains("Java") && line.text().contains("'cpu'"), line.text());
		}
	}

	@Test
	void systemPropertySetsTheDefaultChoice() {
		final String before = System.getProperty(ComputeBackend.DEVICE_PROPERTY);
		System.setProperty(ComputeBackend.DEVICE_PROPERTY, "cpu");
		try (ComputeBackend backend = new ComputeBackend()) {
			assertEquals("cpu", backend.requestedDevice());
			assertFalse(backend.isOpenCL());
		}
		finally {
			if (before == null) System.clearProperty(ComputeBackend.DEVICE_PROPERTY);
			else System.setProperty(ComputeBackend.DEVICE_PROPERTY, before);
		}
	}

	@Test
	void defaultIsTheFirstDeviceLoggedOnce() {
		final String first = OpenClTestSupport.requireDevice();
		final LogCapture log = new LogCapture();
		try (ComputeBackend backend = new ComputeBackend(null, log.logger)) {
			assertTrue(backend.isOpenCL());
			assertEquals(first, backend.backend().deviceName().get());
			assertEquals("OpenCL: " + first, backend.backend().toString());
			backend.attenuation(TestImages.radiograph(I0, 2, 32, 32), P);
			backend.backend();
			final LogMessage line = log.single();
			assertEquals(LogLevel.INFO, line.level());
			assertTrue(line.text().contains("OpenCL: " + first), line.text());
		}
	}

	@Test
	void partOfADeviceNameInAnyCaseSelectsIt() {
		final String first = OpenClTestSupport.requireDevice();
		final String part = first.substring(0, Math.min(7, first.length())).toUpperCase(Locale.ROOT);
		try (ComputeBackend backend = new ComputeBackend(" " + part + " ", new LogCapture().logger)) {
			assertEquals(first, backend.backend().deviceName().get());
		}
	}

	/** Decision: an unknown name falls back to Java with a warning listing the devices, rather than failing. */
	@Test
	void unknownDeviceFallsBackToJavaWithAWarningListingDevices() {
		final String first = OpenClTestSupport.requireDevice();
		final LogCapture log = new LogCapture();
		try (ComputeBackend backend = new ComputeBackend("no-such-gpu", log.logger)) {
			final Img<FloatType> in = TestImages.radiograph(I0, 3, 50, 40);
			assertEquals(0, ImageComparison.maxRelativeDifference(backend.attenuation(in, P), AttenuationTransformJava
				.attenuation(in, P)));
			assertFalse(backend.isOpenCL());
			final LogMessage line = log.single();
			assertEquals(LogLevel.WARN, line.level());
			assertTrue(line.text().contains("'no-such-gpu'") && line.text().contains(first), line.text());
			assertTrue(backend.backend().reason().contains("no OpenCL device matches 'no-such-gpu'"));
		}
	}

	@Test
	void closeReleasesTheDeviceAndALaterCallReopensIt() {
		final String first = OpenClTestSupport.requireDevice();
		final Img<FloatType> in = TestImages.radiograph(I0, 4, 64, 64);
		try (ComputeBackend backend = new ComputeBackend(first, new LogCapture().logger)) {
			final Img<FloatType> before = backend.attenuation(in, P);
			backend.close();
			final Img<FloatType> after = backend.attenuation(in, P);
			assertTrue(backend.isOpenCL());
			assertEquals(0, ImageComparison.maxRelativeDifference(after, before));
		}
	}

	@Test
	void selectDeviceSwitchesBackendsAndLogsEachChoiceOnce() {
		final String first = OpenClTestSupport.requireDevice();
		final LogCapture log = new LogCapture();
		try (ComputeBackend backend = new ComputeBackend(CPU_UPPER, log.logger)) {
			assertFalse(backend.isOpenCL());
			backend.selectDevice(null);
			assertTrue(backend.isOpenCL());
			assertEquals(first, backend.backend().deviceName().get());
			backend.selectDevice("cpu");
			assertFalse(backend.isOpenCL());
			assertEquals(3, log.messages.size(), log.messages.toString());
		}
	}

	@Test
	void deviceNamesAreListed() {
		final String first = OpenClTestSupport.requireDevice();
		assertEquals(first, ComputeBackend.openClDeviceNames().get(0));
	}
}
