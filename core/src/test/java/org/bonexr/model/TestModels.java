package org.bonexr.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The model and arrays under src/test/resources/org/bonexr/model, and copies of them. */
final class TestModels {

	private TestModels() {}

	static Path resource(final String name) {
		try {
			return Paths.get(TestModels.class.getResource(name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The tiny denoiser trained by training/train.py (see its MADE_BY.txt). */
	static Path tinyDenoiser() {
		return resource("tiny-denoiser");
	}

	/** A writable copy of the tiny denoiser folder. */
	static Path copyOfTinyDenoiser(final Path dir) throws IOException {
		final Path target = dir.resolve("tiny-denoiser");
		Files.createDirectories(target);
		try (Stream<Path> s = Files.list(tinyDenoiser())) {
			for (final Path p : s.collect(Collectors.toList())) {
				Files.copy(p, target.resolve(p.getFileName().toString()));
			}
		}
		return target;
	}

	/** Zips the files of a folder (flat) under the given entry prefix. */
	static Path zip(final Path folder, final Path zip, final String prefix)
		throws IOException
	{
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
				Stream<Path> s = Files.list(folder))
		{
			final List<Path> files = s.sorted().collect(Collectors.toList());
			for (final Path p : files) {
				out.putNextEntry(new ZipEntry(prefix + p.getFileName()));
				Files.copy(p, out);
				out.closeEntry();
			}
		}
		return zip;
	}

	/** A zip holding the given (name, content) entries verbatim. */
	static Path zipWithEntries(final Path zip, final String... namesAndContents)
		throws IOException
	{
		try (OutputStream os = Files.newOutputStream(zip);
				ZipOutputStream out = new ZipOutputStream(os))
		{
			for (int i = 0; i < namesAndContents.length; i += 2) {
				out.putNextEntry(new ZipEntry(namesAndContents[i]));
				out.write(namesAndContents[i + 1].getBytes("UTF-8"));
				out.closeEntry();
			}
		}
		return zip;
	}

	/** Replaces text in the rdf.yaml of a model folder. */
	static void editRdf(final Path folder, final String from, final String to)
		throws IOException
	{
		final Path rdf = folder.resolve("rdf.yaml");
		final String text = new String(Files.readAllBytes(rdf), "UTF-8");
		if (!text.contains(from)) throw new IllegalArgumentException(from);
		Files.write(rdf, text.replace(from, to).getBytes("UTF-8"));
	}
}
