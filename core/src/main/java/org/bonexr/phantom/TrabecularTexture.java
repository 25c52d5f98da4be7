package org.bonexr.phantom;

import java.util.SplittableRandom;

import org.bonexr.phantom.shape.Intervals;

/**
 * A seeded random 3D texture standing in for trabecular bone: the relative
 * modulation {@code m(p) = Σ_k a_k·cos(k·p + φ_k)} of the trabecular
 * attenuation, so that μ(p) = μ_trab·(1 + m(p)).
 * <p>
 * Wave vectors have random in-plane directions, wavelengths around a given
 * spacing (trabecular spacing ≈ 0.5–1.5 mm) and a small component along the
 * beam (local z), so that the structure survives projection, as plate-like
 * trabeculae do. Amplitudes are equal and sum to the contrast (&lt; 1), so the
 * attenuation never becomes negative. The line integral of m along any
 * straight chord is computed in closed form ({@code ∫cos(α+βt)dt}), so the
 * textured projection is exact, not sampled. Immutable, lengths in mm.
 */
public final class TrabecularTexture {

	private static final int COMPONENTS = 24;
	/** Largest beam-direction part of a wave vector, relative to its length. */
	private static final double MAX_BEAM_COMPONENT = 0.05;

	private final double[] k; // kx, ky, kz per component, rad/mm
	private final double[] phase;
	private final double amplitude;

	/**
	 * @param contrast sum of the amplitudes, in [0, 1)
	 * @param wavelengthMm typical structure period in mm
	 * @param random source of the texture (consumed)
	 */
	public TrabecularTexture(final double contrast, final double wavelengthMm,
		final SplittableRandom random)
	{
		k = new double[3 * COMPONENTS];
		phase = new double[COMPONENTS];
		amplitude = contrast / COMPONENTS;
		for (int i = 0; i < COMPONENTS; i++) {
			final double lambda = wavelengthMm * (0.7 + 0.7 * random.nextDouble());
			final double mag = 2 * Math.PI / lambda;
			final double angle = Math.PI * random.nextDouble();
			final double beam = MAX_BEAM_COMPONENT * (2 * random.nextDouble() - 1);
			final double inPlane = Math.sqrt(1 - beam * beam);
			k[3 * i] = mag * inPlane * Math.cos(angle);
			k[3 * i + 1] = mag * inPlane * Math.sin(angle);
			k[3 * i + 2] = mag * beam;
			phase[i] = 2 * Math.PI * random.nextDouble();
		}
	}

	/**
	 * ∫ m(o + t·d) dt over the given intervals (finite), in mm when d is a unit
	 * vector.
	 */
	public double lineIntegral(final double[] o, final double[] d,
		final Intervals chords)
	{
		if (amplitude == 0 || chords.isEmpty()) return 0;
		double sum = 0;
		for (int i = 0; i < COMPONENTS; i++) {
			final double alpha = k[3 * i] * o[0] + k[3 * i + 1] * o[1] + k[3 * i +
				2] * o[2] + phase[i];
			final double beta = k[3 * i] * d[0] + k[3 * i + 1] * d[1] + k[3 * i +
				2] * d[2];
			for (int j = 0; j < chords.count(); j++) {
				final double t0 = chords.start(j), t1 = chords.end(j);
				if (Math.abs(beta) * (t1 - t0) < 1e-6) {
					sum += Math.cos(alpha + beta * 0.5 * (t0 + t1)) * (t1 - t0);
				}
				else {
					sum += (Math.sin(alpha + beta * t1) - Math.sin(alpha + beta * t0)) /
						beta;
				}
			}
		}
		return amplitude * sum;
	}

	/** m(p), for tests and voxel sampling. */
	public double valueAt(final double[] p) {
		double sum = 0;
		for (int i = 0; i < COMPONENTS; i++) {
			sum += Math.cos(k[3 * i] * p[0] + k[3 * i + 1] * p[1] + k[3 * i + 2] *
				p[2] + phase[i]);
		}
		return amplitude * sum;
	}
}
