package org.bonexr.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.cli.Csv;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.AtomicFiles;

/**
 * Merges the results files of all shards of a batch
 * ({@code results-shard-<i>-of-<n>.csv}, see {@link Shard}) in one folder
 * into {@code results.csv}: one header, the rows sorted by input file name,
 * i.e. the file an unsplit batch writes. Refuses when a shard's file is
 * missing or torn, when the headers differ, or when an image appears twice;
 * never overwrites {@code results.csv}.
 */
public final class BatchMerge {

	private BatchMerge() {}

	/** Merges the shard files in {@code dir}; returns the merged file. */
	public static Path merge(final Path dir) {
		final Map<Integer, Path> shards = new TreeMap<>();
		int count = -1;
		for (final Path f : list(dir)) {
			final Matcher m = Shard.FILE_NAME.matcher(f.getFileName().toString());
			if (!m.matches()) continue;
			final int n = Integer.parseInt(m.group(2));
			if (count >= 0 && n != count) {
				throw new BoneXRException("'" + dir + "' holds results of batches split " +
					count + " and " + n + " ways.",
					"Keep the shard files of one batch per folder.");
			}
			count = n;
			shards.put(Integer.parseInt(m.group(1)), f);
		}
		if (count < 0) {
			throw new BoneXRException("No results-shard-<i>-of-<n>.csv files in '" +
				dir + "'.", "Give the --out folder of the sharded batch runs.");
		}
		final List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < count; i++)
			if (!shards.containsKey(i)) missing.add(i);
		if (!missing.isEmpty()) {
			throw new BoneXRException("The results of shards " + missing + " of " +
				count + " are missing in '" + dir + "'.",
				"Run those shards (bonexr batch ... --shard i/" + count +
					"), then merge again.");
		}
		List<String> header = null;
		final List<List<String>> rows = new ArrayList<>();
		final Set<String> seen = new HashSet<>();
		for (final Path f : shards.values()) {
			if (ResultsCsv.endsTorn(f)) {
				throw new BoneXRException("'" + f + "' ends with a torn line: " +
					"that shard did not finish.",
					"Run that shard again with --resume, then merge again.");
			}
			final List<List<String>> lines = ResultsCsv.read(f);
			if (lines.isEmpty()) continue;
			if (header == null) header = lines.get(0);
			else if (!header.equals(lines.get(0))) {
				throw new BoneXRException("'" + f + "' has the columns " + lines.get(
					0) + ", the other shards " + header + ".",
					"Merge only shards of one batch (same command).");
			}
			for (final List<String> row : lines.subList(1, lines.size())) {
				if (!seen.add(row.get(0))) {
					throw new BoneXRException("Image '" + row.get(0) +
						"' is in more than one shard's results.",
						"Merge only shards of one batch (same --shard i/n split).");
				}
				rows.add(row);
			}
		}
		rows.sort(Comparator.comparing(r -> r.get(0)));
		final StringBuilder text = new StringBuilder();
		if (header != null) text.append(Csv.line(header)).append('\n');
		for (final List<String> row : rows)
			text.append(Csv.line(row)).append('\n');
		final Path merged = dir.resolve(Shard.ALL.resultsFileName());
		AtomicFiles.write(merged, tmp -> Files.write(tmp, text.toString()
			.getBytes(StandardCharsets.UTF_8)));
		return merged;
	}

	private static List<Path> list(final Path dir) {
		if (!Files.isDirectory(dir)) {
			throw new BoneXRException("Folder '" + dir + "' does not exist.",
				"Give the --out folder of the sharded batch runs.");
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot list " + dir, e);
		}
	}
}
