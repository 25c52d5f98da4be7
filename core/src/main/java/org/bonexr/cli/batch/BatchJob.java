package org.bonexr.cli.batch;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.cli.CommandCatalog;
import org.bonexr.cli.ConsoleProgress;
import org.bonexr.cli.HeadlessCommandRunner;
import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.AtomicFiles;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * Runs one command on every image of a folder ({@code bonexr batch}), through
 * {@link HeadlessCommandRunner} (the same rules as {@code bonexr run}).
 * <ul>
 * <li>Images: {@link ImageFolder#list}, sorted by name; a {@link Shard} takes
 * every n-th.</li>
 * <li>Each image is run in its own hidden staging folder
 * ({@code OUT/.bonexr-batch/<image file name>/}), its files (written
 * atomically there) are then renamed into {@code OUT}, and only then its row is
 * appended to the {@link ResultsCsv}: columns {@code input, status} (ok or
 * failed), the command's number/text outputs, {@code outputs} (the files
 * written, ';'-separated) and {@code error}.</li>
 * <li>An image that fails is reported on standard error and in its row; the
 * batch goes on.</li>
 * <li>Resume: an image is done when its row says ok and all its files exist;
 * other rows are dropped and those images are run again (files a killed run
 * had already renamed into {@code OUT} for them are replaced). Without
 * resume, existing results are never overwritten.</li>
 * <li>{@code threads > 1} runs images in parallel; rows are still appended in
 * image order, and the file is sorted by image order when the batch ends, so
 * the results equal those of a serial run.</li>
 * </ul>
 */
public final class BatchJob {

	/** The CSV columns before and after the command's own value outputs. */
	static final String INPUT = "input", STATUS = "status", OUTPUTS = "outputs",
			ERROR = "error";
	static final String OK = "ok", FAILED = "failed";
	private static final String STAGING = ".bonexr-batch";

	/** What a batch run did. */
	public static final class Summary {

		public final int images, skipped, ok, failed;
		public final Path results;
		private final Shard shard;

		Summary(final Shard shard, final int images, final int skipped,
			final int ok, final int failed, final Path results)
		{
			this.shard = shard;
			this.images = images;
			this.skipped = skipped;
			this.ok = ok;
			this.failed = failed;
			this.results = results;
		}

		@Override
		public String toString() {
			return images + " images" + (shard.count() > 1 ? " in shard " + shard
				: "") + ": " + skipped + " done before, " + ok + " ok, " + failed +
				" failed; results in " + results;
		}
	}

	private final HeadlessCommandRunner runner;
	private final CommandInfo info;
	private final ConsoleProgress progress;
	private final Path inDir;
	private final Path outDir;
	private final Shard shard;
	private final boolean resume;
	private final int threads;
	private final Map<String, String> params;
	private final String imageParam;

	/**
	 * @param params the command's other parameters ({@code key=value}), the
	 *          same for every image
	 */
	public BatchJob(final HeadlessCommandRunner runner, final CommandInfo info,
		final Path inDir, final Path outDir, final Shard shard,
		final boolean resume, final int threads, final Map<String, String> params,
		final ConsoleProgress progress)
	{
		if (threads < 1) {
			throw new BoneXRException("--threads " + threads + " is not possible.",
				"Give --threads 1 or more.");
		}
		this.runner = runner;
		this.info = info;
		this.inDir = inDir;
		this.outDir = outDir;
		this.shard = shard;
		this.resume = resume;
		this.threads = threads;
		this.params = Map.copyOf(params);
		this.progress = progress;
		this.imageParam = imageParameter(info);
		if (params.containsKey(imageParam)) {
			throw new BoneXRException("'bonexr batch' sets '" + imageParam +
				"' to each image of --in itself.", "Leave out " + imageParam + "=...");
		}
	}

	/** Runs the batch; checks the output folder before any work. */
	public Summary run() {
		AtomicFiles.requireWritableFolder(outDir);
		final List<Path> all = ImageFolder.list(inDir);
		final Map<String, Integer> order = new HashMap<>();
		final List<Path> mine = new ArrayList<>();
		for (int k = 0; k < all.size(); k++) {
			order.put(name(all.get(k)), k);
			if (shard.includes(k)) mine.add(all.get(k));
		}
		if (mine.isEmpty()) {
			throw new BoneXRException("No images for shard " + shard + " in '" +
				inDir + "' (" + all.size() + " images in all).",
				"Put TIFF, PNG, JPEG or DICOM files in the folder; with --shard i/n, use n <= the number of images.");
		}
		try (ResultsCsv csv = ResultsCsv.open(outDir.resolve(shard
			.resultsFileName()), header(), resume))
		{
			csv.retain(this::isDone);
			final Set<String> done = csv.rows().stream().map(r -> r.get(0))
				.collect(Collectors.toSet());
			final List<Path> todo = mine.stream().filter(p -> !done.contains(name(
				p))).collect(Collectors.toList());
			final int skipped = mine.size() - todo.size();
			final int failed = runAll(todo, csv);
			csv.sort(Comparator.comparing(r -> order.getOrDefault(r.get(0),
				Integer.MAX_VALUE)));
			deleteIfEmpty(outDir.resolve(STAGING));
			return new Summary(shard, mine.size(), skipped, todo.size() - failed, failed,
				csv.file());
		}
	}

