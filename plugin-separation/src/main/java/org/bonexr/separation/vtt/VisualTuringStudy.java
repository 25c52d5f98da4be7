package org.bonexr.separation.vtt;

import ij.IJ;
import ij.ImagePlus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.core.BoneXRException;

/**
 * A Visual Turing Test of layer images: the images of a folder of real
 * layers and a folder of generated ones, shown one by one in a shuffled
 * order and blinded (the title is "image k of n"), each answered "real" or
 * "generated" by a {@link Reader} and timed (ms, from showing to answer).
 * <p>
 * Each answer is appended to the answers CSV at once ({@code reader,key,
 * truth,answer,response_ms}; key = "real/NAME" or "generated/NAME"), so a
 * study stopped or interrupted resumes where it was: a reader's order is
 * fixed by the seed and the reader's name, and images already answered by
 * that reader are skipped.
 */
public final class VisualTuringStudy {

	static final String HEADER = "reader,key,truth,answer,response_ms";

	private final Path realFolder;
	private final Path generatedFolder;
	private final Path answers;
	private final long seed;

	public VisualTuringStudy(final Path realFolder, final Path generatedFolder,
		final Path answers, final long seed)
	{
		this.realFolder = realFolder;
		this.generatedFolder = generatedFolder;
		this.answers = answers;
		this.seed = seed;
	}

	/** The reader's shuffled series (same seed and name, same order). */
	public List<Trial> trials(final String reader) {
		final List<Path> real = images(realFolder, "real");
		final List<Path> gen = images(generatedFolder, "generated");
		final List<Object[]> all = new ArrayList<>();
		real.forEach(p -> all.add(new Object[] { p, false }));
		gen.forEach(p -> all.add(new Object[] { p, true }));
		Collections.shuffle(all, new Random(seed * 31 + reader.hashCode()));
		final List<Trial> trials = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			trials.add(new Trial(i + 1, (Path) all.get(i)[0], (Boolean) all.get(
				i)[1]));
		}
		return trials;
	}

	/**
	 * Runs (or resumes) the reader's session until all images are answered or
	 * the reader stops.
	 *
	 * @return all of this reader's answers so far, in the CSV
	 */
	public List<Response> run(final String reader, final Reader who) {
		if (reader.isEmpty() || reader.contains(",") || reader.contains("\n")) {
			throw new BoneXRException("The reader name '" + reader + "' is empty or " +
				"has a comma or line break.", "Give a plain name or initials.");
		}
		final Set<String> done = new HashSet<>();
		for (final Response r : responses(answers)) {
			if (r.reader.equals(reader)) done.add(r.key);
		}
		final List<Trial> trials = trials(reader);
		for (final Trial t : trials) {
			if (done.contains(t.key())) continue;
			final ImagePlus imp = IJ.openImage(t.file.toString());
			if (imp == null) {
				throw new BoneXRException("Cannot open " + t.file + " as an image.",
					"Keep only images (TIFF, PNG, ...) in the study folders.");
			}
			imp.setTitle("image " + t.number + " of " + trials.size());
			final long t0 = System.nanoTime();
			final Reader.Answer a = who.ask(imp, t.number, trials.size());
			final long ms = (System.nanoTime() - t0) / 1_000_000;
			if (a == Reader.Answer.STOP) break;
			append(new Response(reader, t.key(), t.generated,
				a == Reader.Answer.GENERATED, ms));
		}
		return responses(answers).stream().filter(r -> r.reader.equals(reader))
			.collect(Collectors.toList());
	}

	private void append(final Response r) {
		try {
			final boolean fresh = !Files.exists(answers);
			if (answers.getParent() != null) Files.createDirectories(answers
				.getParent());
			try (BufferedWriter w = Files.newBufferedWriter(answers,
				StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND))
			{
				if (fresh) w.write(HEADER + "\n");
				w.write(r.reader + "," + r.key + "," + label(r.generated) + "," + label(
					r.answeredGenerated) + "," + r.responseMs + "\n");
			}
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot write the answers to " + answers + ": " +
				e.getMessage(), "Choose a writable answers file.", e);
		}
	}

	private static String label(final boolean generated) {
		return generated ? "generated" : "real";
	}

	/** All answers in a CSV written by a study (none when it does not exist). */
	public static List<Response> responses(final Path csv) {
		final List<Response> out = new ArrayList<>();
		if (!Files.exists(csv)) return out;
		try {
			final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			for (int i = 1; i < lines.size(); i++) {
				final String line = lines.get(i).trim();
				if (line.isEmpty()) continue;
				final String[] f = line.split(",", -1);
				if (f.length != 5) {
					throw new BoneXRException("Line " + (i + 1) + " of " + csv +
						" is not '" + HEADER + "'.", "Use an answers file written by the " +
							"Visual Turing Test, or a new file.");
				}
				out.add(new Response(f[0], f[1], "generated".equals(f[2]), "generated"
					.equals(f[3]), Long.parseLong(f[4])));
			}
			return out;
		}
		catch (final IOException | NumberFormatException e) {
			throw new BoneXRException("Cannot read the answers " + csv + ": " + e
				.getMessage(), "Use an answers file written by the Visual Turing Test.",
				e);
		}
	}

	private static List<Path> images(final Path folder, final String which) {
		if (folder == null || !Files.isDirectory(folder)) {
			throw new BoneXRException("The folder of " + which + " images (" +
				folder + ") does not exist.", "Choose a folder of " + which +
					" layer images.");
		}
		try (Stream<Path> s = Files.list(folder)) {
			final List<Path> files = s.filter(p -> {
				final String n = p.getFileName().toString().toLowerCase();
				return !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(
					".tiff") || n.endsWith(".png") || n.endsWith(".jpg"));
			}).sorted().collect(Collectors.toList());
			if (files.isEmpty()) {
				throw new BoneXRException("The folder " + folder + " has no images.",
					"Put the " + which + " layer images (TIFF/PNG/JPEG) there.");
			}
			return files;
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot list " + folder + ": " + e.getMessage(),
				"Check the folder.", e);
		}
	}
}
