package org.bonexr.phantom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bonexr.core.BoneXRException;
import org.bonexr.phantom.shape.ConvexQuadric;
import org.bonexr.phantom.shape.Pose;
import org.bonexr.phantom.shape.Solid;

/**
 * The proximal femur of a {@link HipPhantom}, built from pieces that do not
 * overlap, so that the bone volume is the sum of the pieces' volumes, each
 * known in closed form.
 * <p>
 * Femur frame (mm): x lateral (towards the greater trochanter), y along the
 * AP beam, z superior along the shaft axis; origin on the shaft axis at the
 * junction plane z = 0. Every piece is a cortical shell around a trabecular
 * core (the core is the same shape shrunk by the cortical thickness; shell
 * and core are open where a piece is cut by the junction plane, as bone
 * continues there).
 * <ul>
 * <li>shaft: cone frustum below z = 0, radius r_bottom at its lower end,
 * r_top at the junction; V = πL(r₁² + r₁r₂ + r₂²)/3;</li>
 * <li>neck and head: a cylinder of radius r_n along the neck axis (at the
 * neck–shaft angle, crossing the junction plane at x = x_n), from the head
 * centre down to the plane z = 0, united with the head sphere (radius R)
 * centred on the axis s₀ from the crossing. V = 4/3πR³ + πr²s₀ − πr²s* −
 * π[R²(R − s*) − (R³ − s*³)/3], s* = √(R² − r²), exact while the oblique
 * cut stays beyond the sphere (s₀ − r·tanβ ≥ R, checked);</li>
 * <li>greater trochanter: the upper half (z ≥ 0) of an ellipsoid centred on
 * the junction plane, lateral to the neck; V = 2/3·πabc;</li>
 * <li>lesser trochanter: a sphere postero-medial to the shaft, below the
 * junction, just clear of the frustum (a bump that touches nothing, so its
 * volume 4/3πr³ stays exact).</li>
 * </ul>
 * Disjointness is checked from the construction (bounding planes and radii)
 * and refused otherwise.
 */
final class FemurGeometry {

	/** One piece: outer and core solids with their exact volumes (mm³). */
	static final class Piece {

		final String name;
		final Solid outer;
		final Solid core;
		final double outerVolume;
		final double coreVolume;

		Piece(final String name, final Solid outer, final Solid core,
			final double outerVolume, final double coreVolume)
		{
			this.name = name;
			this.outer = outer;
			this.core = core;
			this.outerVolume = outerVolume;
			this.coreVolume = coreVolume;
		}
	}

	final List<Piece> pieces;
	/** Head centre, neck axis crossing of z = 0, in the femur frame. */
	final double[] headCentre;
	final double[] neckBase;
	/** Unit vector from the neck base to the head centre. */
	final double[] neckAxis;
	final double headRadius;
	final double neckRadius;
	final double shaftLength;
	final double lesserTrochanterBottomZ;
	/** Angle between the neck axis and the shaft axis (upwards), rad. */
	final double beta;
	/** Distance from the neck base to the head centre, mm. */
	final double s0;
	/** Bounding box (x0, x1, y0, y1, z0, z1) of the bone, mm. */
	final double[] bounds;

