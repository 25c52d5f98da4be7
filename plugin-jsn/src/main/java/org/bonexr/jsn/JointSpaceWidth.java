package org.bonexr.jsn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
 * the axis against noise). In a radiograph the two margins are first
 * located at the strongest falling (proximal) and rising (distal) gradient
 * (the rise no more than 1 px before the fall) within the search range and
 * then refined together to sub-pixel precision by fitting a pixel-integrated
 * edge model ({@link EdgeModelFit}); the margin is the edge's onset, except
 * for a tilted distal base (below). With separated layers each margin is found in
 * its own bone's layer: the layer is zero outside its bone, so the edge
 * fit starts where the layer first exceeds {@value #LAYER_ONSET} of its
 * maximum (seen from the joint), which is the near rim even of a long,
 * shallow edge; and where the fitted edge is a linear rise (γ ≥ ¾: a bone
 * end tilted to the beam, as in a flexed joint, whose projection overlaps
 * the other bone) followed by a crest, the margin is the middle of the
 * tilted end, halfway between its near and far rim ({@link TiltedRim}). In
 * a radiograph this is done for the distal margin only (see the comment in
 * the code), and its near rim may be hidden in the head's shadow. The
 * profiles reach {@value #MAX_RIM_MM} mm beyond the search range for that.
 * Layers made by a separation model ({@link JointImage#ofModelLayers}) are
 * blurred and may leak into the joint space: there each layer only places
 * its margin and the fit runs in the radiograph minus the other layer (see
 * {@code modelLayerMargins}).
 * A position counts when both fitted edges lie in the search range and their
 * contrasts exceed {@value #SIGNIFICANCE} times the fit's residual RMS.
 * Each margin is then smoothed across the joint by a local quadratic fit
 * over ±{@value #SMOOTHING_MM} mm ({@link MarginSmoothing}; ±{@value
 * #SMOOTHING_PX} positions without pixel spacing): details of an outline
 * narrower than about 1 mm are averaged, its curvature is kept.
 * JSW = (distal − proximal margin) × the length of a pixel step along the
 * axis, and 0 where the bones touch or overlap (the distal margin at or
 * below the proximal one). Stateless; usable from scripts.
 */
public final class JointSpaceWidth {

	/** Edge contrast over residual RMS a margin needs to count. */
	public static final double SIGNIFICANCE = 6;
	/** Fraction of positions that must have both margins. */
	static final double MIN_VALID_FRACTION = 0.5;
	/** Depth into each bone the edge model is fitted over, mm (≥ 2 px). */
	static final double WINDOW_MM = 0.4;
	private static final int BAND = 1;
	/** Fraction of a layer's maximum that marks its bone's onset. */
	static final double LAYER_ONSET = 0.05;
	/** Edge shape from which an edge counts as a tilted bone end. */
	static final double TILTED_GAMMA = 0.75;
	/** Extent of the far-rim kink fit on the bone's side, mm (≥ 2 px). */
	static final double KINK_MM = 0.2;
	/** Longest far-rim distance sought behind a tilted edge, mm. */
	static final double MAX_RIM_MM = 4;
	/**
	 * {@link TiltedRim}'s ramp test on a separation model's layer: a network
	 * blurs a step edge, yet 1.5 px past its onset it has still made ≥ 85% of
	 * its rise in every flexion-free joint phantom at 0.05–0.2 mm/px, while a
	 * base tilted by 10° at 0.2 mm/px (a ramp of about 3 px) has made 50–73%.
	 */
	static final double MODEL_RAMP_FRACTION = 0.75;
	/**
	 * Part of a tilted base's band (near rim to far rim) over which its near
	 * rim is fitted in a model layer, at least the fit window: a tilted end's
	 * cortical end plate rises straight over the first 30–70% of the band
	 * (joint phantom at 10–28°), and a network rounds the foot of that rise.
	 */
	static final double NEAR_RIM_BAND_FRACTION = 0.25;
	/**
	 * Half-width of the smoothing of a tilted base's band width (far rim −
	 * near rim) across the joint, mm ({@link TiltedBase#midLines}).
	 */
	static final double BAND_SMOOTHING_MM = 1.5;
	/** Half-width of the margins' smoothing across the joint, mm. */
	static final double SMOOTHING_MM = 0.5;
	/** The same, in positions, for an image without pixel spacing. */
	static final int SMOOTHING_PX = 3;
	/** {@link #BAND_SMOOTHING_MM} in positions, for an image without pixel spacing. */
	static final int BAND_SMOOTHING_PX = 9;

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
		final double maxRimPx = spacing.isKnown() ? MAX_RIM_MM / stepT : 40;
		final int kinkPx = spacing.isKnown() ? (int) Math.max(2, Math.round(
			KINK_MM / stepT)) : 2;
		// without spacing, lengths in mm are taken at 0.1 mm/px, as windowPx
		final double pixelMm = spacing.isKnown() ? stepT : 0.1;
		final int nu = 2 * axis.lateralHalfWidthPx() + 1;
		final double[] lateral = new double[nu];
		final Margins[] found = new Margins[nu];
		IntStream.range(0, nu).parallel().forEach(j -> {
			final int u = j - axis.lateralHalfWidthPx();
			lateral[j] = u * stepU;
			found[j] = margins(image, axis, u, windowPx, maxRimPx, kinkPx, pixelMm);
		});
		// a tilted base's rims again, with the near rim's and the crest's shape
		// shared across the joint
		final int[] tilted = IntStream.range(0, nu).filter(j -> found[j] != null &&
			found[j].tilted != null).toArray();
		final List<TiltedBase> bases = Arrays.stream(tilted).mapToObj(
			j -> found[j].tilted).collect(Collectors.toList());
		final double[] nearRims = TiltedBase.sharedNearRims(bases);
		final double[] farRims = RoundedCrest.sharedFarRims(bases.stream().map(
			b -> b.crest).collect(Collectors.toList()));
		final double[] tp = new double[nu], td = new double[nu];
		for (int j = 0; j < nu; j++) {
			tp[j] = found[j] == null ? Double.NaN : found[j].proximal;
			td[j] = found[j] == null ? Double.NaN : found[j].distal;
		}
		final int smoothHalf = spacing.isKnown() ? (int) Math.round(SMOOTHING_MM /
			stepU) : SMOOTHING_PX;
		final double[] mid = TiltedBase.midLines(tilted, nearRims, farRims, nu,
			smoothHalf, spacing.isKnown() ? (int) Math.round(BAND_SMOOTHING_MM /
				stepU) : BAND_SMOOTHING_PX);
		for (final int j : tilted) {
			final boolean inside = Math.abs(mid[j]) <= axis.searchHalfLengthPx() - 1;
			tp[j] = inside ? tp[j] : Double.NaN;
			td[j] = inside ? mid[j] : Double.NaN;
		}
		final double[] sp = MarginSmoothing.localQuadratic(tp, smoothHalf);
		final double[] sd = MarginSmoothing.localQuadratic(td, smoothHalf);
		final double[] jsw = new double[nu];
		final double[] px = new double[nu], py = new double[nu];
		final double[] dx = new double[nu], dy = new double[nu];
		for (int j = 0; j < nu; j++) {
			final int u = j - axis.lateralHalfWidthPx();
			final double bx = axis.centreX() + u * axis.lateralX();
			final double by = axis.centreY() + u * axis.lateralY();
			jsw[j] = Math.max(0, sd[j] - sp[j]) * stepT;
			px[j] = bx + sp[j] * axis.axisX();
			py[j] = by + sp[j] * axis.axisY();
			dx[j] = bx + sd[j] * axis.axisX();
			dy[j] = by + sd[j] * axis.axisY();
		}
		final long valid = Arrays.stream(jsw).filter(Double::isFinite)
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
	 * One position's proximal and distal margin (t, px from the centre along
	 * the axis). A tilted distal base read from a model layer is kept too:
	 * its rims are located again once all positions of the joint are fitted
	 * ({@link TiltedBase#sharedNearRims}, {@link RoundedCrest#sharedFarRims});
	 * its distal margin here is the one with the position's own shapes.
	 */
	private static final class Margins {

		final double proximal;
		final double distal;
		/** The tilted distal base in a model layer, or null. */
		final TiltedBase tilted;

		Margins(final double proximal, final double distal,
			final TiltedBase tilted)
		{
			this.proximal = proximal;
			this.distal = distal;
			this.tilted = tilted;
		}
	}

	/**
	 * The margins at lateral offset u, or null where the two bones are not
	 * both there.
	 */
	private static Margins margins(final JointImage image, final JointAxis axis,
		final int u, final double windowPx, final double maxRimPx,
		final int kinkPx, final double pixelMm)
	{
		final int half = axis.searchHalfLengthPx();
		// the profiles reach beyond the search range by the far-rim distance,
		// so that a tilted bone end's far rim is seen (see TiltedRim)
		final int ext = (int) Math.ceil(maxRimPx) + TiltedRim.FALL_PX + 3;
		final int len = half + ext;
		if (image.isModelLayers()) {
			return modelLayerMargins(image, axis, u, len, half, windowPx, maxRimPx,
				kinkPx, pixelMm);
		}
		if (image.hasLayers()) {
			final double[] p = profile(image, Bone.PROXIMAL, axis, u, len);
			final double[] d = profile(image, Bone.DISTAL, axis, u, len);
			final EdgeModelFit.Fit fp = new EdgeModelFit(p, -len, windowPx)
				.fitSingle(layerOnset(p, true) - len, true);
			final EdgeModelFit.Fit fd = new EdgeModelFit(d, -len, windowPx)
				.fitSingle(layerOnset(d, false) - len, false);
			if (!significant(fp.proximal, fp.rms) || !significant(fd.distal,
				fd.rms) || !inside(fp.proximal, half) || !inside(fd.distal, half))
			{
				return null;
			}
			return new Margins(margin(p, len, fp.proximal, -1, windowPx, maxRimPx,
				kinkPx), margin(d, len, fd.distal, +1, windowPx, maxRimPx, kinkPx),
				null);
		}
		final double[] a = profile(image, Bone.PROXIMAL, axis, u, len);
		final EdgeModelFit.Fit f = radiographPair(a, half, len, windowPx);
		if (f == null) return null;
		if (!significant(f.proximal, f.rms) || !significant(f.distal, f.rms) ||
			!inside(f.proximal, half) || !inside(f.distal, half))
		{
			return null;
		}
		// in a radiograph only the distal margin is checked for a tilted end:
		// in the finger joints the proximal bone ends in a convex head, whose
		// outline does not depend on flexion, while the distal base is the
		// flat-ish surface that flexion tilts; behind the head's outline
		// noise and the head's own cortical shell could pass for a crest
		return new Margins(f.proximal.position, margin(a, len, f.distal, +1,
			windowPx, maxRimPx, kinkPx), null);
	}

	/**
	 * The joint fit of both margins in a radiograph profile (t from −len to
	 * len), started at the strongest fall followed (within 1 px before or any
	 * distance after) by the strongest rise within the search range (±half);
	 * null when there is no such pair.
	 */
	private static EdgeModelFit.Fit radiographPair(final double[] a,
		final int half, final int len, final double windowPx)
	{
		final double[] g = gradient(a);
		final int ext = len - half;
		int bestP = -1, bestD = -1;
		double best = 0;
		for (int i = ext; i < ext + 2 * half + 1; i++) {
			if (!(g[i] < 0)) continue;
			for (int k = Math.max(ext, i - 1); k < ext + 2 * half + 1; k++) {
				final double s = g[k] - g[i];
				if (g[k] > 0 && s > best) {
					best = s;
					bestP = i;
					bestD = k;
				}
			}
		}
		if (bestP < 0) return null;
		return new EdgeModelFit(a, -len, windowPx).fitPair(bestP - len, bestD -
			len);
	}

	/**
	 * Margins from a separation model's layers. A network's layer is blurred
	 * over a few pixels at its bone's edge, so the layer only places each
	 * margin: the edge-model fit starts where the layer first exceeds
	 * {@value #LAYER_ONSET} of its maximum seen from the joint, as for exact
	 * layers (unless that is a leak far into the joint space:
	 * {@code fitStart}), but runs in the radiograph minus the other bone's
	 * layer, which keeps the radiograph's own sharp edge (where no edge fits,
	 * the margin is where the layer reaches half its maximum). The distal margin of a tilted
	 * bone end is taken from its layer as for exact layers, when the layer
	 * shows one (a ramp with a crest behind it; {@link #MODEL_RAMP_FRACTION}):
	 * between the near rim and the crest ({@link TiltedRim}, then
	 * {@link RoundedCrest}; across the joint {@link TiltedBase#midLines}
	 * places the mid-line); the radiograph's edge is no guide there, since the
	 * end's projection overlaps the head. As in a radiograph, the proximal
	 * margin (a convex head) is never taken as tilted. Where the distal edge
	 * is a step and one of the radiograph's own joint fits of both margins
	 * ({@link EdgeModelFit#fitPair}: from the strongest fall and rise, as on
	 * a raw radiograph, or from the margins found so far) finds both
	 * significant within 1 px of them, that fit is taken.
	 */
	private static Margins modelLayerMargins(final JointImage image,
		final JointAxis axis, final int u, final int len, final int half,
		final double windowPx, final double maxRimPx, final int kinkPx,
		final double pixelMm)
	{
		final double[] p = profile(image, Bone.PROXIMAL, axis, u, len);
		final double[] d = profile(image, Bone.DISTAL, axis, u, len);
		final double hp = halfMaximum(p, true) - len;
		final double hd = halfMaximum(d, false) - len;
		if (Double.isNaN(hp) || Double.isNaN(hd)) return null;
		final EdgeModelFit.Edge ep = new EdgeModelFit(edgeProfile(image,
			Bone.PROXIMAL, axis, u, len), -len, windowPx).fitSingle(fitStart(p, true,
				hp, len, windowPx), true).proximal;
		// the radiograph minus the proximal layer: the distal bone (and soft
		// tissue) with the radiograph's own sharpness
		final double[] withoutProximal = edgeProfile(image, Bone.DISTAL, axis, u,
			len);
		final EdgeModelFit.Fit fd = new EdgeModelFit(withoutProximal, -len,
			windowPx).fitSingle(fitStart(d, false, hd, len, windowPx), false);
		final EdgeModelFit.Edge ed = fd.distal;
		double mp = ep.amplitude > 0 ? ep.position : hp;
		final TiltedBase tilted = tiltedDistalMargin(d, len, windowPx, maxRimPx,
			kinkPx, pixelMm);
		double md = tilted != null ? tilted.midLine() : stepLike(ed) ? ed.position
			: hd;
		if (ep.amplitude > 0 && tilted == null && stepLike(ed)) {
			// both margins visible in the radiograph where the layers put them:
			// the joint fit of both there is not disturbed by the other bone's
			// imperfectly removed edge (which a narrow joint brings into each
			// single fit's window)
			final double[] a = edgeProfile(image, null, axis, u, len);
			for (final EdgeModelFit.Fit pair : new EdgeModelFit.Fit[] {
				radiographPair(a, half, len, windowPx), new EdgeModelFit(a, -len,
					windowPx).fitPair(mp, md) })
			{
				if (pair != null && agrees(pair.proximal, pair.rms, mp, false) && agrees(
					pair.distal, pair.rms, md, true))
				{
					mp = pair.proximal.position;
					md = pair.distal.position;
					break;
				}
			}
		}
		if (Math.abs(mp) > half - 1 || Math.abs(md) > half - 1) return null;
		return new Margins(mp, md, tilted);
	}

	/**
	 * Where the edge fit on a model layer starts (t, px): the layer's onset
	 * ({@link #layerOnset}), the foot of its blurred edge, unless that lies
	 * more than the fit window before the half maximum h (seen from the
	 * joint): then the onset is a leak into the joint space, not the edge,
	 * and the fit starts at h.
	 */
	private static double fitStart(final double[] layer, final boolean proximal,
		final double h, final int len, final double windowPx)
	{
		final double onset = layerOnset(layer, proximal) - len;
		return Math.abs(onset - h) <= windowPx ? onset : h;
	}

	/**
	 * A radiograph's fitted margin that confirms a layer's placement t (px):
	 * significant, within 1 px of it and, when {@code step}, not a ramp.
	 */
	private static boolean agrees(final EdgeModelFit.Edge e, final double rms,
		final double t, final boolean step)
	{
		return (!step || stepLike(e)) && significant(e, rms) && Math.abs(
			e.position - t) <= 1;
	}

	/** A fitted bone edge that is not a ramp (γ &lt; ¾). */
	private static boolean stepLike(final EdgeModelFit.Edge e) {
		return e.amplitude > 0 && e.gamma < TILTED_GAMMA;
	}

	/**
	 * A tilted distal bone end in a model layer: halfway between the near rim
	 * and the crest behind it ({@link TiltedRim}, which also requires the rise
	 * to be a ramp, not a step; the network rounds the crest, so it is then
	 * located again by {@link RoundedCrest}); null when the layer shows no
	 * such ramp with a crest. The near rim is the edge fit in the layer,
	 * started at its onset and, once the crest is known, fitted again over
	 * {@value #NEAR_RIM_BAND_FRACTION} of the band (at least the fit window),
	 * so that it follows the end plate's straight rise rather than the foot
	 * the network rounds; not in the radiograph minus the proximal layer:
	 * where the rim projects onto the head that fit lands late even with the
	 * phantom's exact layers (+0.6 to +0.9 px at 28°; likely the ramp's faint
	 * foot lost in the radiograph's noise), and more so when the layers are
	 * blurred and projected onto the radiograph, as a network's are. Both
	 * rims are fitted with a free shape here and again with the shape shared
	 * across the joint once all positions are fitted ({@link TiltedBase}).
	 * Unlike for exact layers the fitted edge's shape (γ) is not asked: a
	 * network's ramp over the head is not straight (it bends where the head's
	 * rim ends), and a step with its plateau fails {@link TiltedRim}'s own ramp
	 * test.
	 *
	 * @param layer the distal layer's profile
	 */
	private static TiltedBase tiltedDistalMargin(final double[] layer,
		final int len, final double windowPx, final double maxRimPx,
		final int kinkPx, final double pixelMm)
	{
		final double onset = layerOnset(layer, false) - len;
		final EdgeModelFit.Edge e = new EdgeModelFit(layer, -len, windowPx)
			.fitSingle(onset, false).distal;
		if (!(e.amplitude > 0)) return null;
		final double far = TiltedRim.farRim(layer, -len, e.position, +1, windowPx,
			maxRimPx, e.contrast, kinkPx, MODEL_RAMP_FRACTION);
		if (Double.isNaN(far)) return null;
		// the near rim again over the end plate's straight rise, not its foot
		final EdgeModelFit overRise = new EdgeModelFit(layer, -len, Math.max(
			windowPx, NEAR_RIM_BAND_FRACTION * (far - e.position)));
		final EdgeModelFit.Edge near = overRise.fitSingle(onset, false).distal;
		return near.amplitude > 0 ? new TiltedBase(overRise, onset, near,
			RoundedCrest.fit(layer, -len, near.position, far, pixelMm)) : null;
	}

	/**
	 * Sub-pixel index where a layer profile, seen from the joint (from its
	 * end for the proximal bone, from its start for the distal one), first
	 * reaches half its maximum; NaN when the layer is empty.
	 */
	private static double halfMaximum(final double[] p, final boolean proximal) {
		double max = 0;
		for (final double v : p)
			max = Math.max(max, v);
		if (!(max > 0)) return Double.NaN;
		final double level = 0.5 * max;
		final int n = p.length;
		for (int k = 1; k < n; k++) {
			final int i = proximal ? n - 1 - k : k;
			final int prev = proximal ? i + 1 : i - 1;
			if (p[i] >= level) {
				final double f = (level - p[prev]) / (p[i] - p[prev]);
				return prev + (i - prev) * f;
			}
		}
		return Double.NaN;
	}

	/**
	 * Like {@link #profile}, in the radiograph minus the other bone's layer,
	 * or in the radiograph itself when bone is null.
	 */
	private static double[] edgeProfile(final JointImage image, final Bone bone,
		final JointAxis axis, final int u, final int half)
	{
		final double[] p = new double[2 * half + 1];
		for (int k = 0; k < p.length; k++) {
			final double t = k - half;
			double s = 0;
			for (int b = -BAND; b <= BAND; b++) {
				final double x = axis.centreX() + (u + b) * axis.lateralX() + t * axis
					.axisX();
				final double y = axis.centreY() + (u + b) * axis.lateralY() + t * axis
					.axisY();
				s += bone == null ? image.sampleRadiograph(x, y) : image
					.sampleWithoutOther(bone, x, y);
			}
			p[k] = s / (2 * BAND + 1);
		}
		return p;
	}

	/** Whether an edge lies within the search range (t in px). */
	private static boolean inside(final EdgeModelFit.Edge e, final int half) {
		return Math.abs(e.position) <= half - 1;
	}

	/**
	 * The margin of a fitted edge: its onset, or, for a linear onset (γ ≥ ¾,
	 * a bone end tilted to the beam) followed by a crest, the middle between
	 * the onset (near rim) and the crest (far rim): see {@link TiltedRim}.
	 */
	private static double margin(final double[] profile, final int half,
		final EdgeModelFit.Edge e, final int intoBone, final double windowPx,
		final double maxRimPx, final int kinkPx)
	{
		if (e.gamma < TILTED_GAMMA) return e.position;
		final double far = TiltedRim.farRim(profile, -half, e.position, intoBone,
			windowPx, maxRimPx, e.contrast, kinkPx, TiltedRim.SHARP_RAMP_FRACTION);
		return Double.isNaN(far) ? e.position : (e.position + far) / 2;
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

	/**
	 * Where a separated layer's bone starts, seen from the joint (from the
	 * end of the profile for the proximal bone, from its start for the distal
	 * one): the first sample above {@value #LAYER_ONSET} of the layer's
	 * maximum along the profile. A layer is zero outside its bone, so this
	 * finds the near rim even of a long, shallow edge (a tilted bone end),
	 * where the steepest gradient could lie anywhere along the rise.
	 */
	private static int layerOnset(final double[] p, final boolean proximal) {
		double max = 0;
		for (final double v : p)
			max = Math.max(max, v);
		final double level = LAYER_ONSET * max;
		final int n = p.length;
		for (int k = 0; k < n; k++) {
			final int i = proximal ? n - 1 - k : k;
			if (p[i] > level) return i;
		}
		return proximal ? n - 1 : 0;
	}
}
