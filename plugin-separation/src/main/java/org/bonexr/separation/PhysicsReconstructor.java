package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.bonexr.core.BoneXRException;

/**
 * The physics of layer separation in the attenuation domain (Beer–Lambert:
 * attenuations of superposed materials add): upper bone + lower bone + soft
 * tissue = radiograph. Measures how far given layers are from that
 * constraint ({@link #residual}) and projects them onto it
 * ({@link #project}).
 * <p>
 * Projection: with residual r = A − (U + L + S), each layer k gets
 * {@code L_k + w_k·r} with weights w_k ≥ 0 that sum to 1 in every pixel,
 * so the new layers add up to A (up to float rounding; the soft-tissue layer
 * is computed as A − U' − L' so that the float sum is as exact as it can
 * be). This is the weighted least-squares correction (minimum of
 * Σ_k ΔL_k²/w_k under the constraint). Weights:
 * <ul>
 * <li>{@link Distribution#PROPORTIONAL}: w_k = |L_k| / Σ_j |L_j|, each layer
 * absorbs the share of the residual it has of the total attenuation (a
 * layer that is 0 stays 0); where all three layers are 0 the residual is
 * split equally (1/3 each).</li>
 * <li>{@link Distribution#EQUAL}: w_k = 1/3 everywhere.</li>
 * </ul>
 * Inputs are never modified; all images must have the same size.
 */
public final class PhysicsReconstructor {

	/** How the residual is shared among the layers. */
	public enum Distribution {
			/** In proportion to each layer's |attenuation| (equal where all are 0). */
			PROPORTIONAL,
			/** One third to each layer. */
			EQUAL
	}

	private PhysicsReconstructor() {}

	/** The residual of the layers against the radiograph (attenuation). */
	public static Residual residual(
		final RandomAccessibleInterval<? extends RealType<?>> attenuation,
		final Layers layers)
	{
		checkSize(attenuation, layers);
		final float[] a = Pixels.floats(attenuation);
		final float[] u = Pixels.floats(layers.upper());
		final float[] l = Pixels.floats(layers.lower());
		final float[] s = Pixels.floats(layers.softTissue());
		final float[] r = new float[a.length];
		double sumSq = 0, maxAbs = 0;
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < a.length; i++) {
			r[i] = a[i] - (u[i] + l[i] + s[i]);
			sumSq += (double) r[i] * r[i];
			maxAbs = Math.max(maxAbs, Math.abs(r[i]));
			min = Math.min(min, a[i]);
			max = Math.max(max, a[i]);
		}
		return new Residual(Pixels.image(r, layers.width(), layers.height()), Math
			.sqrt(sumSq / a.length), maxAbs, (double) max - min);
	}

	/**
	 * New layers that add up to the radiograph exactly, the residual
	 * distributed as the class comment says.
	 */
	public static Layers project(
		final RandomAccessibleInterval<? extends RealType<?>> attenuation,
		final Layers layers, final Distribution distribution)
	{
		checkSize(attenuation, layers);
		final float[] a = Pixels.floats(attenuation);
		final float[] u = Pixels.floats(layers.upper());
		final float[] l = Pixels.floats(layers.lower());
		final float[] s = Pixels.floats(layers.softTissue());
		for (int i = 0; i < a.length; i++) {
			final double r = (double) a[i] - ((double) u[i] + l[i] + s[i]);
			double wu = 1.0 / 3, wl = 1.0 / 3;
			if (distribution == Distribution.PROPORTIONAL) {
				final double total = Math.abs(u[i]) + Math.abs(l[i]) + Math.abs(s[i]);
				if (total > 0) {
					wu = Math.abs(u[i]) / total;
					wl = Math.abs(l[i]) / total;
				}
			}
			u[i] = (float) (u[i] + wu * r);
			l[i] = (float) (l[i] + wl * r);
			s[i] = a[i] - u[i] - l[i];
		}
		final long w = layers.width(), h = layers.height();
		return new Layers(Pixels.image(u, w, h), Pixels.image(l, w, h), Pixels
			.image(s, w, h), layers.spacing());
	}

	private static void checkSize(
		final RandomAccessibleInterval<? extends RealType<?>> attenuation,
		final Layers layers)
	{
		if (attenuation.numDimensions() != 2 || attenuation.dimension(0) != layers
			.width() || attenuation.dimension(1) != layers.height())
		{
			throw new BoneXRException("The radiograph and the layers differ in size.",
				"Give layers computed from this radiograph.");
		}
	}
}
