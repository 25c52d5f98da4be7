package org.bonexr.phantom.shape;

/**
 * A solid in 3D space (lengths in mm), described by where a straight ray
 * enters and leaves it. This is all a projection needs: the line integral of
 * a constant attenuation or density through the solid is the constant times
 * the chord length {@code intersect(o, d).length()}, computed in closed form
 * for the quadric pieces ({@link ConvexQuadric}) and exactly for their unions
 * and differences.
 */
public interface Solid {

	/**
	 * The parameters t at which {@code o + t·d} lies inside this solid.
	 *
	 * @param o a point on the ray (mm)
	 * @param d the ray direction; unit length for t in mm
	 */
	Intervals intersect(double[] o, double[] d);

	/** Points inside this solid or the other. */
	default Solid union(final Solid other) {
		return (o, d) -> intersect(o, d).union(other.intersect(o, d));
	}

	/** Points inside this solid but not inside the other. */
	default Solid minus(final Solid other) {
		return (o, d) -> {
			final Intervals mine = intersect(o, d);
			return mine.isEmpty() ? mine : mine.minus(other.intersect(o, d));
		};
	}

	/** Points inside both. */
	default Solid intersection(final Solid other) {
		return (o, d) -> {
			final Intervals mine = intersect(o, d);
			return mine.isEmpty() ? mine : mine.intersect(other.intersect(o, d));
		};
	}

	/**
	 * This solid moved by a rigid transform: a point p of this solid is at
	 * {@code pose.apply(p)} in the returned one.
	 */
	default Solid placed(final Pose pose) {
		return (o, d) -> intersect(pose.toLocalPoint(o), pose.toLocalDirection(
			d));
	}

	/** Whether the point lies inside (tested with a short ray along x). */
	default boolean contains(final double[] p) {
		final Intervals iv = intersect(p, new double[] { 1, 0, 0 });
		for (int i = 0; i < iv.count(); i++) {
			if (iv.start(i) <= 0 && iv.end(i) >= 0) return true;
		}
		return false;
	}
}
