package org.bonexr.phantom;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.io.AtomicFiles;

/** The phantom writers' output folder: new or empty, never overwritten. */
final class EmptyFolder {

	private EmptyFolder() {}

	static Path require(final File folder) {
		if (folder == null) {
			throw new BoneXRException("No output folder was given.",
				"Choose an empty folder to write into.");
		}
		final Path dir = folder.toPath();
		AtomicFiles.requireWritableFolder(dir);
		try (Stream<Path> files = Files.list(dir)) {
			if (files.findAny().isPresent()) {
				throw new BoneXRException("Folder '" + dir +
					"' is not empty; BoneXR never overwrites files.",
					"Choose a new or empty folder.");
			}
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot list folder '" + dir + "'.",
				"Choose a folder you can read and write.", e);
		}
		return dir;
	}
}
