package org.bonexr.bmd.radiograph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.bonexr.core.BoneXRException;

/**
 * Automatic femoral-neck and total-hip regions on a bone mineral DRR of a
 * proximal femur, the same regions the hip phantom's truth uses (see
 * org.bonexr.phantom.HipPhantom). Bone = pixels above
 * {@link RegionBmd#BONE_THRESHOLD_G_PER_CM2}. The rule, in DRR pixels:
 * <ol>
 * <li>the femur: first the largest 8-connected bone component, with the
 * head searched in the top third of its rows, the neck in any direction and
 * the shaft pointing down the image (the phantom's own construction, steps
 * 2–5). The result is kept if its regions or its head disc come within
 * {@value #DENSE_REACH_RADII} R of the femur's <em>dense part</em> D, the
 * largest 8-connected component,
 * not touching the image border, of the pixels whose {@value #DENSE_BOX_MM}
 * mm box mean reaches {@value #DENSE_FRACTION} × the image's 99.5th percentile
 * of that mean (neck, trochanters and shaft cortex are the densest bone of a
 * hip radiograph; thin bright edge artefacts average out), or if the
 * isolation below finds no femur. Otherwise (a
 * clinical image: pelvis, spine and collimator edges join or outgrow the
 * femur) the femur is isolated through D: the shaft direction v is D's
 * principal axis, pointing down the image; the femur = the bone pixels
 * within {@value #FEMUR_MARGIN_MM} mm of D plus the head zone, the bone
 * pixels within {@value #HEAD_SEARCH_MM} mm of D's upper end U (along v)
 * and not below it; the head is searched in the head zone only, among
 * centres whose head disc (radius = their chamfer distance) comes within
 * {@value #HEAD_GAP_MM} mm of U (the neck starts where the head ends), and the
 * neck within {@value #AXIS_TOLERANCE_DEG}° of the direction from the head
 * to D's centroid;</li>
 * <li>femoral head: centre H = the candidate pixel farthest from the
 * background (chamfer distance); head radius R = that distance;</li>
 * <li>neck axis: for directions u every 2° and distances d of 1–2 R, the
 * femur's chord width perpendicular to u at H + d·u (only where the ray
 * stays in bone 0.3 R further); the axis u* is the direction with the
 * smallest width w_min, and the neck centre C is the middle of the d range
 * along u* where the width is within 10% of w_min;</li>
 * <li>femoral neck = the box centred at C, 0.65 R long along u* (15 mm for a
 * 23 mm head) and w_min + 0.7 R across;</li>
 * <li>total hip = the femur's pixels on the far side (from H) of the neck
 * box's head-side edge, down to 3.2 R from H along the shaft direction
 * (the phantom's total hip ends 10 mm below the lesser trochanter, 3.17 R
 * below the head centre).</li>
 * </ol>
 * Steps 2–5 are the construction of the phantom's truth regions. The
 * isolation through D in step 1 is a heuristic for AP and frog-leg hip views
 * with the head up; check the regions drawn on the bone DRR, and draw them
 * yourself where they miss the femur.
 */
public final class HipRois {

