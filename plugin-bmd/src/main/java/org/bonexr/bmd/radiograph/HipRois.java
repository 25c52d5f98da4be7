package org.bonexr.bmd.radiograph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.bonexr.core.BoneXRException;

/**
 * Automatic femoral-neck and total-hip regions on a bone mineral DRR of a
 * proximal femur, the same regions the hip phantom's truth uses (see
 * org.bonexr.phantom.HipPhantom). The rule, in DRR pixels:
 * <ol>
 * <li>bone = pixels above {@link RegionBmd#BONE_THRESHOLD_G_PER_CM2}; the
 * femur is the largest 8-connected bone component;</li>
 * <li>femoral head: centre H = the component's pixel farthest from the
 * background (chamfer distance) within the top third of the component's
 * rows; head radius R = that distance;</li>
 * <li>neck axis: for directions u every 2° from H and distances d of 1–2 R,
 * the bone's chord width perpendicular to u at H + d·u (only where the ray
 * stays in bone 0.3 R further); the axis u* is the direction with the
 * smallest width w_min, and the neck centre C is the middle of the d range
 * along u* where the width is within 10% of w_min;</li>
 * <li>femoral neck = the box centred at C, 0.65 R long along u* (15 mm for a
 * 23 mm head) and w_min + 0.7 R across;</li>
 * <li>total hip = the femur's pixels on the far side (from H) of the neck
 * box's head-side edge, down to 3.2 R below H (the phantom's total hip ends
 * 10 mm below the lesser trochanter, 3.17 R below the head centre).</li>
 * </ol>
 * This assumes the image shows the proximal femur with the head up and the
 * femur as the largest bone component (as in the phantoms). On clinical
 * images, where the pelvis touches the head, draw the regions instead.
 */
public final class HipRois {

	/** The two regions. */
	public static final class Result {

		public final Region femoralNeck;
		public final Region totalHip;
		/** Head centre (x, y) and radius, pixels. */
		public final double headX, headY, headRadius;

		Result(final Region neck, final Region total, final double hx,
			final double hy, final double r)
		{
			femoralNeck = neck;
			totalHip = total;
			headX = hx;
			headY = hy;
			headRadius = r;
		}
	}

	private HipRois() {}

