package org.bonexr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Minimal RFC 4180 CSV (comma, quotes doubled, UTF-8, '\n' line ends). The
 * batch results files keep one record per line: {@link #line} replaces line
 * breaks inside values by spaces, so that a line is a record.
 */
public final class Csv {

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

	/** One record as a single line, without the line end. */
	public static String line(final Collection<String> values) {
		return values.stream().map(v -> quote(v.replace("\r\n", " ").replace('\n',
			' ').replace('\r', ' '))).collect(Collectors.joining(","));
	}

	/** Splits one line written by {@link #line} into its values. */
	public static List<String> parseLine(final String line) {
		final List<String> values = new ArrayList<>();
		final StringBuilder value = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			final char c = line.charAt(i);
			if (quoted) {
				if (c != '"') value.append(c);
				else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
					value.append('"');
					i++;
				}
				else quoted = false;
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				values.add(value.toString());
				value.setLength(0);
			}
			else value.append(c);
		}
		values.add(value.toString());
		return values;
	}

	static String quote(final String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0)
			return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
