package org.bonexr.cli.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum Fiji's updater records for a file and verifies after each
 * download: {@code net.imagej.updater.util.UpdaterUtil.getDigest(path, file)}
 * of net.imagej:imagej-updater (source:
 * https://github.com/imagej/imagej-updater, {@code UpdaterUtil},
 * {@code SkipHashedLines}, {@code FilterManifest}). It is SHA-1, as lowercase
 * hex:
 * <ul>
 * <li>of a {@code .jar}: over its entries sorted by name
 * ({@link String#compareTo}), directories included; for each, the entry name
 * (its bytes as US-ASCII), then its content, where
 * <ul>
 * <li>{@code *.properties} skip the lines that start with '#' (Maven's
 * build-date comment), exactly as {@code SkipHashedLines} does;</li>
 * <li>{@code META-INF/MANIFEST.MF} is filtered by
 * {@code FilterManifest(in, keepOnlyMainClass = true)}, which keeps a line
 * only when {@code line.toUpperCase().startsWith("Main-Class:")}: an
 * upper-cased line never starts with that mixed-case text, so the manifest
 * contributes no content, only its name;</li>
 * </ul>
 * The digest therefore does not change when Maven rebuilds an unchanged jar
 * (the file bytes do: zip timestamps).</li>
 * <li>of any other file: over its path relative to the Fiji folder (as
 * US-ASCII), then its bytes.</li>
 * </ul>
 */
public final class UpdaterChecksum {

	private UpdaterChecksum() {}

	/**
	 * @param sitePath the file's path in a Fiji folder, e.g.
	 *          {@code jars/bonexr_jsn-0.1.0.jar}
	 * @param file the file
	 */
	public static String of(final String sitePath, final Path file) {
		final MessageDigest sha1 = sha1();
		try {
			if (sitePath.endsWith(".jar")) return jar(file, sha1);
			sha1.update(sitePath.getBytes(StandardCharsets.US_ASCII));
			sha1.update(Files.readAllBytes(file));
			return hex(sha1.digest());
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}

	private static String jar(final Path file, final MessageDigest sha1)
		throws IOException
	{
		try (JarFile jar = new JarFile(file.toFile())) {
			final List<JarEntry> entries = new ArrayList<>(Collections.list(jar
				.entries()));
			entries.sort(Comparator.comparing(JarEntry::getName));
			for (final JarEntry entry : entries) {
				final String name = entry.getName();
				sha1.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals("META-INF/MANIFEST.MF")) continue; // see above
				try (InputStream in = jar.getInputStream(entry)) {
					if (name.endsWith(".properties")) sha1.update(skipHashedLines(in
						.readAllBytes()));
					else {
						final byte[] buffer = new byte[1 << 16];
						for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
							sha1.update(buffer, 0, n);
					}
				}
			}
		}
		return hex(sha1.digest());
	}

	/**
	 * The bytes {@code SkipHashedLines} yields: at the start of a line, a '#'
	 * is dropped together with everything up to (not including) the next
	 * '\n'. Its quirks are kept: the '\n' ending a comment is kept; a line
	 * start is only recognised after a '\n' that was read outside a line
	 * start, so after an empty line or a comment line the next line counts as
	 * a continuation.
	 */
	static byte[] skipHashedLines(final byte[] in) {
		final HashedLineSkipper s = new HashedLineSkipper(in);
		final ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		for (int c = s.read(); c >= 0; c = s.read())
			out.write(c);
		return out.toByteArray();
	}

	/** The state machine of {@code SkipHashedLines.read()}. */
	private static final class HashedLineSkipper {

		private final byte[] in;
		private int pos;
		private boolean atLineStart = true;

		HashedLineSkipper(final byte[] in) {
			this.in = in;
		}

		int read() {
			int c = pos < in.length ? in[pos++] & 0xff : -1;
			if (atLineStart) {
				if (c == '#') {
					do
						c = read();
					while (c != '\n' && c != -1);
				}
				else atLineStart = false;
			}
			else if (c == '\n') atLineStart = true;
			return c;
		}
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Java without SHA-1", e);
		}
	}

	static String hex(final byte[] bytes) {
		final StringBuilder s = new StringBuilder(bytes.length * 2);
		for (final byte b : bytes)
			s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character
				.forDigit(b & 0xf, 16));
		return s.toString();
	}
}