	public static Result find(final BoneDrr drr) {
		final int w = drr.width(), h = drr.height();
		final boolean[] femur = largestComponent(drr);
		final float[] dist = chamferDistance(femur, w, h);
		int top = h, bottom = -1;
		for (int i = 0; i < femur.length; i++) {
			if (femur[i]) {
				top = Math.min(top, i / w);
				bottom = Math.max(bottom, i / w);
			}
		}
		final int headRows = top + (bottom - top + 1) / 3;
		int best = -1;
		for (int i = top * w; i < (headRows + 1) * w && i < femur.length; i++) {
			if (femur[i] && (best < 0 || dist[i] > dist[best])) best = i;
		}
		final double hx = best % w + 0.5, hy = best / w + 0.5, r = dist[best];
		if (r < 3) {
			throw new BoneXRException("No femoral head found on the predicted bone " +
				"DRR (largest bone part is " + String.format("%.1f", 2 * r) +
				" px thick).", "Draw the region of interest on the radiograph.");
		}
		// neck axis: the narrowest perpendicular chord from the head outwards
		double wMin = Double.MAX_VALUE, uBest = 0;
		final int nd = 41;
		double[] widthsBest = null;
		for (int a = 0; a < 180; a++) {
			final double th = Math.toRadians(2 * a);
			final double ux = Math.cos(th), uy = Math.sin(th);
			final double[] widths = new double[nd];
			double wMinHere = Double.MAX_VALUE;
			for (int k = 0; k < nd; k++) {
				final double d = r * (1 + k / (double) (nd - 1));
				widths[k] = Double.NaN;
				if (!inside(femur, w, h, hx + d * ux, hy + d * uy) || !inside(femur, w,
					h, hx + (d + 0.3 * r) * ux, hy + (d + 0.3 * r) * uy) || !rayInside(
						femur, w, h, hx, hy, ux, uy, d + 0.3 * r)) continue;
				widths[k] = chord(femur, w, h, hx + d * ux, hy + d * uy, -uy, ux, 3 *
					r);
				wMinHere = Math.min(wMinHere, widths[k]);
			}
			if (wMinHere < wMin) {
				wMin = wMinHere;
				uBest = th;
				widthsBest = widths;
			}
		}
		if (widthsBest == null) {
			throw new BoneXRException("No femoral neck found on the predicted bone " +
				"DRR.", "Draw the region of interest on the radiograph.");
		}
		double dLo = Double.NaN, dHi = Double.NaN;
		for (int k = 0; k < nd; k++) {
			if (widthsBest[k] <= 1.1 * wMin) {
				final double d = r * (1 + k / (double) (nd - 1));
				if (Double.isNaN(dLo)) dLo = d;
				dHi = d;
			}
		}
		final double ux = Math.cos(uBest), uy = Math.sin(uBest);
		final double dc = 0.5 * (dLo + dHi);
		final double cx = hx + dc * ux, cy = hy + dc * uy;
		final double half = 0.65 * r / 2, across = wMin / 2 + 0.35 * r;
		final double[] bx = new double[4], by = new double[4];
		final double[][] corners = { { -half, -across }, { half, -across }, { half,
			across }, { -half, across } };
		for (int i = 0; i < 4; i++) {
			bx[i] = cx + corners[i][0] * ux - corners[i][1] * uy;
			by[i] = cy + corners[i][0] * uy + corners[i][1] * ux;
		}
		final Region neck = new Region("femoral neck", rasterize(bx, by, w, h,
			null), bx, by);
		// total hip: the image above the bottom line, clipped by the neck box's head-side edge
		final double bottomY = Math.min(h, hy + 3.2 * r);
		List<double[]> poly = new ArrayList<>();
		poly.add(new double[] { 0, 0 });
		poly.add(new double[] { w, 0 });
		poly.add(new double[] { w, bottomY });
		poly.add(new double[] { 0, bottomY });
		poly = clip(poly, cx - half * ux, cy - half * uy, ux, uy);
		final double[] tx = new double[poly.size()], ty = new double[poly.size()];
		for (int i = 0; i < tx.length; i++) {
			tx[i] = poly.get(i)[0];
			ty[i] = poly.get(i)[1];
		}
		final Region total = new Region("total hip", rasterize(tx, ty, w, h,
			femur), tx, ty);
		return new Result(neck, total, hx, hy, r);
	}

