package org.bonexr.phantom;

import java.util.Arrays;
import java.util.Locale;

/**
 * The true joint space width of a phantom across the central part of the
 * joint, with where its two margins lie in the image.
 * <p>
 * At each lateral position u (mm from the joint centre, across the joint
 * axis) the JSW is the shortest distance in mm between the proximal head and
 * the distal base measured along the distal bone's axis, known in closed
 * form from the geometry. Image positions are in pixels, pixel (i, j)
 * covering [i, i+1) × [j, j+1) (so its centre is at i + 0.5), x right, y
 * down. The proximal margin is the head's outline in the projection; the
 * distal margin is the projection of the base surface's mid-line (z = 0 of
 * the distal bone), which coincides with the distal bone's outline when
 * there is no flexion. Immutable.
 */
public final class JswProfile {

	private final double[] uMm;
	private final double[] jswMm;
	private final double[] proximalX;
	private final double[] proximalY;
	private final double[] distalX;
	private final double[] distalY;

	JswProfile(final double[] uMm, final double[] jswMm,
		final double[] proximalX, final double[] proximalY,
		final double[] distalX, final double[] distalY)
	{
		this.uMm = uMm;
		this.jswMm = jswMm;
		this.proximalX = proximalX;
		this.proximalY = proximalY;
		this.distalX = distalX;
		this.distalY = distalY;
	}

	public int size() {
		return uMm.length;
	}

	/** Lateral positions, mm from the joint centre; a copy. */
	public double[] uMm() {
		return uMm.clone();
	}

	/** JSW at each position, mm; a copy. */
	public double[] jswMm() {
		return jswMm.clone();
	}

	/** Proximal margin x in pixels; a copy. */
	public double[] proximalX() {
		return proximalX.clone();
	}

	public double[] proximalY() {
		return proximalY.clone();
	}

	/** Distal margin x in pixels; a copy. */
	public double[] distalX() {
		return distalX.clone();
	}

	public double[] distalY() {
		return distalY.clone();
	}

	/** Smallest JSW over the profile, mm (at the joint centre). */
	public double minMm() {
		return Arrays.stream(jswMm).min().orElse(Double.NaN);
	}

	public double meanMm() {
		return Arrays.stream(jswMm).average().orElse(Double.NaN);
	}

	/** The profile as CSV with a header line. */
	public String toCsv() {
		final StringBuilder sb = new StringBuilder(
			"u_mm,jsw_mm,proximal_x_px,proximal_y_px,distal_x_px,distal_y_px\n");
		for (int i = 0; i < uMm.length; i++) {
			sb.append(String.format(Locale.ROOT, "%.4f,%.6f,%.4f,%.4f,%.4f,%.4f%n",
				uMm[i], jswMm[i], proximalX[i], proximalY[i], distalX[i],
				distalY[i]));
		}
		return sb.toString();
	}
}