	/** How near (head radii) the first try's regions must come to the dense part. */
	static final double DENSE_REACH_RADII = 2;
	/** Box for the dense-part search, mm. */
	static final double DENSE_BOX_MM = 7;
	/** Fraction of the 99.5th percentile of the box mean that is dense bone. */
	static final double DENSE_FRACTION = 0.7;
	/** Bone within this distance of the dense part belongs to the femur, mm. */
	static final double FEMUR_MARGIN_MM = 15;
	/** Head centre search radius around the dense part's upper end, mm. */
	static final double HEAD_SEARCH_MM = 45;
	/** Largest gap between the head's edge and the dense part's upper end, mm. */
	static final double HEAD_GAP_MM = 15;
	/** Largest angle between the neck axis and the head → dense part direction, degrees. */
	static final int AXIS_TOLERANCE_DEG = 45;

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
		final boolean[] largest = largestComponent(drr);
		final boolean[] dense;
		try {
			dense = densePart(drr);
		}
		catch (final BoneXRException noDensePart) {
			return construct(drr, largest, null);
		}
		Result first = null;
		try {
			first = construct(drr, largest, null);
			if (nearDenseBone(first, dense, drr.width(), drr.height())) return first;
		}
		catch (final BoneXRException notThere) {
			// the largest component is not a femur: isolate it below
		}
		try {
			return isolated(drr, dense);
		}
		catch (final BoneXRException noFemur) {
			if (first != null) return first; // the first try is all there is
			throw noFemur;
		}
	}

	/**
	 * Whether the dense part comes within {@value #DENSE_REACH_RADII} R of the
	 * regions or the head disc.
	 */
	private static boolean nearDenseBone(final Result r, final boolean[] dense,
		final int w, final int h)
	{
		final boolean[] neck = r.femoralNeck.mask(), total = r.totalHip.mask();
		final boolean[] outside = new boolean[dense.length];
		for (int i = 0; i < dense.length; i++) {
			outside[i] = !(neck[i] || total[i] || Math.hypot(i % w + 0.5 - r.headX, i /
				w + 0.5 - r.headY) <= r.headRadius);
		}
		final float[] d = chamferDistance(outside, w, h, 1e9f);
		for (int i = 0; i < dense.length; i++) {
			if (dense[i] && d[i] <= DENSE_REACH_RADII * r.headRadius) return true;
		}
		return false;
	}

	/** Step 1, clinical branch: the femur through its dense part. */
	private static Result isolated(final BoneDrr drr, final boolean[] dense) {
		final int w = drr.width(), h = drr.height();
		final double p = drr.pixelMm();
		double mx = 0, my = 0;
		int n = 0;
		for (int i = 0; i < dense.length; i++) {
			if (!dense[i]) continue;
			mx += i % w + 0.5;
			my += i / w + 0.5;
			n++;
		}
		mx /= n;
		my /= n;
		double sxx = 0, sxy = 0, syy = 0;
		for (int i = 0; i < dense.length; i++) {
			if (!dense[i]) continue;
			final double dx = i % w + 0.5 - mx, dy = i / w + 0.5 - my;
			sxx += dx * dx;
			sxy += dx * dy;
			syy += dy * dy;
		}
		// principal axis, pointing down the image
		final double th = 0.5 * Math.atan2(2 * sxy, sxx - syy);
		double vx = Math.cos(th), vy = Math.sin(th);
		if (vy < 0) {
			vx = -vx;
			vy = -vy;
		}
		// upper end U: the dense pixel farthest against v
		int u = -1;
		double uMin = Double.MAX_VALUE;
		for (int i = 0; i < dense.length; i++) {
			if (!dense[i]) continue;
			final double t = (i % w + 0.5 - mx) * vx + (i / w + 0.5 - my) * vy;
			if (t < uMin) {
				uMin = t;
				u = i;
			}
		}
		final double ux = u % w + 0.5, uy = u / w + 0.5;
		final float[] toDense = chamferDistance(not(dense), w, h, 1e9f);
		final float[] v = drr.values();
		final boolean[] femur = new boolean[v.length];
		final boolean[] headZone = new boolean[v.length];
		for (int i = 0; i < v.length; i++) {
			if (!(v[i] > RegionBmd.BONE_THRESHOLD_G_PER_CM2)) continue;
			final double x = i % w + 0.5, y = i / w + 0.5;
			headZone[i] = Math.hypot(x - ux, y - uy) * p <= HEAD_SEARCH_MM &&
				(x - ux) * vx + (y - uy) * vy <= 0;
			femur[i] = toDense[i] * p <= FEMUR_MARGIN_MM || headZone[i];
		}
		final Guide g = new Guide(headZone, ux, uy, HEAD_GAP_MM / p, mx, my, vx,
			vy);
		return construct(drr, largestComponent(femur, w, h), g);
	}

	/** Where the clinical branch looks for the head, and which way the femur runs. */
	static final class Guide {

		final boolean[] headZone;
		/** Upper end U of the dense part and the largest head–U gap, pixels. */
		final double upperX, upperY, gap;
		final double denseX, denseY, shaftX, shaftY;

		Guide(final boolean[] headZone, final double upperX, final double upperY,
			final double gap, final double denseX, final double denseY,
			final double shaftX, final double shaftY)
		{
			this.headZone = headZone;
			this.upperX = upperX;
			this.upperY = upperY;
			this.gap = gap;
			this.denseX = denseX;
			this.denseY = denseY;
			this.shaftX = shaftX;
			this.shaftY = shaftY;
		}
	}

	/** The femur's dense part (see the class comment), or a refusal. */
	static boolean[] densePart(final BoneDrr drr) {
		final int w = drr.width(), h = drr.height();
		final int r = Math.max(1, (int) Math.round(0.5 * DENSE_BOX_MM / drr
			.pixelMm()));
		final float[] v = drr.values();
		final double[] clipped = new double[v.length];
		for (int i = 0; i < v.length; i++) clipped[i] = Math.max(0, Math.min(4,
			v[i]));
		final float[] mean = boxMean(clipped, w, h, r);
		final float[] sorted = mean.clone();
		java.util.Arrays.sort(sorted);
		final double p995 = sorted[(int) Math.floor(0.995 * (sorted.length - 1))];
		final boolean[] dense = new boolean[v.length];
		for (int i = 0; i < v.length; i++) dense[i] = p995 > 0 &&
			mean[i] >= DENSE_FRACTION * p995;
		// largest component not touching the border
		final int[] label = labels(dense, w, h);
		final int max = java.util.Arrays.stream(label).max().orElse(0);
		final int[] size = new int[max + 1];
		final boolean[] border = new boolean[max + 1];
		for (int i = 0; i < label.length; i++) {
			size[label[i]]++;
			final int x = i % w, y = i / w;
			if (x == 0 || y == 0 || x == w - 1 || y == h - 1) border[label[i]] = true;
		}
		int best = 0;
		for (int l = 1; l <= max; l++)
			if (!border[l] && (best == 0 || size[l] > size[best])) best = l;
		if (best == 0) {
			throw new BoneXRException("No femur found on the predicted bone DRR " +
				"(no dense bone away from the image border).",
				"Draw the region of interest on the radiograph.");
		}
		final boolean[] out = new boolean[v.length];
		for (int i = 0; i < out.length; i++) out[i] = label[i] == best;
		return out;
	}

	/**
	 * Steps 2–5 on a femur mask; without a guide, the head is searched in the
	 * top third of the mask's rows, any neck direction is allowed and the
	 * shaft points down (the phantom's own construction).
	 */
	static Result construct(final BoneDrr drr, final boolean[] femur,
		final Guide guide)
	{
		final int w = drr.width(), h = drr.height();
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
		for (int i = 0; i < femur.length; i++) {
			if (!femur[i]) continue;
			final boolean candidate = guide == null ? i / w <= headRows
				: guide.headZone[i] && Math.hypot(i % w + 0.5 - guide.upperX, i / w +
					0.5 - guide.upperY) <= dist[i] + guide.gap;
			if (candidate && (best < 0 || dist[i] > dist[best])) best = i;
		}
		final double r = best < 0 ? 0 : dist[best];
		if (r < 3) {
			throw new BoneXRException("No femoral head found on the predicted bone " +
				"DRR (the femur is " + String.format("%.1f", 2 * r) +
				" px thick there).", "Draw the region of interest on the radiograph.");
		}
		final double hx = best % w + 0.5, hy = best / w + 0.5;
		// neck axis: the narrowest perpendicular chord from the head outwards
		final double axis0 = guide == null ? 0 : Math.atan2(guide.denseY - hy,
			guide.denseX - hx);
		double wMin = Double.MAX_VALUE, uBest = 0;
		final int nd = 41;
		double[] widthsBest = null;
		for (int a = 0; a < 180; a++) {
			final double th = Math.toRadians(2 * a);
			if (guide != null && Math.abs(Math.IEEEremainder(th - axis0, 2 *
				Math.PI)) > Math.toRadians(AXIS_TOLERANCE_DEG)) continue;
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
		// total hip: a half-plane 3.2 R from H along the shaft, clipped by the
		// neck box's head-side edge, within the femur
		final double sx = guide == null ? 0 : guide.shaftX, sy = guide == null ? 1
			: guide.shaftY;
		final double reach = 3.2 * r;
		List<double[]> poly = new ArrayList<>();
		poly.add(new double[] { 0, 0 });
		poly.add(new double[] { w, 0 });
		poly.add(new double[] { w, h });
		poly.add(new double[] { 0, h });
		poly = clip(poly, hx + reach * sx, hy + reach * sy, -sx, -sy);
		poly = clip(poly, cx - half * ux, cy - half * uy, ux, uy);
		final boolean[] totalMask = rasterize(xs(poly), ys(poly), w, h, femur);
		// outline for display: the polygon within the region's bounding box
		int x0 = w, x1 = 0, y0 = h, y1 = 0;
		for (int i = 0; i < totalMask.length; i++) {
			if (!totalMask[i]) continue;
			x0 = Math.min(x0, i % w);
			x1 = Math.max(x1, i % w + 1);
			y0 = Math.min(y0, i / w);
			y1 = Math.max(y1, i / w + 1);
		}
		if (x1 > x0) {
			poly = clip(poly, x0, 0, 1, 0);
			poly = clip(poly, x1, 0, -1, 0);
			poly = clip(poly, 0, y0, 0, 1);
			poly = clip(poly, 0, y1, 0, -1);
		}
		final Region total = new Region("total hip", totalMask, xs(poly), ys(
			poly));
		return new Result(neck, total, hx, hy, r);
	}

	private static double[] xs(final List<double[]> poly) {
		return poly.stream().mapToDouble(p -> p[0]).toArray();
	}

	private static double[] ys(final List<double[]> poly) {
		return poly.stream().mapToDouble(p -> p[1]).toArray();
	}

	/** The largest 8-connected component of the bone pixels. */
	static boolean[] largestComponent(final BoneDrr drr) {
		final float[] v = drr.values();
		final boolean[] bone = new boolean[v.length];
		for (int i = 0; i < v.length; i++) bone[i] = v[i] >
			RegionBmd.BONE_THRESHOLD_G_PER_CM2;
		final boolean[] out = largestComponent(bone, drr.width(), drr.height());
		for (final boolean b : out) if (b) return out;
		throw new BoneXRException("The predicted bone DRR holds no bone (no " +
			"pixel above " + RegionBmd.BONE_THRESHOLD_G_PER_CM2 + " g/cm²).",
			"Check that the image is a hip radiograph with its pixel size in mm.");
	}

	/** The largest 8-connected component of a mask (all false when empty). */
	static boolean[] largestComponent(final boolean[] mask, final int w,
		final int h)
	{
		final int[] label = labels(mask, w, h);
		final int max = java.util.Arrays.stream(label).max().orElse(0);
		final int[] size = new int[max + 1];
		for (final int l : label) size[l]++;
		int best = 0;
		for (int l = 1; l <= max; l++)
			if (best == 0 || size[l] > size[best]) best = l;
		final boolean[] out = new boolean[mask.length];
		for (int i = 0; i < out.length; i++) out[i] = best != 0 && label[i] == best;
		return out;
	}

	/** 8-connected component labels 1, 2, … of the mask (0 outside). */
	static int[] labels(final boolean[] mask, final int w, final int h) {
		final int[] label = new int[mask.length];
		int next = 0;
		final ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s = 0; s < mask.length; s++) {
			if (label[s] != 0 || !mask[s]) continue;
			label[s] = ++next;
			queue.add(s);
			while (!queue.isEmpty()) {
				final int p = queue.poll();
				final int px = p % w, py = p / w;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						final int qx = px + dx, qy = py + dy;
						if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
						final int q = qx + w * qy;
						if (label[q] == 0 && mask[q]) {
							label[q] = next;
							queue.add(q);
						}
					}
				}
			}
		}
		return label;
	}

	private static boolean[] not(final boolean[] m) {
		final boolean[] out = new boolean[m.length];
		for (int i = 0; i < m.length; i++) out[i] = !m[i];
		return out;
	}

	/** Mean over the (2r+1)² box around each pixel, within the image. */
	private static float[] boxMean(final double[] v, final int w, final int h,
		final int r)
	{
		// summed-area table
		final double[] sat = new double[(w + 1) * (h + 1)];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				sat[x + 1 + (w + 1) * (y + 1)] = v[x + w * y] + sat[x + (w + 1) * (y +
					1)] + sat[x + 1 + (w + 1) * y] - sat[x + (w + 1) * y];
		final float[] out = new float[v.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
				final int y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
				final double sum = sat[x1 + (w + 1) * y1] - sat[x0 + (w + 1) * y1] -
					sat[x1 + (w + 1) * y0] + sat[x0 + (w + 1) * y0];
				out[x + w * y] = (float) (sum / ((x1 - x0) * (y1 - y0)));
			}
		return out;
	}

	/** Chamfer (3-4) distance to the nearest background pixel, in pixels; outside the image is background. */
	static float[] chamferDistance(final boolean[] fg, final int w, final int h) {
		return chamferDistance(fg, w, h, 0);
	}

	/**
	 * Chamfer (3-4) distance to the nearest background pixel, in pixels; the
	 * outside of the image counts as this distance (0: background; large: far
	 * from any background).
	 */
	static float[] chamferDistance(final boolean[] fg, final int w, final int h,
		final float outside)
	{
		final float big = 1e9f;
		final float[] d = new float[fg.length];
		for (int i = 0; i < d.length; i++) d[i] = fg[i] ? big : 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = x + w * y;
				if (d[i] == 0) continue;
				float m = d[i];
				m = Math.min(m, at(d, w, h, x - 1, y, outside) + 3);
				m = Math.min(m, at(d, w, h, x, y - 1, outside) + 3);
				m = Math.min(m, at(d, w, h, x - 1, y - 1, outside) + 4);
				m = Math.min(m, at(d, w, h, x + 1, y - 1, outside) + 4);
				d[i] = m;
			}
		for (int y = h - 1; y >= 0; y--)
			for (int x = w - 1; x >= 0; x--) {
				final int i = x + w * y;
				if (d[i] == 0) continue;
				float m = d[i];
				m = Math.min(m, at(d, w, h, x + 1, y, outside) + 3);
				m = Math.min(m, at(d, w, h, x, y + 1, outside) + 3);
				m = Math.min(m, at(d, w, h, x + 1, y + 1, outside) + 4);
				m = Math.min(m, at(d, w, h, x - 1, y + 1, outside) + 4);
				d[i] = m;
			}
		for (int i = 0; i < d.length; i++) d[i] /= 3;
		return d;
	}

	private static float at(final float[] d, final int w, final int h,
		final int x, final int y, final float outside)
	{
		return x < 0 || y < 0 || x >= w || y >= h ? outside : d[x + w * y];
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
