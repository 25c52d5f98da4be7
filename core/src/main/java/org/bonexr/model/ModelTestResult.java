package org.bonexr.model;

/**
 * Outcome of the bioimage.io model test: the model run on its test input
 * compared with its test output, value by value.
 * <p>
 * It passes when every value satisfies
 * {@code |out − expected| ≤ absoluteTolerance + relativeTolerance·|expected|}.
 */
public final class ModelTestResult {

	private final String modelName;
	private final double maxAbsDifference;
	private final double worstExcess;
	private final double absoluteTolerance;
	private final double relativeTolerance;
	private final long values;

	ModelTestResult(final String modelName, final double maxAbsDifference,
		final double worstExcess, final double absoluteTolerance,
		final double relativeTolerance, final long values)
	{
		this.modelName = modelName;
		this.maxAbsDifference = maxAbsDifference;
		this.worstExcess = worstExcess;
		this.absoluteTolerance = absoluteTolerance;
		this.relativeTolerance = relativeTolerance;
		this.values = values;
	}

	public boolean passed() {
		return worstExcess <= 0;
	}

	/** Largest absolute difference between output and expected output. */
	public double maxAbsDifference() {
		return maxAbsDifference;
	}

	public double absoluteTolerance() {
		return absoluteTolerance;
	}

	public double relativeTolerance() {
		return relativeTolerance;
	}

	/** Number of values compared. */
	public long values() {
		return values;
	}

	@Override
	public String toString() {
		return String.format("%s: bioimage.io test %s (max |difference| %.3g over " +
			"%d values; tolerance %.2g + %.2g*|expected|)", modelName, passed()
				? "passed" : "FAILED", maxAbsDifference, values, absoluteTolerance,
			relativeTolerance);
	}
}
