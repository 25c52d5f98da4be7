package org.bonexr.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import net.imglib2.img.array.ArrayImgs;

import org.bonexr.ct.CtVolume;
import org.bonexr.phantom.shape.ConvexQuadric;
import org.bonexr.phantom.shape.Intervals;
import org.bonexr.phantom.shape.Pose;
import org.bonexr.phantom.shape.Solid;

/**
 * A CT phantom of a proximal femur in soft tissue with known mineral mass and
 * true areal BMD per ROI ({@link FemurGeometry} describes the bone).
 * <p>
 * CT frame: DICOM LPS with identity direction (x → patient left, y →
 * posterior, z → superior), origin of the femur frame (shaft axis at the
 * junction plane) at (0, 0, 0) mm; the phantom is a left femur, so lateral is
 * +x. The body is an elliptic cylinder along z of uniform soft tissue; air
 * (−1000 HU) outside. The AP projection runs along y.
 * <p>
 * Voxelisation: each voxel column along y is crossed by n×n rays; along each
 * ray the chords through the pieces are exact, so every voxel's bone
 * fraction and mineral content are exact along y and sampled n×n across.
 * Voxel values: mineral ρ (mg/cm³, partial-volume weighted), HU = −1000 +
 * (HU_soft + 1000)·f_body + ρ/k, bone mask = bone fraction ≥ ½.
 * <p>
 * Ground truth: the analytic mineral mass Σ pieces ρ·V (closed-form volumes),
 * the voxelised mass (Σ voxels ρ·voxel volume), and for the neck and total
 * hip ROIs the areal BMD of the AP parallel projection from the voxel sums:
 * BMC = Σ columns in the ROI of the column's mineral, area = number of ROI
 * pixels whose column holds a bone-mask voxel × pixel area, aBMD = BMC /
 * area (g/cm²).
 * <p>
 * The exact AP parallel projections (mineral in g/cm², attenuation) are
 * computed from the same chords, without voxels: the truth against which a
 * DRR of the voxelised volume is compared. Cone-beam DRRs come from the DRR
 * engine (org.bonexr.drr).
 */
public final class HipPhantom {

	private HipPhantom() {}

	public static HipPhantomResult render(final HipPhantomParameters p) {
		final FemurGeometry femur = new FemurGeometry(p);
		final Pose pose = Pose.rotation(new double[] { 0, 0, 1 }, Math.toRadians(
			p.rotationDeg), new double[3]);
		final List<Solid[]> solids = new ArrayList<>();
		final List<double[]> densities = new ArrayList<>();
		double analyticMg = 0;
		for (final FemurGeometry.Piece piece : femur.pieces) {
			solids.add(new Solid[] { piece.outer.minus(piece.core).placed(pose),
				piece.core.placed(pose) });
			densities.add(new double[] { p.corticalDensity, p.trabecularDensity });
			analyticMg += 1e-3 * (p.corticalDensity * (piece.outerVolume -
				piece.coreVolume) + p.trabecularDensity * piece.coreVolume);
		}

		final Grid g = new Grid(p, femur);
		final Solid body = ConvexQuadric.cylinder(2, new double[] { g.bodyCx,
			g.bodyCy, 0 }, g.bodyAx, g.bodyAy);
		final double v = p.voxelMm;
		final int nx = g.nx, ny = g.ny, nz = g.nz;
		final double x0 = g.x0, y0 = g.y0, z0 = g.z0;

		final int n = p.supersampling;
		final float[] mineral = new float[nx * ny * nz];
		final float[] hu = new float[mineral.length];
		final float[] mask = new float[mineral.length];
		final float[] apMineral = new float[nx * nz];
		final float[] apBody = new float[nx * nz];
		final float[] apMineralChord = new float[nx * nz];
		final double huPerBodyFraction = p.softTissueHu + 1000;
		IntStream.range(0, nz).parallel().forEach(k -> {
			final double[] d = { 0, 1, 0 };
			final double[] rayMineral = new double[ny];
			final double[] rayBone = new double[ny];
			final double[] rayBody = new double[ny];
			for (int i = 0; i < nx; i++) {
				java.util.Arrays.fill(rayMineral, 0);
				java.util.Arrays.fill(rayBone, 0);
				java.util.Arrays.fill(rayBody, 0);
				double columnMineral = 0, columnBody = 0;
				for (int a = 0; a < n; a++) {
					for (int c = 0; c < n; c++) {
						final double[] o = { x0 + (i + (a + 0.5) / n) * v, 0, z0 + (k +
							(c + 0.5) / n) * v };
						final Intervals inBody = body.intersect(o, d);
						bin(inBody, 1, y0, v, rayBody, null);
						columnBody += inBody.lengthWithin(y0, y0 + ny * v);
						for (int s = 0; s < solids.size(); s++) {
							for (int layer = 0; layer < 2; layer++) {
								final Intervals iv = solids.get(s)[layer].intersect(o, d);
								final double rho = densities.get(s)[layer];
								bin(iv, rho, y0, v, rayMineral, rayBone);
								columnMineral += rho * iv.length();
							}
						}
					}
				}
				final double norm = 1.0 / (n * n * v);
				for (int j = 0; j < ny; j++) {
					final int idx = i + nx * (j + ny * k);
					final double rho = rayMineral[j] * norm;
					mineral[idx] = (float) rho;
					hu[idx] = (float) (-1000 + huPerBodyFraction * rayBody[j] * norm +
						rho / p.mgPerCm3PerHu);
					mask[idx] = rayBone[j] * norm >= 0.5 ? 1 : 0;
				}
				// rows from the top (superior) down; mg/cm³ · mm → g/cm²: × 1e-4
				final int pixel = i + nx * (nz - 1 - k);
				apMineral[pixel] = (float) (columnMineral / (n * n) * 1e-4);
				apBody[pixel] = (float) (columnBody / (n * n));
				apMineralChord[pixel] = (float) (columnMineral / (n * n));
			}
		});

		final double[] spacing = { v, v, v };
		final double[] origin = { x0 + v / 2, y0 + v / 2, z0 + v / 2 };
		final CtVolume huVolume = new CtVolume("hip phantom (HU)", ArrayImgs
			.floats(hu, nx, ny, nz), spacing, origin, null);
		final CtVolume mineralVolume = huVolume.withVoxels(
			"hip phantom mineral (mg/cm3)", ArrayImgs.floats(mineral, nx, ny, nz));
		final CtVolume maskVolume = huVolume.withVoxels("hip phantom bone mask",
			ArrayImgs.floats(mask, nx, ny, nz));
		double voxelMg = 0;
		for (final float r : mineral) voxelMg += r;
		voxelMg *= v * v * v * 1e-3;

		final List<AreaRoi> rois = rois(femur, pose);
		final List<HipPhantomResult.RoiTruth> truths = new ArrayList<>();
		for (final AreaRoi roi : rois) {
			truths.add(roiTruth(roi, mineral, mask, apMineral, nx, ny, nz, x0, z0,
				v));
		}
		return new HipPhantomResult(p, huVolume, mineralVolume, maskVolume,
			analyticMg, voxelMg, new HipPhantomResult.ApProjection(apMineral, apBody,
				apMineralChord, nx, nz, v, x0, z0 + nz * v), truths);
	}

