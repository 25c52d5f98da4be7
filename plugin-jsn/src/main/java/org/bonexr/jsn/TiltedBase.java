package org.bonexr.jsn;

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
