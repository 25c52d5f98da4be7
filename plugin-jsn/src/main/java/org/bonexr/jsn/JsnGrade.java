package org.bonexr.jsn;

import org.bonexr.core.BoneXRException;

/**
 * A suggested joint space narrowing (JSN) grade on the Sharp/van der Heijde
 * scale (0–4) from the ratio r of the measured JSW to the normal JSW of the
 * joint, following the scale's wording (van der Heijde, J. Rheumatol. 27
 * (2000) 261–263): 0 normal (r ≥ 0.9, allowing for measurement and
 * positioning), 1 minimal narrowing, up to 25% lost (0.75 ≤ r &lt; 0.9), 2
 * up to 50% lost (0.5 ≤ r &lt; 0.75), 3 more than 50% lost (0 &lt; r &lt;
 * 0.5), 4 no joint space left (r = 0). A suggestion for a reader, not a
 * validated classifier: subluxation and focal narrowing, which the scale
 * also scores, are not seen by a width ratio.
 */
public final class JsnGrade {

	private JsnGrade() {}

	/**
	 * @param jsw measured JSW (mean over the central part)
	 * @param normalJsw the joint's normal JSW, same unit, &gt; 0
	 * @return grade 0–4
	 */
	public static int suggest(final double jsw, final double normalJsw) {
		if (!(normalJsw > 0) || Double.isInfinite(normalJsw)) {
			throw new BoneXRException("The normal joint space width " + normalJsw +
				" is not a positive length.", "Give the normal JSW of this joint " +
					"(e.g. the same joint of a healthy reference, or the first visit).");
		}
		if (!(jsw >= 0)) {
			throw new BoneXRException("JSW " + jsw + " is not a width.",
				"Measure the joint space first.");
		}
		final double r = jsw / normalJsw;
		if (r >= 0.9) return 0;
		if (r >= 0.75) return 1;
		if (r >= 0.5) return 2;
		if (r > 0) return 3;
		return 4;
	}
}