	/** Adds each interval's overlap with the voxels along the ray. */
	private static void bin(final Intervals iv, final double weight,
		final double y0, final double v, final double[] weighted,
		final double[] length)
	{
		for (int c = 0; c < iv.count(); c++) {
			final double t0 = Math.max(iv.start(c), y0);
			final double t1 = Math.min(iv.end(c), y0 + weighted.length * v);
			if (!(t1 > t0)) continue;
			final int j0 = (int) Math.floor((t0 - y0) / v);
			final int j1 = Math.min(weighted.length - 1, (int) Math.floor((t1 - y0) /
				v));
			for (int j = j0; j <= j1; j++) {
				final double len = Math.min(t1, y0 + (j + 1) * v) - Math.max(t0, y0 +
					j * v);
				if (len <= 0) continue;
				weighted[j] += weight * len;
				if (length != null) length[j] += len;
			}
		}
	}

	/**
	 * Voxels of the volumes a rendering with these parameters holds (three
	 * floats each: HU, mineral, bone mask), without rendering: for a memory
	 * check before the work.
	 */
	public static long voxels(final HipPhantomParameters p) {
		final Grid g = new Grid(p, new FemurGeometry(p));
		return (long) g.nx * g.ny * g.nz;
	}

	/**
	 * The body cylinder and the voxel grid: they do not depend on the pose,
	 * being sized by the union of the bone's bounding boxes over all allowed
	 * rotations. Lengths in mm.
	 */
	private static final class Grid {

		final double bodyCx, bodyCy, bodyAx, bodyAy;
		final int nx, ny, nz;
		/** The first voxel's lower corner. */
		final double x0, y0, z0;

		Grid(final HipPhantomParameters p, final FemurGeometry femur) {
			final double[] box = rotatedBounds(femur.bounds);
			final double m = p.softTissueMarginMm;
			bodyCx = 0.5 * (box[0] + box[1]);
			bodyCy = 0.5 * (box[2] + box[3]);
			bodyAx = 0.5 * (box[1] - box[0]) + m;
			bodyAy = 0.5 * (box[3] - box[2]) + m;
			final double v = p.voxelMm;
			final double air = p.airMarginMm;
			nx = (int) Math.ceil((2 * (bodyAx + air)) / v);
			ny = (int) Math.ceil((2 * (bodyAy + air)) / v);
			x0 = bodyCx - nx * v / 2;
			y0 = bodyCy - ny * v / 2;
			// the junction plane z = 0, a flat face of three pieces, falls on a
			// voxel boundary so that no sub-ray grazes it
			z0 = Math.floor((box[4] - air) / v) * v;
			nz = (int) Math.ceil((box[5] + air - z0) / v);
		}
	}

