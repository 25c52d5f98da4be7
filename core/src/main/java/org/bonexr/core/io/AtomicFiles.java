package org.bonexr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bonexr.core.BoneXRException;

/**
 * Writes output files atomically: the content goes to a hidden temporary file
 * in the same folder, which is then renamed to the target. A reader (or a
 * resumed batch) sees either no file or the whole file, never a partial one.
 * Existing files are never overwritten.
 */
public final class AtomicFiles {

	/** Writes the content of a file given its (temporary) path. */
	@FunctionalInterface
	public interface Writer {

		void write(Path tmp) throws IOException;
	}

	private AtomicFiles() {}

	/** Writes {@code target} atomically; fails if it already exists. */
	public static void write(final Path target, final Writer writer) {
		refuseExisting(target);
		// Hidden, and ending like the target, since some writers (ImageJ's TIFF
		// writer among them) add the extension they expect.
		final Path tmp = target.resolveSibling(".part-" + target.getFileName());
		try {
			writer.write(tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not write " + target, e);
		}
		finally {
			try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException e) {
				// the temporary file is hidden; nothing else to do
			}
		}
	}

	/** Throws a user-facing error when {@code target} exists. */
	public static void refuseExisting(final Path target) {
		if (Files.exists(target)) {
			throw new BoneXRException("Output '" + target +
				"' exists already; BoneXR never overwrites results.",
				"Choose another output folder, or move the old file away.");
		}
	}

	/**
	 * Makes sure {@code dir} exists and is writable before any work starts.
	 */
	public static void requireWritableFolder(final Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot create output folder '" + dir + "'.",
				"Choose a folder you can write to.", e);
		}
		if (!Files.isWritable(dir)) {
			throw new BoneXRException("Output folder '" + dir +
				"' is not writable.", "Choose a folder you can write to.");
		}
	}
}