	/** The largest 8-connected component of the bone pixels. */
	static boolean[] largestComponent(final BoneDrr drr) {
		final int w = drr.width(), h = drr.height();
		final float[] v = drr.values();
		final int[] label = new int[v.length];
		int bestLabel = 0, bestSize = 0, next = 0;
		final ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s = 0; s < v.length; s++) {
			if (label[s] != 0 || !(v[s] > RegionBmd.BONE_THRESHOLD_G_PER_CM2)) continue;
			next++;
			int size = 0;
			label[s] = next;
			queue.add(s);
			while (!queue.isEmpty()) {
				final int p = queue.poll();
				size++;
				final int px = p % w, py = p / w;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						final int qx = px + dx, qy = py + dy;
						if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
						final int q = qx + w * qy;
						if (label[q] == 0 && v[q] > RegionBmd.BONE_THRESHOLD_G_PER_CM2) {
							label[q] = next;
							queue.add(q);
						}
					}
				}
			}
			if (size > bestSize) {
				bestSize = size;
				bestLabel = next;
			}
		}
		if (bestSize == 0) {
			throw new BoneXRException("The predicted bone DRR holds no bone (no " +
				"pixel above " + RegionBmd.BONE_THRESHOLD_G_PER_CM2 + " g/cm²).",
				"Check that the image is a hip radiograph with its pixel size in mm.");
		}
		final boolean[] out = new boolean[v.length];
		for (int i = 0; i < out.length; i++) out[i] = label[i] == bestLabel;
		return out;
	}

	/** Chamfer (3-4) distance to the nearest background pixel, in pixels. */
	static float[] chamferDistance(final boolean[] fg, final int w, final int h) {
		final float big = 1e9f;
		final float[] d = new float[fg.length];
		for (int i = 0; i < d.length; i++) d[i] = fg[i] ? big : 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = x + w * y;
				if (d[i] == 0) continue;
				float m = d[i];
				m = Math.min(m, at(d, w, h, x - 1, y) + 3);
				m = Math.min(m, at(d, w, h, x, y - 1) + 3);
				m = Math.min(m, at(d, w, h, x - 1, y - 1) + 4);
				m = Math.min(m, at(d, w, h, x + 1, y - 1) + 4);
				d[i] = m;
			}
		for (int y = h - 1; y >= 0; y--)
			for (int x = w - 1; x >= 0; x--) {
				final int i = x + w * y;
				if (d[i] == 0) continue;
				float m = d[i];
				m = Math.min(m, at(d, w, h, x + 1, y) + 3);
				m = Math.min(m, at(d, w, h, x, y + 1) + 3);
				m = Math.min(m, at(d, w, h, x + 1, y + 1) + 4);
				m = Math.min(m, at(d, w, h, x - 1, y + 1) + 4);
				d[i] = m;
			}
		for (int i = 0; i < d.length; i++) d[i] /= 3;
		return d;
	}

	/** Outside the image counts as background (distance 0). */
	private static float at(final float[] d, final int w, final int h,
		final int x, final int y)
	{
		return x < 0 || y < 0 || x >= w || y >= h ? 0 : d[x + w * y];
	}

	private static boolean inside(final boolean[] m, final int w, final int h,
		final double x, final double y)
	{
		final int ix = (int) Math.floor(x), iy = (int) Math.floor(y);
		return ix >= 0 && iy >= 0 && ix < w && iy < h && m[ix + w * iy];
	}

	private static boolean rayInside(final boolean[] m, final int w,
		final int h, final double x, final double y, final double ux,
		final double uy, final double length)
	{
		for (double t = 0; t <= length; t += 0.5) {
			if (!inside(m, w, h, x + t * ux, y + t * uy)) return false;
		}
		return true;
	}

	/** Length of the run of mask through (x, y) along ±(vx, vy), capped. */
	private static double chord(final boolean[] m, final int w, final int h,
		final double x, final double y, final double vx, final double vy,
		final double cap)
	{
		double a = 0, b = 0;
		while (a < cap && inside(m, w, h, x + (a + 0.25) * vx, y + (a + 0.25) *
			vy)) a += 0.25;
		while (b < cap && inside(m, w, h, x - (b + 0.25) * vx, y - (b + 0.25) *
			vy)) b += 0.25;
		return a + b;
	}

	/** Pixels whose centre lies in the convex polygon (and in {@code within}, if given). */
	static boolean[] rasterize(final double[] xs, final double[] ys, final int w,
		final int h, final boolean[] within)
	{
		final boolean[] out = new boolean[w * h];
		final int n = xs.length;
		double area = 0;
		for (int i = 0; i < n; i++) {
			final int j = (i + 1) % n;
			area += xs[i] * ys[j] - xs[j] * ys[i];
		}
		final double sign = Math.signum(area);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double px = x + 0.5, py = y + 0.5;
				boolean in = n >= 3;
				for (int i = 0; i < n && in; i++) {
					final int j = (i + 1) % n;
					final double cross = (xs[j] - xs[i]) * (py - ys[i]) - (ys[j] - ys[i]) *
						(px - xs[i]);
					if (cross * sign < 0) in = false;
				}
				final int k = x + w * y;
				out[k] = in && (within == null || within[k]);
			}
		return out;
	}

	/** Sutherland–Hodgman: the part of the polygon where (p − o)·u ≥ 0. */
	static List<double[]> clip(final List<double[]> poly, final double ox,
		final double oy, final double ux, final double uy)
	{
		final List<double[]> out = new ArrayList<>();
		for (int i = 0; i < poly.size(); i++) {
			final double[] a = poly.get(i), b = poly.get((i + 1) % poly.size());
			final double da = (a[0] - ox) * ux + (a[1] - oy) * uy;
			final double db = (b[0] - ox) * ux + (b[1] - oy) * uy;
			if (da >= 0) out.add(a);
			if ((da >= 0) != (db >= 0)) {
				final double t = da / (da - db);
				out.add(new double[] { a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] -
					a[1]) });
			}
		}
		return out;
	}
}
