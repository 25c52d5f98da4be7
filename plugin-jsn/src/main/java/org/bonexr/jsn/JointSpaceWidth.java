package org.bonexr.jsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.PixelSpacing;
import org.bonexr.jsn.JointImage.Bone;

/**
 * Measures joint space width (JSW): the distance along the joint axis
 * between the proximal and the distal bone margin, at every pixel across the
 * central part of the joint.
 * <p>
 * Method: at each lateral position (1 px apart) the image is sampled along
 * the joint axis (1 px steps, bilinear, mean of three adjacent lines across
 * the axis against noise). The two margins are first located at the
 * strongest falling (proximal) and rising (distal) gradient, then refined
 * to sub-pixel precision by fitting a pixel-integrated edge model
 * ({@link EdgeModelFit}): both edges jointly in a radiograph, each edge in
 * its own layer when the bones come as separated layers. A position counts
 * when both fitted edge contrasts exceed {@value #SIGNIFICANCE} times the
 * fit's residual RMS. JSW = (distal − proximal margin) × the length of a
 * pixel step along the axis, and 0 where the bones touch or overlap (the
 * distal margin at or below the proximal one). Stateless; usable from
 * scripts.
 */
public final class JointSpaceWidth {

	/** Edge contrast over residual RMS a margin needs to count. */
	public static final double SIGNIFICANCE = 6;
	/** Fraction of positions that must have both margins. */
	static final double MIN_VALID_FRACTION = 0.5;
	/** Depth into each bone the edge model is fitted over, mm (≥ 2 px). */
	static final double WINDOW_MM = 0.4;
	private static final int BAND = 1;

	public JointSpaceWidth() {}

	/**
	 * @param image the radiograph or the two layers, attenuation domain
	 * @param axis where to measure (see {@link JointAxis})
	 * @throws BoneXRException when fewer than half of the positions show two
	 *           bone margins (the region does not cross two bone ends)
	 */
	public JswMeasurement measure(final JointImage image, final JointAxis axis) {
		final PixelSpacing spacing = image.spacing();
		final double stepT = axis.axisStep(spacing);
		final double stepU = axis.lateralStep(spacing);
		final double windowPx = spacing.isKnown() ? Math.max(2, WINDOW_MM /
			stepT) : 4;
		final int nu = 2 * axis.lateralHalfWidthPx() + 1;
		final double[] lateral = new double[nu];
		final double[] jsw = new double[nu];
		final double[] px = new double[nu], py = new double[nu];
		final double[] dx = new double[nu], dy = new double[nu];
		IntStream.range(0, nu).parallel().forEach(j -> {
			final int u = j - axis.lateralHalfWidthPx();
			lateral[j] = u * stepU;
			final double[] e = margins(image, axis, u, windowPx);
			final double bx = axis.centreX() + u * axis.lateralX();
			final double by = axis.centreY() + u * axis.lateralY();
			if (e == null) {
				jsw[j] = px[j] = py[j] = dx[j] = dy[j] = Double.NaN;
				return;
			}
			jsw[j] = Math.max(0, e[1] - e[0]) * stepT;
			px[j] = bx + e[0] * axis.axisX();
			py[j] = by + e[0] * axis.axisY();
			dx[j] = bx + e[1] * axis.axisX();
			dy[j] = by + e[1] * axis.axisY();
		});
		final long valid = java.util.Arrays.stream(jsw).filter(Double::isFinite)
			.count();
		if (valid < MIN_VALID_FRACTION * nu) {
			throw new BoneXRException(String.format(Locale.ROOT,
				"No joint space found in '%s' at %s: two bone margins were found at " +
					"only %d of %d positions across the joint.", image.name(), axis,
				valid, nu), "Draw the rectangle (or line) across the joint so that " +
					"it reaches into both bones on either side of the joint space, or " +
					"give the two bone layers or masks for automatic placement.");
		}
		final List<String> warnings = new ArrayList<>(image.warnings());
		if (!spacing.isKnown()) {
			warnings.add("'" + image.name() + "' has no pixel spacing: JSW is in " +
				"pixels (px), not mm. Set the pixel size in Image>Properties... " +
				"(unit mm) to measure in mm.");
		}
		if (valid < nu) {
			warnings.add(String.format(Locale.ROOT,
				"Both margins were found at %d of %d positions; the others are " +
					"left out of the summaries.", valid, nu));
		}
		return new JswMeasurement(axis, spacing, image.hasLayers(), lateral, jsw,
			px, py, dx, dy, stepU, warnings);
	}

