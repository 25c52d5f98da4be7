package org.bonexr.jsn;

import java.util.Arrays;

import org.bonexr.core.BoneXRException;
import org.bonexr.jsn.JointImage.Bone;

/**
 * Joint space width change between two visits of the same joint.
 * <p>
 * Method: the joint is measured in visit 1 ({@link JointSpaceWidth}). A
 * square patch around the joint (Hann-windowed) is registered between the
 * visits by phase-only correlation ({@link PhaseCorrelation}) for the
 * coarse joint motion; then each bone is registered on its own: the patch
 * is cut at the mid-line of the joint space found in visit 1, the other
 * bone's side set to the joint space level, and the bone's side registered
 * again to sub-pixel precision (with separated layers each bone's own layer
 * is used). ΔJSW is the displacement of the distal bone relative to the
 * proximal bone along the joint axis. As a check, visit 2 is measured with
 * the region moved along with the bones, and the mean of the paired
 * per-position differences is reported too; the uncertainty combines the
 * standard error of those differences (three adjacent positions share
 * pixels, so n/3 independent ones) with half the disagreement of the two
 * estimates. Stateless.
 */
public final class JointSpaceComparison {

	private static final int MIN_PATCH = 32;
	private static final int MAX_PATCH = 256;

	public JswChange compare(final JointImage first, final JointImage second,
		final JointAxis axis)
	{
		if (!first.spacing().equals(second.spacing())) {
			throw new BoneXRException("The two visits have different pixel " +
				"spacings (" + first.spacing() + " and " + second.spacing() + ").",
				"Give two radiographs with the same pixel spacing (resample one, " +
					"or set the calibration in Image>Properties...).");
		}
		if (first.hasLayers() != second.hasLayers()) {
			throw new BoneXRException("One visit comes as bone layers, the other " +
				"as a radiograph.", "Give both visits the same way.");
		}
		final JointSpaceWidth jsw = new JointSpaceWidth();
		final JswMeasurement m1 = jsw.measure(first, axis);
		int n = MIN_PATCH;
		while (n < 2 * Math.max(axis.lateralHalfWidthPx(), axis
			.searchHalfLengthPx()) + 1 && n < MAX_PATCH)
			n *= 2;
		final int x0 = (int) Math.floor(axis.centreX()) - n / 2;
		final int y0 = (int) Math.floor(axis.centreY()) - n / 2;
		final double[] hann = hann(n);
		final double[] coarse = PhaseCorrelation.shift(patch(first, Bone.PROXIMAL,
			x0, y0, n, hann, 0), patch(second, Bone.PROXIMAL, x0, y0, n,
				hann, 0), n);
		final int ox = (int) Math.round(coarse[0]), oy = (int) Math.round(
			coarse[1]);
		final double[] tMid = midGap(m1, axis);
		final double[] sp = boneShift(first, second, Bone.PROXIMAL, axis, m1,
			tMid, x0, y0, ox, oy, n, hann);
		final double[] sd = boneShift(first, second, Bone.DISTAL, axis, m1, tMid,
			x0, y0, ox, oy, n, hann);
		final double step = axis.axisStep(first.spacing());
		final double deltaReg = ((sd[0] - sp[0]) * axis.axisX() + (sd[1] -
			sp[1]) * axis.axisY()) * step;
		final JswMeasurement m2 = jsw.measure(second, axis.translated((sp[0] +
			sd[0]) / 2, (sp[1] + sd[1]) / 2));
		final double[] a = m1.jswProfile(), b = m2.jswProfile();
		final double[] d = new double[Math.min(a.length, b.length)];
		int k = 0;
		for (int i = 0; i < d.length; i++)
			if (Double.isFinite(a[i]) && Double.isFinite(b[i])) d[k++] = b[i] - a[i];
		final double[] diffs = Arrays.copyOf(d, k);
		final double mean = Arrays.stream(diffs).average().orElse(Double.NaN);
		double ss = 0;
		for (final double v : diffs)
			ss += (v - mean) * (v - mean);
		final double se = k > 1 ? Math.sqrt(ss / (k - 1)) / Math.sqrt(Math.max(1,
			k / 3.0)) : Double.NaN;
		final double uncertainty = Math.sqrt(se * se + 0.25 * (deltaReg - mean) *
			(deltaReg - mean));
		return new JswChange(m1, m2, deltaReg, mean, uncertainty, sp, sd);
	}

