package org.bonexr.jsn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A tilted distal base in a separation model's layer, one profile along the
 * joint axis: its near rim, fitted in the layer from the layer's onset
 * ({@link EdgeModelFit}, edge shape γ free), and its crest ({@link
 * RoundedCrest}, shape free). Its margin is the base's mid-line, halfway
 * between the near rim and the far rim (t, px along the axis).
 * <p>
 * Across a joint the near rim's edge shape is the same at every position,
 * as the crest's is, while each profile's fit chooses its γ with its own
 * noise, and γ and the rim trade off. {@link #sharedNearRims} fits each near
 * rim again with the γ most positions chose, then shifts them all together
 * so that the free fits keep their mean (as {@link RoundedCrest#sharedFarRims}
 * does for the far rims).
 * <p>
 * The band's width, far rim − near rim (2·d·sin θ for an end of depth 2d
 * tilted by θ), changes only slowly across a joint, while the two rims
 * scatter from position to position, each by its own amount: {@link
 * #midLines} takes the width from a wider window across the joint and lets
 * the rim that scatters less place the mid-line more.
 */
final class TiltedBase {

	private final EdgeModelFit layerFit;
	private final double onset;
	/** The near rim with the position's own γ. */
	final EdgeModelFit.Edge near;
	final RoundedCrest.Crest crest;

	/**
	 * @param layerFit the edge fit on the distal layer's profile
	 * @param onset where the near rim's fit started (the layer's onset), t px
	 * @param near the near rim found from there, γ free
	 * @param crest the crest, its shape free
	 */
	TiltedBase(final EdgeModelFit layerFit, final double onset,
		final EdgeModelFit.Edge near, final RoundedCrest.Crest crest)
	{
		this.layerFit = layerFit;
		this.onset = onset;
		this.near = near;
		this.crest = crest;
	}

	/** The mid-line, t (px), with the position's own near and far rim. */
	double midLine() {
		return (near.position + crest.farRim) / 2;
	}

	/** The near rim (t, px) fitted again with a given γ; its own where none fits. */
	private double nearRim(final double gamma) {
		final EdgeModelFit.Edge e = layerFit.fitSingle(onset, false,
			new double[] { gamma }).distal;
		return e.amplitude > 0 ? e.position : near.position;
	}

	/**
	 * The mid-lines of a joint's tilted bases (t, px): from each rim, half the
	 * band's width inside it, the width smoothed across the joint over ±
	 * bandHalf positions ({@link MarginSmoothing}); the two weighted by the
	 * inverse of each rim's scatter across the joint (mean squared deviation
	 * from its own smoothing over ± smoothHalf positions). Equal weights
	 * where neither rim scatters. Where the smoothed width equals the
	 * position's own, this is the middle between the rims whatever the
	 * weights.
	 *
	 * @param positions the joint positions (indices 0..count−1) of the bases
	 * @param nearRims near rims, in the order of positions
	 * @param farRims far rims, in the order of positions
	 * @param count positions across the joint
	 * @return mid-lines by joint position, NaN where there is no base
	 */
	static double[] midLines(final int[] positions, final double[] nearRims,
		final double[] farRims, final int count, final int smoothHalf,
		final int bandHalf)
	{
		final double[] near = new double[count], far = new double[count],
			width = new double[count];
		Arrays.fill(near, Double.NaN);
		Arrays.fill(far, Double.NaN);
		Arrays.fill(width, Double.NaN);
		for (int k = 0; k < positions.length; k++) {
			near[positions[k]] = nearRims[k];
			far[positions[k]] = farRims[k];
			width[positions[k]] = farRims[k] - nearRims[k];
		}
		final double[] band = MarginSmoothing.localQuadratic(width, bandHalf);
		final double vNear = scatter(near, smoothHalf);
		final double vFar = scatter(far, smoothHalf);
		final double wNear = vNear + vFar > 0 ? vFar / (vNear + vFar) : 0.5;
		final double[] mid = new double[count];
		Arrays.fill(mid, Double.NaN);
		for (final int j : positions)
			mid[j] = wNear * (near[j] + band[j] / 2) + (1 - wNear) * (far[j] -
				band[j] / 2);
		return mid;
	}

	/** Mean squared deviation of a rim from its smoothing across the joint, px². */
	private static double scatter(final double[] rim, final int half) {
		final double[] smooth = MarginSmoothing.localQuadratic(rim, half);
		double ss = 0;
		int n = 0;
		for (int j = 0; j < rim.length; j++) {
			if (!Double.isFinite(rim[j])) continue;
			ss += (rim[j] - smooth[j]) * (rim[j] - smooth[j]);
			n++;
		}
		return n > 0 ? ss / n : 0;
	}

	/**
	 * The γ that most near-rim fits chose (the smaller one on a tie); NaN for
	 * no bases.
	 */
	static double commonGamma(final List<TiltedBase> bases) {
		final Map<Double, Long> counts = bases.stream().collect(Collectors
			.groupingBy(b -> b.near.gamma, TreeMap::new, Collectors.counting()));
		return counts.entrySet().stream().max(Comparator.comparingLong(
			(Map.Entry<Double, Long> c) -> c.getValue()).thenComparing(c -> -c
				.getKey())).map(Map.Entry::getKey).orElse(Double.NaN);
	}

	/**
	 * The near rims of one bone end's bases across a joint, each fitted again
	 * with the common γ ({@link #commonGamma}), then all shifted together so
	 * that their mean is that of the fits with each position's own γ.
	 *
	 * @return near rims, t in px, in the order of bases
	 */
	static double[] sharedNearRims(final List<TiltedBase> bases) {
		final double gamma = commonGamma(bases);
		final double[] rims = bases.stream().mapToDouble(b -> b.nearRim(gamma))
			.toArray();
		double shift = 0;
		for (int i = 0; i < rims.length; i++)
			shift += bases.get(i).near.position - rims[i];
		shift /= Math.max(1, rims.length);
		for (int i = 0; i < rims.length; i++)
			rims[i] += shift;
		return rims;
	}
}
