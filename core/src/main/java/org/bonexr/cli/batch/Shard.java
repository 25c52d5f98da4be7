package org.bonexr.cli.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.BoneXRException;

/**
 * One part {@code i/n} of a batch split over {@code n} jobs (e.g. a SLURM
 * array): image {@code k} of the sorted image list (counting from 0) belongs
 * to shard {@code k mod n}. Each shard writes its own results file, named
 * {@code results-shard-<i>-of-<n>.csv}, so that all shards can share one
 * output folder and their results are merged afterwards
 * ({@code bonexr batch-merge}); an unsplit batch writes {@code results.csv}.
 */
public final class Shard {

	/** The whole batch in one job. */
	public static final Shard ALL = new Shard(0, 1);

	static final Pattern FILE_NAME = Pattern.compile(
		"results-shard-(\\d+)-of-(\\d+)\\.csv");

	private final int index;
	private final int count;

	public Shard(final int index, final int count) {
		if (count < 1 || index < 0 || index >= count) {
			throw new BoneXRException("Shard " + index + "/" + count +
				" does not exist.", "Give --shard i/n with 0 <= i < n, e.g. 0/4.");
		}
		this.index = index;
		this.count = count;
	}

	/** Parses {@code "i/n"}, e.g. {@code "3/8"}. */
	public static Shard parse(final String text) {
		final Matcher m = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*").matcher(
			text);
		if (!m.matches()) {
			throw new BoneXRException("'" + text + "' is not a shard.",
				"Give --shard i/n with 0 <= i < n, e.g. --shard 0/4.");
		}
		return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(
			2)));
	}

	/** Whether image {@code k} (0-based, in sorted order) is in this shard. */
	public boolean includes(final int k) {
		return k % count == index;
	}

	/** The name of this shard's results file. */
	public String resultsFileName() {
		return count == 1 ? "results.csv" : "results-shard-" + index + "-of-" +
			count + ".csv";
	}

	public int index() {
		return index;
	}

	public int count() {
		return count;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
