package org.bonexr.drr;

/** What the pixels of a {@link Drr} measure. */
public enum DrrUnit {
	/**
	 * Line integral of the linear attenuation coefficient, {@code ∫μ dl}
	 * (dimensionless): the attenuation domain, {@code −ln(I/I0)}.
	 */
	ATTENUATION("", 1),
	/**
	 * Line integral of mineral density, in g/cm² (areal density): voxels in
	 * mg/cm³ integrated over mm, times 1e-4 (1 mg/cm³ · 1 mm = 1e-4 g/cm²).
	 */
	AREAL_DENSITY_G_PER_CM2("g/cm²", 1e-4);

	private final String symbol;
	private final double perVoxelUnitMm;

	DrrUnit(final String symbol, final double perVoxelUnitMm) {
		this.symbol = symbol;
		this.perVoxelUnitMm = perVoxelUnitMm;
	}

	/** Unit symbol for display ("" when dimensionless). */
	public String symbol() {
		return symbol;
	}

	/** Factor from (voxel value × mm) to this unit. */
	double perVoxelUnitMm() {
		return perVoxelUnitMm;
	}
}
