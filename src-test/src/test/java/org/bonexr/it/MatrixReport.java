package org.bonexr.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reliability matrix as Markdown: a summary (input or fault × front door
 * → how many commands pass, fail, or do not apply) and the full table (input
 * or fault × command × front door → outcome with its message or result).
 * Written to {@code target/reliability-matrix.md} and printed.
 */
final class MatrixReport {

	/** One cell's outcome. */
	private static final class Entry {

		final String row, command, door, outcome, text;

		Entry(final String row, final String command, final String door,
			final String outcome, final String text)
		{
			this.row = row;
			this.command = command;
			this.door = door;
			this.outcome = outcome;
			this.text = text;
		}
	}

	private final List<String> doors;
	private final List<Entry> entries = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private final List<String> hidden = new ArrayList<>();

	MatrixReport(final List<String> doors) {
		this.doors = doors;
	}

	/** Paths starting so are shown as "…" (temporary folders). */
	synchronized void hide(final String prefix) {
		hidden.add(prefix);
	}

	/** Records a cell: outcome "pass", "FAIL" or "n/a". */
	synchronized void add(final String row, final String command,
		final String door, final String outcome, final String text)
	{
		String t = text;
		for (final String h : hidden) t = t.replace(h, "…");
		entries.add(new Entry(row, command, door, outcome, t));
	}

	/** A line printed after the tables. */
	synchronized void note(final String line) {
		notes.add(line);
	}

	synchronized String markdown() {
		final StringBuilder s = new StringBuilder();
		s.append("| input / fault | ").append(String.join(" | ", doors)).append(
			" |\n|---|").append("---|".repeat(doors.size())).append('\n');
		final Map<String, Map<String, int[]>> counts = new LinkedHashMap<>();
		for (final Entry e : entries) {
			final int[] c = counts.computeIfAbsent(e.row, r -> new LinkedHashMap<>())
				.computeIfAbsent(e.door, d -> new int[3]);
			c[e.outcome.equals("pass") ? 0 : e.outcome.equals("n/a") ? 2 : 1]++;
		}
		counts.forEach((row, byDoor) -> {
			s.append("| ").append(row).append(" |");
			for (final String d : doors) {
				final int[] c = byDoor.getOrDefault(d, new int[3]);
				final List<String> parts = new ArrayList<>();
				if (c[0] > 0) parts.add("pass " + c[0]);
				if (c[1] > 0) parts.add("**FAIL " + c[1] + "**");
				if (c[2] > 0) parts.add("n/a " + c[2]);
				s.append(' ').append(parts.isEmpty() ? "–" : String.join(" · ",
					parts)).append(" |");
			}
			s.append('\n');
		});
		s.append("\n| input / fault | command | ").append(String.join(" | ", doors))
			.append(" |\n|---|---|").append("---|".repeat(doors.size())).append(
				'\n');
		final Map<String, Map<String, Entry>> byRowCommand = new LinkedHashMap<>();
		for (final Entry e : entries)
			byRowCommand.computeIfAbsent(e.row + "\u0000" + e.command,
				k -> new LinkedHashMap<>()).put(e.door, e);
		byRowCommand.forEach((k, byDoor) -> {
			final String[] rc = k.split("\u0000");
			s.append("| ").append(rc[0]).append(" | ").append(rc[1]).append(" |");
			for (final String d : doors) {
				final Entry e = byDoor.get(d);
				s.append(' ').append(e == null ? "–" : (e.outcome.equals("FAIL")
					? "**FAIL**" : e.outcome) + ": " + e.text.replace("|", "\\|"))
					.append(" |");
			}
			s.append('\n');
		});
		for (final String n : notes)
			s.append('\n').append(n).append('\n');
		return s.toString();
	}

	/** Writes target/reliability-matrix.md and prints it. */
	void write() throws IOException {
		final String md = "# BoneXR reliability matrix\n\n" + markdown();
		final Path file = Paths.get("target", "reliability-matrix.md");
		Files.createDirectories(file.getParent());
		Files.write(file, md.getBytes(StandardCharsets.UTF_8));
		System.out.println(md);
	}
}
