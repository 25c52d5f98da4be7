package org.bonexr.jsn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bonexr.core.PixelSpacing;

/**
 * The result of a joint space width measurement: the JSW profile across the
 * central part of the joint, its summary numbers, the two margins in image
 * coordinates (for overlays) and warnings. Lengths in {@link #unit()} (mm
 * when the pixel spacing is known, px otherwise), area in unit². Positions
 * where no pair of margins was found hold NaN and are left out of the
 * summaries. Immutable.
 */
public final class JswMeasurement {

	private final JointAxis axis;
	private final PixelSpacing spacing;
	private final boolean fromLayers;
	private final double[] lateral;
	private final double[] jsw;
	private final double[] proximalX, proximalY, distalX, distalY;
	private final double lateralStep;
	private final List<String> warnings;

	JswMeasurement(final JointAxis axis, final PixelSpacing spacing,
		final boolean fromLayers, final double[] lateral, final double[] jsw,
		final double[] proximalX, final double[] proximalY,
		final double[] distalX, final double[] distalY, final double lateralStep,
		final List<String> warnings)
	{
		this.axis = axis;
		this.spacing = spacing;
		this.fromLayers = fromLayers;
		this.lateral = lateral;
		this.jsw = jsw;
		this.proximalX = proximalX;
		this.proximalY = proximalY;
		this.distalX = distalX;
		this.distalY = distalY;
		this.lateralStep = lateralStep;
		this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
	}

	public JointAxis axis() {
		return axis;
	}

	public PixelSpacing spacing() {
		return spacing;
	}

	/** "mm" or "px" (no pixel spacing): the unit of every length here. */
	public String unit() {
		return spacing.unit();
	}

	/** Whether the margins came from two separated bone layers. */
	public boolean fromLayers() {
		return fromLayers;
	}

	/** Number of lateral positions (profile length, valid or not). */
	public int size() {
		return jsw.length;
	}

	/** Lateral position of each profile point from the joint centre; a copy. */
	public double[] lateralPositions() {
		return lateral.clone();
	}

	/** JSW at each lateral position (NaN where not found); a copy. */
	public double[] jswProfile() {
		return jsw.clone();
	}

	/** Proximal margin points, x in px (pixel centres at i + 0.5); a copy. */
	public double[] proximalX() {
		return proximalX.clone();
	}

	public double[] proximalY() {
		return proximalY.clone();
	}

	public double[] distalX() {
		return distalX.clone();
	}

	public double[] distalY() {
		return distalY.clone();
	}

	private double[] valid() {
		return Arrays.stream(jsw).filter(Double::isFinite).sorted().toArray();
	}

	/** Number of lateral positions where both margins were found. */
	public int validCount() {
		return valid().length;
	}

	public double minJsw() {
		final double[] v = valid();
		return v.length == 0 ? Double.NaN : v[0];
	}

	public double meanJsw() {
		return Arrays.stream(valid()).average().orElse(Double.NaN);
	}

	public double medianJsw() {
		final double[] v = valid();
		if (v.length == 0) return Double.NaN;
		final int m = v.length / 2;
		return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
	}

	/**
	 * Joint space area over the central part: Σ JSW × lateral step over the
	 * valid positions, unit².
	 */
	public double area() {
		return Arrays.stream(valid()).sum() * lateralStep;
	}

	/** Width of the central part that was measured, unit. */
	public double measuredWidth() {
		return jsw.length * lateralStep;
	}

	public List<String> warnings() {
		return warnings;
	}

	/** The profile as CSV with a header line (lengths in {@link #unit()}). */
	public String profileCsv() {
		final String u = unit();
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"position_%s,jsw_%s,proximal_x_px,proximal_y_px,distal_x_px,distal_y_px%n",
			u, u));
		for (int i = 0; i < jsw.length; i++) {
			sb.append(String.format(Locale.ROOT, "%.4f,%.5f,%.3f,%.3f,%.3f,%.3f%n",
				lateral[i], jsw[i], proximalX[i], proximalY[i], distalX[i],
				distalY[i]));
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
			"JSW min %.3f, mean %.3f, median %.3f %s; area %.3f %s²; %d/%d positions%s",
			minJsw(), meanJsw(), medianJsw(), unit(), area(), unit(), validCount(),
			size(), fromLayers ? " (separated layers)" : "");
	}
}