	/**
	 * Proximal and distal margin (t, px from the centre along the axis) at
	 * lateral offset u, or null where the two bones are not both there.
	 */
	private static double[] margins(final JointImage image, final JointAxis axis,
		final int u, final double windowPx)
	{
		final int half = axis.searchHalfLengthPx();
		if (image.hasLayers()) {
			final double[] p = profile(image, Bone.PROXIMAL, axis, u, half);
			final double[] d = profile(image, Bone.DISTAL, axis, u, half);
			final double[] gp = gradient(p), gd = gradient(d);
			final EdgeModelFit.Fit fp = new EdgeModelFit(p, -half, windowPx)
				.fitSingle(argExtreme(gp, false) - half, true);
			final EdgeModelFit.Fit fd = new EdgeModelFit(d, -half, windowPx)
				.fitSingle(argExtreme(gd, true) - half, false);
			if (!significant(fp.proximal, fp.rms) || !significant(fd.distal,
				fd.rms)) return null;
			return inside(fp.proximal.position, fd.distal.position, half);
		}
		final double[] a = profile(image, Bone.PROXIMAL, axis, u, half);
		final double[] g = gradient(a);
		// strongest fall followed (within 2 px before or any distance after)
		// by the strongest rise
		int bestP = -1, bestD = -1;
		double best = 0;
		for (int i = 0; i < g.length; i++) {
			if (!(g[i] < 0)) continue;
			for (int k = Math.max(0, i - 2); k < g.length; k++) {
				final double s = g[k] - g[i];
				if (g[k] > 0 && s > best) {
					best = s;
					bestP = i;
					bestD = k;
				}
			}
		}
		if (bestP < 0) return null;
		final EdgeModelFit.Fit f = new EdgeModelFit(a, -half, windowPx).fitPair(
			bestP - half, bestD - half);
		if (!significant(f.proximal, f.rms) || !significant(f.distal, f.rms)) {
			return null;
		}
		return inside(f.proximal.position, f.distal.position, half);
	}

	private static double[] inside(final double ep, final double ed,
		final int half)
	{
		if (Math.abs(ep) > half - 1 || Math.abs(ed) > half - 1) return null;
		return new double[] { ep, ed };
	}

	private static boolean significant(final EdgeModelFit.Edge e,
		final double rms)
	{
		return e.amplitude > 0 && e.contrast > SIGNIFICANCE * Math.max(rms,
			1e-6);
	}

	/** Mean of 2·BAND+1 adjacent lines along the axis at t = −half..half. */
	private static double[] profile(final JointImage image, final Bone bone,
		final JointAxis axis, final int u, final int half)
	{
		final double[] p = new double[2 * half + 1];
		for (int k = 0; k < p.length; k++) {
			final double t = k - half;
			double s = 0;
			for (int b = -BAND; b <= BAND; b++) {
				s += image.sample(bone, axis.centreX() + (u + b) * axis.lateralX() +
					t * axis.axisX(), axis.centreY() + (u + b) * axis.lateralY() + t *
						axis.axisY());
			}
			p[k] = s / (2 * BAND + 1);
		}
		return p;
	}

	/** Central difference of the [1 2 1]/4-smoothed profile. */
	private static double[] gradient(final double[] p) {
		final int n = p.length;
		final double[] s = new double[n];
		for (int i = 0; i < n; i++) {
			s[i] = (p[Math.max(0, i - 1)] + 2 * p[i] + p[Math.min(n - 1, i + 1)]) /
				4;
		}
		final double[] g = new double[n];
		for (int i = 1; i < n - 1; i++)
			g[i] = (s[i + 1] - s[i - 1]) / 2;
		return g;
	}

	private static int argExtreme(final double[] g, final boolean max) {
		int best = 0;
		for (int i = 1; i < g.length; i++) {
			if (max ? g[i] > g[best] : g[i] < g[best]) best = i;
		}
		return best;
	}
}
