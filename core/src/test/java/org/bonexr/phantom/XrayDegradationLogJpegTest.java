package org.bonexr.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JPEG rendering linear in attenuation keeps small attenuation steps. */
class XrayDegradationLogJpegTest {

	@Test
	void logEncodingQuantisesAttenuationNotIntensity() {
		// a thick body (A = 3.5) with a bone step of 0.3: linear 8-bit intensity
		// keeps ~2 grey levels of it, the log rendering ~13
		final int w = 64, h = 64;
		final float[] a = new float[w * h];
		for (int i = 0; i < a.length; i++) a[i] = (i % w) < 32 ? 3.5f : 3.8f;
		final XrayDegradation.Builder b = XrayDegradation.builder().quantumNoise(
			false).scatter(0, 3).jpegQuality(100);
		final XrayDegradation.Detected log = b.jpegLogEncoding(true).build().apply(a,
			w, h, 1, 1);
		final XrayDegradation.Detected lin = b.jpegLogEncoding(false).build()
			.apply(a, w, h, 1, 1);
		final double step = XrayDegradation.JPEG_LOG_MAX_ATTENUATION / 255;
		final int row = 32 * w;
		assertEquals(3.5, log.attenuation[row + 8], step);
		assertEquals(3.8, log.attenuation[row + 56], step);
		assertEquals(0.3, log.attenuation[row + 56] - log.attenuation[row + 8],
			2 * step);
		// linear 8-bit: I/I0 = 0.030 and 0.022 → grey 8 and 6; attenuation error ≫ step
		assertTrue(Math.abs(lin.attenuation[row + 8] - 3.5) > 2 * step ||
			Math.abs(lin.attenuation[row + 56] - 3.8) > 2 * step);
	}
}
