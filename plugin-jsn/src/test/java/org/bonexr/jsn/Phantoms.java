package org.bonexr.jsn;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.core.Radiograph;
import org.bonexr.core.RealPixels;
import org.bonexr.core.ValueDomain;
import org.bonexr.phantom.JointPhantom;
import org.bonexr.phantom.JointPhantomParameters;
import org.bonexr.phantom.JointPhantomResult;
import org.bonexr.phantom.XrayDegradation;

/** Joint phantoms for the tests (default noise 20000 photons, 10% scatter). */
final class Phantoms {

	private Phantoms() {}

	static JointPhantomResult render(final double spacingMm, final double jswMm,
		final double flexionDeg, final long seed)
	{
		return JointPhantom.render(JointPhantomParameters.builder().spacingMm(
			spacingMm).jswMm(jswMm).flexionDeg(flexionDeg).supersampling(2).seed(
				seed).build());
	}

	static JointImage raw(final JointPhantomResult r) {
		return JointImage.ofRadiograph(r.attenuation());
	}

	static JointImage layers(final JointPhantomResult r) {
		return JointImage.ofLayers(r.proximalLayer(), r.distalLayer());
	}

	static JointAxis axis(final JointPhantomResult r) {
		return JointAxis.fromMasks(r.proximalMask(), r.distalMask());
	}

	/**
	 * The phantom's noise-free image degraded again with another noise seed:
	 * the same joint, another exposure.
	 */
	static Radiograph reexposed(final JointPhantomResult r, final long seed) {
		final JointPhantomParameters p = r.parameters();
		final float[] a = RealPixels.copy(r.attenuationNoiseFree().pixels());
		final XrayDegradation.Detected d = p.degradation().apply(a, p.widthPx(), p
			.heightPx(), p.spacingMm(), seed);
		return new Radiograph(r.attenuation().name() + " (seed " + seed + ")",
			ArrayImgs.floats(d.attenuation, p.widthPx(), p.heightPx()), r
				.attenuation().spacing(), ValueDomain.ATTENUATION);
	}
}