	FemurGeometry(final HipPhantomParameters p) {
		final double s = p.scale;
		final double tc = p.corticalThicknessMm * s;
		final List<Piece> list = new ArrayList<>();

		// shaft
		shaftLength = 70 * s;
		final double rBottom = 15 * s, rTop = 26 * s;
		list.add(new Piece("shaft", ConvexQuadric.frustum(0, 0, -shaftLength,
			rBottom, 0, rTop), ConvexQuadric.frustum(0, 0, -shaftLength, rBottom -
				tc, 0, rTop - tc), frustumVolume(shaftLength, rBottom, rTop),
			frustumVolume(shaftLength, rBottom - tc, rTop - tc)));

		// neck and head
		beta = Math.toRadians(180 - p.neckShaftAngleDeg);
		neckAxis = new double[] { -Math.sin(beta), 0, Math.cos(beta) };
		neckBase = new double[] { -10 * s, 0, 0 };
		s0 = 48 * s;
		headRadius = 23 * s;
		neckRadius = 14 * s;
		headCentre = new double[] { neckBase[0] + s0 * neckAxis[0], 0, s0 *
			neckAxis[2] };
		if (s0 - neckRadius * Math.tan(beta) < headRadius || headCentre[2] -
			headRadius <= 0)
		{
			throw new BoneXRException("Neck-shaft angle " + p.neckShaftAngleDeg +
				"° leaves no room for the femoral neck in the phantom.",
				"Use a neck-shaft angle between 115 and 140 degrees.");
		}
		list.add(new Piece("neck and head", neckAndHead(headRadius, neckRadius),
			neckAndHead(headRadius - tc, neckRadius - tc), neckAndHeadVolume(
				headRadius, neckRadius, s0), neckAndHeadVolume(headRadius - tc,
					neckRadius - tc, s0)));
		final double neckMaxX = neckBase[0] + neckRadius / Math.cos(beta);

		// greater trochanter
		final double ax = 9 * s, ay = 14 * s, az = 22 * s;
		final double gtX = neckMaxX + ax + 0.2 * s;
		final double[] gt = { gtX, 0, 0 };
		list.add(new Piece("greater trochanter", ConvexQuadric.ellipsoid(gt, ax,
			ay, az).above(2, 0), ConvexQuadric.ellipsoid(gt, ax - tc, ay - tc, az -
				tc).above(2, 0), 2.0 / 3 * Math.PI * ax * ay * az, 2.0 / 3 * Math.PI *
					(ax - tc) * (ay - tc) * (az - tc)));

		// lesser trochanter: postero-medial, clear of the frustum
		final double rl = 7 * s;
		final double zl = -25 * s;
		lesserTrochanterBottomZ = zl - rl;
		final double radiusAtTop = rBottom + (rTop - rBottom) * (zl + rl +
			shaftLength) / shaftLength;
		final double dist = radiusAtTop + rl + 0.3 * s;
		final double[] lt = { -dist * Math.cos(Math.toRadians(40)), dist * Math
			.sin(Math.toRadians(40)), zl };
		list.add(new Piece("lesser trochanter", ConvexQuadric.sphere(lt, rl),
			ConvexQuadric.sphere(lt, rl - tc), 4.0 / 3 * Math.PI * rl * rl * rl,
			4.0 / 3 * Math.PI * Math.pow(rl - tc, 3)));
		pieces = Collections.unmodifiableList(list);

		bounds = new double[] { headCentre[0] - headRadius, gtX + ax, -Math.max(
			headRadius, rTop), Math.max(Math.max(headRadius, rTop), lt[1] + rl),
			-shaftLength, headCentre[2] + headRadius };
	}

	/**
	 * Head sphere ∪ neck cylinder; the cylinder is built along local z from
	 * the neck base and turned by −β about y onto the neck axis.
	 */
	private Solid neckAndHead(final double radius, final double neckR) {
		final Pose toFemur = Pose.rotation(new double[] { 0, 1, 0 }, -beta,
			new double[3]).then(Pose.translation(neckBase[0], neckBase[1],
				neckBase[2]));
		// femur z ≥ 0 in local coordinates: sin β·x + cos β·z ≥ 0
		final Solid neck = ConvexQuadric.cylinder(2, new double[3], neckR, neckR)
			.below(2, s0).clip(new double[] { -Math.sin(beta), 0, -Math.cos(beta) },
				0).placed(toFemur);
		return ConvexQuadric.sphere(headCentre, radius).union(neck);
	}

	static double frustumVolume(final double length, final double r1,
		final double r2)
	{
		return Math.PI * length * (r1 * r1 + r1 * r2 + r2 * r2) / 3;
	}

	/** Sphere ∪ coaxial cylinder (radius r ≤ R, from the centre to s0). */
	static double neckAndHeadVolume(final double bigR, final double r,
		final double s0)
	{
		final double sStar = Math.sqrt(bigR * bigR - r * r);
		final double cylInsideSphere = Math.PI * r * r * sStar + Math.PI * (bigR *
			bigR * (bigR - sStar) - (bigR * bigR * bigR - sStar * sStar * sStar) /
				3);
		return 4.0 / 3 * Math.PI * bigR * bigR * bigR + Math.PI * r * r * s0 -
			cylInsideSphere;
	}
}
