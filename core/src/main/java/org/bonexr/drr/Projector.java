package org.bonexr.drr;

/**
 * Computes a DRR: the line integral of a {@link ProjectionVolume} along each
 * ray of a {@link ProjectionGeometry}. Implementations hold no state between
 * calls beyond their settings and may be shared between threads.
 */
public interface Projector {

	/** The DRR of {@code volume} seen by {@code geometry}; inputs are not modified. */
	Drr project(ProjectionVolume volume, ProjectionGeometry geometry);

	/** Short description for logs and benchmark output (e.g. "Siddon, 2 threads"). */
	String description();
}
