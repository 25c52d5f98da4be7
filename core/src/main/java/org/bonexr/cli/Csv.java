package org.bonexr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Minimal RFC 4180 CSV writing (comma, quotes doubled, UTF-8). */
final class Csv {

	private Csv() {}

	/** Writes a header line and one row of values. */
	static void writeRow(final Path file, final Map<String, Object> row)
		throws IOException
	{
		final String header = row.keySet().stream().map(Csv::quote).collect(
			Collectors.joining(","));
		final String values = row.values().stream().map(v -> quote(String.valueOf(
			v))).collect(Collectors.joining(","));
		Files.write(file, (header + "\n" + values + "\n").getBytes(
			StandardCharsets.UTF_8));
	}

	static String quote(final String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0)
			return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
