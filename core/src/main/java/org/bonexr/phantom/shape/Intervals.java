package org.bonexr.phantom.shape;

import java.util.Arrays;

/**
 * A sorted set of disjoint open-closed intervals of a ray parameter t: the
 * part of a ray {@code o + t·d} that lies inside a {@link Solid}. With a unit
 * direction, t is a length in mm. Bounds may be infinite (a ray inside an
 * unbounded cylinder). Immutable.
 */
public final class Intervals {

	/** The empty set. */
	public static final Intervals EMPTY = new Intervals(new double[0]);

	/** The whole ray. */
	public static final Intervals ALL = new Intervals(new double[] {
		Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY });

	/** t0, t1, t0, t1, …: sorted, each t0 &lt; t1, no two touching. */
	private final double[] bounds;

	private Intervals(final double[] bounds) {
		this.bounds = bounds;
	}

	/** The interval [t0, t1], or {@link #EMPTY} when t1 ≤ t0. */
	public static Intervals of(final double t0, final double t1) {
		return t1 > t0 ? new Intervals(new double[] { t0, t1 }) : EMPTY;
	}

	public boolean isEmpty() {
		return bounds.length == 0;
	}

	/** Number of disjoint intervals. */
	public int count() {
		return bounds.length / 2;
	}

	public double start(final int i) {
		return bounds[2 * i];
	}

	public double end(final int i) {
		return bounds[2 * i + 1];
	}

	/** Total length (mm for a unit direction); infinite for unbounded sets. */
	public double length() {
		double sum = 0;
		for (int i = 0; i < bounds.length; i += 2) {
			sum += bounds[i + 1] - bounds[i];
		}
		return sum;
	}

	/** Total length of the part of this set inside [t0, t1]. */
	public double lengthWithin(final double t0, final double t1) {
		double sum = 0;
		for (int i = 0; i < bounds.length; i += 2) {
			final double a = Math.max(bounds[i], t0);
			final double b = Math.min(bounds[i + 1], t1);
			if (b > a) sum += b - a;
		}
		return sum;
	}

	public Intervals union(final Intervals other) {
		if (other.isEmpty()) return this;
		if (isEmpty()) return other;
		final double[] all = new double[bounds.length + other.bounds.length];
		// merge by start
		int i = 0, j = 0, n = 0;
		while (i < bounds.length || j < other.bounds.length) {
			final boolean takeMine = j >= other.bounds.length ||
				i < bounds.length && bounds[i] <= other.bounds[j];
			final double s = takeMine ? bounds[i] : other.bounds[j];
			final double e = takeMine ? bounds[i + 1] : other.bounds[j + 1];
			if (takeMine) i += 2;
			else j += 2;
			if (n > 0 && s <= all[n - 1]) {
				all[n - 1] = Math.max(all[n - 1], e);
			}
			else {
				all[n++] = s;
				all[n++] = e;
			}
		}
		return new Intervals(Arrays.copyOf(all, n));
	}

	public Intervals intersect(final Intervals other) {
		if (isEmpty() || other.isEmpty()) return EMPTY;
		final double[] out = new double[bounds.length + other.bounds.length];
		int i = 0, j = 0, n = 0;
		while (i < bounds.length && j < other.bounds.length) {
			final double s = Math.max(bounds[i], other.bounds[j]);
			final double e = Math.min(bounds[i + 1], other.bounds[j + 1]);
			if (e > s) {
				out[n++] = s;
				out[n++] = e;
			}
			if (bounds[i + 1] < other.bounds[j + 1]) i += 2;
			else j += 2;
		}
		return n == 0 ? EMPTY : new Intervals(Arrays.copyOf(out, n));
	}

	/** This set without the points of {@code other}. */
	public Intervals minus(final Intervals other) {
		if (isEmpty() || other.isEmpty()) return this;
		final double[] out = new double[bounds.length + other.bounds.length +
			2];
		int n = 0;
		int j = 0;
		for (int i = 0; i < bounds.length; i += 2) {
			double s = bounds[i];
			final double e = bounds[i + 1];
			while (j < other.bounds.length && other.bounds[j + 1] <= s) j += 2;
			int k = j;
			while (k < other.bounds.length && other.bounds[k] < e) {
				if (other.bounds[k] > s) {
					out[n++] = s;
					out[n++] = other.bounds[k];
				}
				s = Math.max(s, other.bounds[k + 1]);
				if (s >= e) break;
				k += 2;
			}
			if (s < e) {
				out[n++] = s;
				out[n++] = e;
			}
		}
		return n == 0 ? EMPTY : new Intervals(Arrays.copyOf(out, n));
	}

	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder("{");
		for (int i = 0; i < bounds.length; i += 2) {
			if (i > 0) sb.append(", ");
			sb.append('[').append(bounds[i]).append(", ").append(bounds[i + 1])
				.append(']');
		}
		return sb.append('}').toString();
	}
}
