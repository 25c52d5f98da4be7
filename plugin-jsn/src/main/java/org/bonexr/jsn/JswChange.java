package org.bonexr.jsn;

import java.util.Locale;

/**
 * Change of joint space width between two visits ({@link JointSpaceComparison}).
 * Lengths in {@link #unit()}; positive Δ = widening, negative = narrowing.
 * Immutable.
 */
public final class JswChange {

	private final JswMeasurement first;
	private final JswMeasurement second;
	private final double deltaRegistration;
	private final double deltaDirect;
	private final double uncertainty;
	private final double[] proximalShiftPx;
	private final double[] distalShiftPx;

	JswChange(final JswMeasurement first, final JswMeasurement second,
		final double deltaRegistration, final double deltaDirect,
		final double uncertainty, final double[] proximalShiftPx,
		final double[] distalShiftPx)
	{
		this.first = first;
		this.second = second;
		this.deltaRegistration = deltaRegistration;
		this.deltaDirect = deltaDirect;
		this.uncertainty = uncertainty;
		this.proximalShiftPx = proximalShiftPx;
		this.distalShiftPx = distalShiftPx;
	}

	public JswMeasurement first() {
		return first;
	}

	public JswMeasurement second() {
		return second;
	}

	/**
	 * ΔJSW from the per-bone registration: the displacement of the distal bone
	 * relative to the proximal one along the joint axis.
	 */
	public double deltaJsw() {
		return deltaRegistration;
	}

	/** ΔJSW as the mean of paired per-position JSW differences. */
	public double deltaJswDirect() {
		return deltaDirect;
	}

	/**
	 * Uncertainty (1 SD) of ΔJSW: the standard error of the paired
	 * differences combined with half the disagreement of the two estimates.
	 */
	public double uncertainty() {
		return uncertainty;
	}

	/** Shift (dx, dy) px of the proximal bone from visit 1 to visit 2; a copy. */
	public double[] proximalShiftPx() {
		return proximalShiftPx.clone();
	}

	public double[] distalShiftPx() {
		return distalShiftPx.clone();
	}

	public String unit() {
		return first.unit();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
			"ΔJSW %+.3f ± %.3f %s (registration), %+.3f %s (paired widths); " +
				"mean JSW %.3f → %.3f %s", deltaRegistration, uncertainty, unit(),
			deltaDirect, unit(), first.meanJsw(), second.meanJsw(), unit());
	}
}
