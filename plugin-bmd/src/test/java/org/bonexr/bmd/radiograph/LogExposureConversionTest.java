package org.bonexr.bmd.radiograph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.junit.jupiter.api.Test;

class LogExposureConversionTest {

	@Test
	void logValuesBecomeBeerLambertAttenuation() {
		// v = 40 + k·log10(E_open/E) for known attenuations A = ln(E_open/E)
		final double k = 512;
		final int n = 1000;
		final float[] v = new float[n];
		final double[] a = new double[n];
		for (int i = 0; i < n; i++) {
			a[i] = i < 100 ? 0 : 0.5 + 3.0 * i / n; // 10% open field
			v[i] = (float) (40 + k * a[i] / Math.log(10));
		}
		final Radiograph r = LogExposureConversion.convert(new Radiograph("cr",
			ArrayImgs.floats(v, n, 1), PixelSpacing.mm(0.2, 0.2),
			ValueDomain.INTENSITY), k);
		assertEquals(ValueDomain.ATTENUATION, r.domain());
		assertEquals(PixelSpacing.mm(0.2, 0.2), r.spacing());
		int i = 0;
		for (final FloatType t : Views.flatIterable(r.pixels())) {
			assertEquals(a[i++], t.get(), 1e-4);
		}
	}

	@Test
	void attenuationInputOrBadScaleIsRefused() {
		final Radiograph att = new Radiograph("a", ArrayImgs.floats(new float[4], 2,
			2), PixelSpacing.mm(1, 1), ValueDomain.ATTENUATION);
		assertThrows(BoneXRException.class, () -> LogExposureConversion.convert(att,
			512));
		final Radiograph in = new Radiograph("i", ArrayImgs.floats(new float[4], 2,
			2), PixelSpacing.mm(1, 1), ValueDomain.INTENSITY);
		assertThrows(BoneXRException.class, () -> LogExposureConversion.convert(in,
			0));
	}
}
