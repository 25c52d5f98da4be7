package org.bonexr.attenuation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.cli.DemoStep;
import org.bonexr.cli.HeadlessCommandRunner;
import org.scijava.plugin.Plugin;

/**
 * {@code bonexr demo}, first step: every sample radiograph in detected
 * intensity ({@code *-intensity.tif} in sample-images) converted to
 * attenuation.
 */
@Plugin(type = DemoStep.class, name = "attenuation", priority = 1000)
public class AttenuationDemo implements DemoStep {

	@Override
	public String run(final Path samples, final Path out,
		final DemoRunner runner)
	{
		final List<Path> radiographs = radiographs(samples);
		final StringBuilder s = new StringBuilder();
		for (final Path r : radiographs) {
			final HeadlessCommandRunner.Result result = runner.run(
				"Convert to Attenuation", Collections.singletonMap("image", r
					.toString()), out);
			s.append(r.getFileName()).append(": I0 = ").append(result.values.get(
				"i0Used")).append(" -> ").append(result.files.get(0).getFileName())
				.append('\n');
		}
		return s.append(radiographs.size()).append(" radiographs converted")
			.toString();
	}

	static List<Path> radiographs(final Path samples) {
		try (Stream<Path> files = Files.list(samples)) {
			return files.filter(f -> {
				final String n = f.getFileName().toString();
				return n.endsWith("-intensity.tif");
			}).sorted().collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
