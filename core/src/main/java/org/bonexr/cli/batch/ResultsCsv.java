package org.bonexr.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.bonexr.cli.Csv;
import org.bonexr.core.BoneXRException;

/**
 * The results file of a batch: a header line, then one line per image. It is
 * never left half-written:
 * <ul>
 * <li>each row is appended as one whole line in a single write, followed by
 * an fsync, so a killed batch leaves complete rows, at worst followed by one
 * torn line (power loss during the write);</li>
 * <li>on resume, a last line without its line end is such a torn line and is
 * dropped;</li>
 * <li>rewrites (dropping rows on resume, sorting at the end) go to a hidden
 * temporary file that is fsynced and then renamed over the file.</li>
 * </ul>
 */
public final class ResultsCsv implements AutoCloseable {

	private final Path file;
	private final List<String> header;
	private final List<List<String>> rows;
	private FileChannel channel;

	private ResultsCsv(final Path file, final List<String> header,
		final List<List<String>> rows)
	{
		this.file = file;
		this.header = header;
		this.rows = rows;
	}

	/**
	 * Opens a results file. Without {@code resume} the file must be absent or
	 * empty (results are never overwritten); with {@code resume} its complete
	 * rows are kept and its header must equal {@code header}.
	 */
	public static ResultsCsv open(final Path file, final List<String> header,
		final boolean resume)
	{
		final List<List<String>> rows = new ArrayList<>();
		final boolean hasContent = size(file) > 0;
		if (hasContent && !resume) {
			throw new BoneXRException("Results file '" + file +
				"' exists already; BoneXR never overwrites results.",
				"Add --resume to finish that batch, or choose another --out folder.");
		}
		if (hasContent) {
			final List<String> lines = completeLines(file);
			if (!lines.isEmpty()) {
				final List<String> found = Csv.parseLine(lines.get(0));
				if (!found.equals(header)) {
					throw new BoneXRException("Results file '" + file +
						"' has the columns " + found + ", not " + header +
						": it is from another command.",
						"Resume with the same command, or choose another --out folder.");
				}
				for (final String line : lines.subList(1, lines.size()))
					rows.add(Csv.parseLine(line));
			}
		}
		final ResultsCsv csv = new ResultsCsv(file, List.copyOf(header), rows);
		csv.rewrite();
		return csv;
	}

	/**
	 * Reads the complete lines of a results file, header first (a torn last
	 * line dropped).
	 */
	public static List<List<String>> read(final Path file) {
		final List<List<String>> rows = new ArrayList<>();
		for (final String line : completeLines(file))
			rows.add(Csv.parseLine(line));
		return rows;
	}

	/** The rows read when the file was opened (header excluded). */
	public synchronized List<List<String>> rows() {
		return Collections.unmodifiableList(new ArrayList<>(rows));
	}

	/** Keeps only the rows that pass {@code keep}; rewrites the file. */
	public synchronized void retain(final Predicate<List<String>> keep) {
		rows.removeIf(keep.negate());
		rewrite();
	}

	/** Sorts the rows; rewrites the file. */
	public synchronized void sort(final Comparator<List<String>> order) {
		rows.sort(order);
		rewrite();
	}

	/** Appends a row as one line and forces it to disk. */
	public synchronized void append(final List<String> row) {
		if (row.size() != header.size()) {
			throw new IllegalArgumentException("Row " + row + " does not fit " +
				header);
		}
		try {
			final ByteBuffer bytes = ByteBuffer.wrap((Csv.line(row) + "\n").getBytes(
				StandardCharsets.UTF_8));
			while (bytes.hasRemaining())
				channel.write(bytes);
			channel.force(false);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot append to " + file, e);
		}
		rows.add(List.copyOf(row));
	}

	public Path file() {
		return file;
	}

	@Override
	public synchronized void close() {
		try {
			if (channel != null) channel.close();
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot close " + file, e);
		}
	}

	/** Writes header and rows to a temporary file, fsyncs, renames it over. */
	private void rewrite() {
		close();
		final Path tmp = file.resolveSibling(".part-" + file.getFileName());
		try {
			final StringBuilder text = new StringBuilder(Csv.line(header)).append(
				'\n');
			for (final List<String> row : rows)
				text.append(Csv.line(row)).append('\n');
			try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
			{
				final ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(
					StandardCharsets.UTF_8));
				while (bytes.hasRemaining())
					out.write(bytes);
				out.force(true);
			}
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
			channel = FileChannel.open(file, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot write " + file, e);
		}
	}

	/** Whether the file ends with a torn line (one without its line end). */
	public static boolean endsTorn(final Path file) {
		try {
			final byte[] bytes = Files.readAllBytes(file);
			return bytes.length > 0 && bytes[bytes.length - 1] != '\n';
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}

	/** The lines that end with '\n'; a last line without one is torn. */
	private static List<String> completeLines(final Path file) {
		try {
			final String text = new String(Files.readAllBytes(file),
				StandardCharsets.UTF_8);
			final int end = text.lastIndexOf('\n');
			final List<String> lines = new ArrayList<>();
			if (end < 0) return lines;
			for (final String line : text.substring(0, end).split("\n", -1))
				if (!line.isEmpty()) lines.add(line);
			return lines;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}

	private static long size(final Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}
}