	/** Mid-line of the joint space (t, px) at each lateral position of m1. */
	private static double[] midGap(final JswMeasurement m, final JointAxis a) {
		final double[] px = m.proximalX(), py = m.proximalY();
		final double[] dx = m.distalX(), dy = m.distalY();
		final double[] t = new double[px.length];
		for (int j = 0; j < t.length; j++) {
			t[j] = ((px[j] + dx[j]) / 2 - a.centreX()) * a.axisX() + ((py[j] +
				dy[j]) / 2 - a.centreY()) * a.axisY();
		}
		final double median = median(Arrays.stream(t).filter(Double::isFinite)
			.toArray());
		for (int j = 0; j < t.length; j++)
			if (!Double.isFinite(t[j])) t[j] = median;
		return t;
	}

	private static double[] boneShift(final JointImage first,
		final JointImage second, final Bone bone, final JointAxis axis,
		final JswMeasurement m1, final double[] tMid, final int x0, final int y0,
		final int ox, final int oy, final int n, final double[] hann)
	{
		final double[] side = new double[n * n];
		final int half = axis.lateralHalfWidthPx();
		final double[] gap = new double[tMid.length];
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				final double rx = x0 + x + 0.5 - axis.centreX();
				final double ry = y0 + y + 0.5 - axis.centreY();
				final double t = rx * axis.axisX() + ry * axis.axisY();
				final double u = rx * axis.lateralX() + ry * axis.lateralY();
				final int j = (int) Math.max(0, Math.min(tMid.length - 1, Math.round(
					u) + half));
				final boolean mine = bone == Bone.PROXIMAL ? t < tMid[j] : t > tMid[j];
				side[y * n + x] = mine ? hann[y * n + x] : 0;
			}
		}
		for (int j = 0; j < tMid.length; j++) {
			final double u = j - half;
			gap[j] = first.sample(bone, axis.centreX() + u * axis.lateralX() +
				tMid[j] * axis.axisX(), axis.centreY() + u * axis.lateralY() + tMid[j] *
					axis.axisY());
		}
		final double level = median(gap);
		final double[] s = PhaseCorrelation.shift(patch(first, bone, x0, y0, n,
			side, level), patch(second, bone, x0 + ox, y0 + oy, n, side,
				level), n);
		return new double[] { ox + s[0], oy + s[1] };
	}

	/**
	 * (image − level) × weight over the n×n patch at (x0, y0), pixels outside
	 * the image clamped to the border.
	 */
	private static double[] patch(final JointImage img, final Bone bone,
		final int x0, final int y0, final int n, final double[] weight,
		final double level)
	{
		final float[] a = img.pixels(bone);
		final int w = img.width(), h = img.height();
		final double[] p = new double[n * n];
		for (int y = 0; y < n; y++) {
			final int iy = Math.max(0, Math.min(h - 1, y0 + y));
			for (int x = 0; x < n; x++) {
				final int ix = Math.max(0, Math.min(w - 1, x0 + x));
				p[y * n + x] = (a[iy * w + ix] - level) * weight[y * n + x];
			}
		}
		return p;
	}

	private static double[] hann(final int n) {
		final double[] w1 = new double[n];
		for (int i = 0; i < n; i++)
			w1[i] = 0.5 * (1 - Math.cos(2 * Math.PI * (i + 0.5) / n));
		final double[] w = new double[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				w[y * n + x] = w1[x] * w1[y];
		return w;
	}

	/** Median of v (NaN when empty); v is not modified. */
	static double median(final double[] v) {
		if (v.length == 0) return Double.NaN;
		final double[] s = v.clone();
		Arrays.sort(s);
		final int m = s.length / 2;
		return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
	}
}