	/** Runs the images, appending rows in image order; returns the failures. */
	private int runAll(final List<Path> todo, final ResultsCsv csv) {
		int done = 0;
		int failed = 0;
		if (todo.isEmpty()) return 0;
		progress.show(0, todo.size(), "");
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			final List<Future<List<String>>> rows = new ArrayList<>();
			for (final Path image : todo)
				rows.add(pool.submit(() -> runOne(image)));
			for (int i = 0; i < rows.size(); i++) {
				final List<String> row = rows.get(i).get();
				csv.append(row);
				if (row.get(1).equals(FAILED)) {
					failed++;
					progress.message("bonexr batch: " + row.get(0) + " failed: " + row
						.get(row.size() - 1));
				}
				progress.show(++done, todo.size(), row.get(0));
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BoneXRException("The batch was interrupted.",
				"Run it again with --resume.", e);
		}
		catch (final ExecutionException e) {
			throw new IllegalStateException("batch failed", e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		return failed;
	}

	/** Runs one image; its CSV row (never throws for a bad image). */
	private List<String> runOne(final Path image) {
		final Path staging = outDir.resolve(STAGING).resolve(name(image));
		final Map<String, String> args = new LinkedHashMap<>(params);
		args.put(imageParam, image.toString());
		final List<String> row = new ArrayList<>();
		row.add(name(image));
		try {
			deleteTree(staging);
			final HeadlessCommandRunner.Result r = runner.run(info, args, staging);
			final List<String> files = new ArrayList<>();
			for (final Path f : r.files) {
				final Path target = outDir.resolve(f.getFileName());
				if (!resume) AtomicFiles.refuseExisting(target);
				Files.move(f, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
				files.add(target.getFileName().toString());
			}
			row.add(OK);
			for (final String v : valueOutputs())
				row.add(r.values.containsKey(v) ? String.valueOf(r.values.get(v))
					: "");
			row.add(String.join(";", files));
			row.add("");
		}
		catch (final IOException | RuntimeException e) {
			row.add(FAILED);
			for (int i = 0; i < valueOutputs().size(); i++)
				row.add("");
			row.add("");
			row.add(e instanceof BoneXRException ? e.getMessage() : e.toString());
		}
		finally {
			try {
				deleteTree(staging);
			}
			catch (final IOException e) {
				// a hidden staging folder stays behind; the next run replaces it
			}
		}
		return row;
	}

	/** A row of an earlier run that needs no rerun: ok and its files exist. */
	private boolean isDone(final List<String> row) {
		if (row.size() != header().size() || !row.get(1).equals(OK)) return false;
		final String files = row.get(header().indexOf(OUTPUTS));
		for (final String f : files.split(";"))
			if (f.isEmpty() || !Files.isRegularFile(outDir.resolve(f))) return false;
		return true;
	}

	List<String> header() {
		final List<String> h = new ArrayList<>(List.of(INPUT, STATUS));
		h.addAll(valueOutputs());
		h.add(OUTPUTS);
		h.add(ERROR);
		return h;
	}

	/** The command's outputs that are numbers or text (CSV columns). */
	private List<String> valueOutputs() {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> out : info.outputs()) {
			final Class<?> type = out.getType();
			if (type != ImagePlus.class && type != ResultsTable.class) names.add(out
				.getName());
		}
		return names;
	}

	private static String imageParameter(final CommandInfo info) {
		final List<String> images = CommandCatalog.userInputs(info).stream()
			.filter(i -> i.getType() == ImagePlus.class).map(ModuleItem::getName)
			.collect(Collectors.toList());
		if (images.size() != 1) {
			throw new BoneXRException("'" + CommandCatalog.name(info) + "' takes " +
				images.size() + " images " + images +
				"; 'bonexr batch' needs a command with one image input.",
				"Use 'bonexr run' for this command, once per set of images.");
		}
		return images.get(0);
	}

	private static String name(final Path image) {
		return image.getFileName().toString();
	}

	private static void deleteTree(final Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : s.sorted(Comparator.reverseOrder()).collect(
				Collectors.toList()))
				Files.delete(p);
		}
	}

	private static void deleteIfEmpty(final Path dir) {
		try {
			if (Files.isDirectory(dir)) try (Stream<Path> s = Files.list(dir)) {
				if (s.findAny().isEmpty()) Files.delete(dir);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot clean up " + dir, e);
		}
	}
}
