package org.bonexr.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Real test data made by others, in {@code ../shared/data} beside the
 * checkout (path from system property {@code bonexr.shared.data}). Tests that
 * use it skip when it is absent (a user's clone), and fail instead when
 * {@code CI=true}, where it must be present.
 */
public final class SharedData {

	private SharedData() {}

	/** The file, e.g. {@code file("dicom-nema/RG2_UNC.dcm")}; skips if absent. */
	public static Path file(final String relative) {
		final String root = System.getProperty("bonexr.shared.data",
			"../../shared/data");
		final Path p = Paths.get(root).resolve(relative);
		if (!Files.isReadable(p) && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI=true but shared test data is missing: " + p);
		}
		assumeTrue(Files.isReadable(p), "shared test data absent: " + p);
		return p;
	}
}
