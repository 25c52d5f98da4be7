package org.bonexr.phantom;

import org.bonexr.phantom.shape.ConvexQuadric;
import org.bonexr.phantom.shape.Pose;
import org.bonexr.phantom.shape.Solid;

/**
 * The solids of a {@link JointPhantom} and its analytic joint space, in the
 * bone frame: u lateral, v along the joint axis towards the distal bone, z
 * along the beam, origin at the centre of the joint space, mm. The distal
 * solids are in the distal bone's own frame and are placed by
 * {@link #flexion}.
 */
final class JointGeometry {

	private static final int U = 0, V = 1, Z = 2;

	final double headHalfWidth;
	final double headRadius;
	final double distalHalfWidth;
	final double concavityRadius;
	/** v of the head centre; the flexion axis runs through it along u. */
	final double headCentreV;
	/** v of the centre of the base concavity (distal frame). */
	final double concavityCentreV;
	final Solid proximalOuter;
	final Solid proximalInner;
	/** Distal solids in the distal frame. */
	final Solid distalOuter;
	final Solid distalInner;
	/** Distal frame → bone frame. */
	final Pose flexion;
	final Solid softTissue;

	JointGeometry(final JointPhantomParameters p) {
		final double w = p.jswMm;
		final double t = p.corticalThicknessMm;
		headHalfWidth = p.headHalfWidthMm;
		headRadius = p.headRadiusMm;
		distalHalfWidth = p.distalHalfWidthMm;
		concavityRadius = p.baseConcavityRadiusMm;
		headCentreV = -w / 2 - headRadius;
		concavityCentreV = w / 2 - concavityRadius;
		final double[] headCentre = { 0, headCentreV, 0 };
		final double[] axis = { 0, 0, 0 };

		proximalOuter = ConvexQuadric.ellipsoid(headCentre, headHalfWidth,
			headRadius, headRadius).union(ConvexQuadric.cylinder(V, axis,
				p.shaftHalfWidthMm, p.shaftHalfDepthMm).below(V, headCentreV));
		proximalInner = ConvexQuadric.ellipsoid(headCentre, headHalfWidth - t,
			headRadius - t, headRadius - t).union(ConvexQuadric.cylinder(V, axis,
				p.shaftHalfWidthMm - t, p.shaftHalfDepthMm - t).below(V,
					headCentreV));

		final double[] concavityCentre = { 0, concavityCentreV, 0 };
		distalOuter = ConvexQuadric.cylinder(V, axis, distalHalfWidth,
			p.distalHalfDepthMm).above(V, headCentreV).minus(ConvexQuadric.cylinder(
				Z, concavityCentre, concavityRadius, concavityRadius));
		distalInner = ConvexQuadric.cylinder(V, axis, distalHalfWidth - t,
			p.distalHalfDepthMm - t).above(V, headCentreV + t).minus(ConvexQuadric
				.cylinder(Z, concavityCentre, concavityRadius + t, concavityRadius +
					t));
		flexion = Pose.rotation(new double[] { 1, 0, 0 }, Math.toRadians(
			p.flexionDeg), headCentre);

		final double tz = p.softTissueThicknessMm / 2;
		final double tu = 1.1 * tz;
		final ConvexQuadric finger = ConvexQuadric.cylinder(V, axis, tu, tz);
		softTissue = finger.below(V, headCentreV).union(finger.above(V,
			headCentreV).placed(flexion)).union(ConvexQuadric.ellipsoid(headCentre,
				tu, tz, tz));
	}

	/** Highest v of the proximal head at lateral position u (|u| &lt; head half-width). */
	double headMarginV(final double u) {
		return headCentreV + headRadius * Math.sqrt(1 - u * u / (headHalfWidth *
			headHalfWidth));
	}

	/** v of the distal articular surface at lateral u, distal frame. */
	double baseMarginV(final double u) {
		return concavityCentreV + Math.sqrt(concavityRadius * concavityRadius -
			u * u);
	}

	/**
	 * Joint space width at lateral position u: the shortest distance along
	 * the distal bone's axis between the head and the base, mm. Flexion turns
	 * the distal bone about the head's circular sagittal section, so this
	 * does not depend on flexion.
	 */
	double jsw(final double u) {
		return baseMarginV(u) - headMarginV(u);
	}

	/** Half-width of the central part of the joint over which JSW is defined. */
	double profileHalfWidth() {
		return 0.8 * Math.min(headHalfWidth, distalHalfWidth);
	}
}
