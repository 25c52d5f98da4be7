package org.bonexr.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the build put what users get: the repository root, the module jars
 * and the command-line distribution (update-site/target/cli).
 */
final class BuiltArtifacts {

	private BuiltArtifacts() {}

	/** The BoneXR checkout (src-test's parent folder). */
	static Path root() {
		return Paths.get("").toAbsolutePath().getParent();
	}

	/** The shipped jars of the modules (no sources or test jars). */
	static List<Path> moduleJars() {
		return Stream.of("clij-kernels", "core", "plugin-separation",
			"plugin-bmd", "plugin-jsn").flatMap(m -> list(root().resolve(m).resolve(
				"target"))).filter(BuiltArtifacts::isShippedJar).collect(Collectors
					.toList());
	}

	/** The jars of the command-line distribution. */
	static List<Path> cliJars() {
		return list(root().resolve("update-site/target/cli/lib")).filter(p -> p
			.toString().endsWith(".jar")).collect(Collectors.toList());
	}

	static boolean isShippedJar(final Path p) {
		final String n = p.getFileName().toString();
		return n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith(
			"-tests.jar");
	}

	static Stream<Path> list(final Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.collect(Collectors.toList()).stream();
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Build BoneXR first (mvn verify): " + dir,
				e);
		}
	}
}