	/** Bounding box of the femur over rotations within the allowed range. */
	private static double[] rotatedBounds(final double[] b) {
		final double[] out = { Double.MAX_VALUE, -Double.MAX_VALUE,
			Double.MAX_VALUE, -Double.MAX_VALUE, b[4], b[5] };
		for (double deg = -HipPhantomParameters.MAX_ROTATION_DEG; deg <=
			HipPhantomParameters.MAX_ROTATION_DEG + 1e-9; deg += 2.5)
		{
			final double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math
				.toRadians(deg));
			for (final double x : new double[] { b[0], b[1] }) {
				for (final double y : new double[] { b[2], b[3] }) {
					final double rx = c * x - s * y, ry = s * x + c * y;
					out[0] = Math.min(out[0], rx);
					out[1] = Math.max(out[1], rx);
					out[2] = Math.min(out[2], ry);
					out[3] = Math.max(out[3], ry);
				}
			}
		}
		return out;
	}

	/**
	 * The femoral neck box (15 mm along the projected neck axis at scale 1,
	 * across the whole neck, centred midway between the head's edge and the
	 * neck's base) and the total hip (everything on the shaft side of the neck
	 * box's head-side edge, down to 10 mm below the lesser trochanter), in
	 * the AP image plane (x, z) mm.
	 */
	private static List<AreaRoi> rois(final FemurGeometry f, final Pose pose) {
		final double scale = f.headRadius / 23;
		final double dc = 0.5 * (f.headRadius + f.s0 - f.neckRadius * Math.tan(
			f.beta));
		final double[] c3 = pose.apply(new double[] { f.headCentre[0] - dc *
			f.neckAxis[0], 0, f.headCentre[2] - dc * f.neckAxis[2] });
		final double[] a3 = pose.applyToDirection(f.neckAxis);
		final double an = Math.hypot(a3[0], a3[2]);
		final double ux = a3[0] / an, uz = a3[2] / an; // towards the head
		final double half = 7.5 * scale;
		final double across = f.neckRadius + 8 * scale;
		final double[] bx = new double[4], bz = new double[4];
		final double[][] corners = { { -half, -across }, { half, -across }, { half,
			across }, { -half, across } };
		for (int i = 0; i < 4; i++) {
			bx[i] = c3[0] + corners[i][0] * ux - corners[i][1] * uz;
			bz[i] = c3[2] + corners[i][0] * uz + corners[i][1] * ux;
		}
		final AreaRoi neck = new AreaRoi("femoral neck", bx, bz);
		final double margin = 10 * scale;
		final double xLo = -100 * scale, xHi = 100 * scale;
		final double zLo = f.lesserTrochanterBottomZ - margin;
		final double zHi = f.bounds[5] + margin;
		final AreaRoi rect = new AreaRoi("rect", new double[] { xLo, xHi, xHi,
			xLo }, new double[] { zLo, zLo, zHi, zHi });
		final AreaRoi total = rect.clip("total hip", c3[0] + half * ux, c3[2] +
			half * uz, ux, uz);
		final List<AreaRoi> list = new ArrayList<>();
		list.add(neck);
		list.add(total);
		return list;
	}

	private static HipPhantomResult.RoiTruth roiTruth(final AreaRoi roi,
		final float[] mineral, final float[] mask, final float[] apMineral,
		final int nx, final int ny, final int nz, final double x0,
		final double z0, final double v)
	{
		double bmcG = 0, analyticG = 0;
		long bonePixels = 0;
		final double pixelCm2 = v * v * 1e-2;
		for (int k = 0; k < nz; k++) {
			for (int i = 0; i < nx; i++) {
				if (!roi.contains(x0 + (i + 0.5) * v, z0 + (k + 0.5) * v)) continue;
				double column = 0;
				boolean bone = false;
				for (int j = 0; j < ny; j++) {
					final int idx = i + nx * (j + ny * k);
					column += mineral[idx];
					bone |= mask[idx] != 0;
				}
				// mg/cm³ × mm³ → g
				bmcG += column * v * v * v * 1e-6;
				analyticG += apMineral[i + nx * (nz - 1 - k)] * pixelCm2;
				if (bone) bonePixels++;
			}
		}
		return new HipPhantomResult.RoiTruth(roi, bmcG, analyticG, bonePixels *
			pixelCm2);
	}
}
