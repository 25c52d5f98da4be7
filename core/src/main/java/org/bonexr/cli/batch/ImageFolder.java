package org.bonexr.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.DicomRadiographs;

/**
 * The images of a batch: the regular, non-hidden files directly in a folder
 * whose name ends in an image extension ImageJ or BoneXR reads, plus DICOM
 * files without extension (recognised by their "DICM" preamble), sorted by
 * file name (Java's {@link String#compareTo}, the same on every machine).
 */
public final class ImageFolder {

	private static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png",
		"jpg", "jpeg", "gif", "bmp", "pgm", "fits", "dcm", "dicom", "ima");

	private ImageFolder() {}

	/** The images in {@code dir}, sorted by file name. */
	public static List<Path> list(final Path dir) {
		if (!Files.isDirectory(dir)) {
			throw new BoneXRException("Input folder '" + dir + "' does not exist.",
				"Give --in DIR, a folder of images.");
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile).filter(ImageFolder::isImage)
				.sorted(Comparator.comparing(p -> p.getFileName().toString()))
				.collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot list " + dir, e);
		}
	}

	static boolean isImage(final Path file) {
		final String name = file.getFileName().toString();
		if (name.startsWith(".")) return false;
		final int dot = name.lastIndexOf('.');
		if (dot < 0) return DicomRadiographs.isDicom(file);
		return EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(
			Locale.ROOT));
	}
}
