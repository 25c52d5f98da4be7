package org.bonexr.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.bonexr.core.BoneXRException;

/**
 * A bioimage.io model on disk: a folder, or a {@code .zip} of one, holding
 * {@code rdf.yaml} (or {@code bioimageio.yaml}), TorchScript weights and
 * test tensors.
 * <p>
 * Opening checks the whole package before anything runs: the contract
 * ({@link RdfReader}), that every file it names lies inside the package and
 * exists, and that the weights and test tensors match their declared
 * sha256. A zip is unpacked into a private temporary folder, refusing any
 * entry that would land outside it (absolute names, {@code ..}: "zip slip");
 * {@link #close()} deletes that folder.
 */
public final class ModelPackage implements AutoCloseable {

	private static final String[] RDF_NAMES = { "rdf.yaml", "bioimageio.yaml" };

	private final Path source;
	private final Path root;
	private final Path unpacked;
	private final ModelDescription description;
	private final String weightsSha256;
	private final List<String> warnings;

	private ModelPackage(final Path source, final Path root, final Path unpacked,
		final ModelDescription description, final String weightsSha256,
		final List<String> warnings)
	{
		this.source = source;
		this.root = root;
		this.unpacked = unpacked;
		this.description = description;
		this.weightsSha256 = weightsSha256;
		this.warnings = Collections.unmodifiableList(warnings);
	}

	/**
	 * Opens and checks a model folder or zip.
	 *
	 * @throws BoneXRException naming what is wrong with the package
	 */
	public static ModelPackage open(final Path folderOrZip) {
		final Path source = folderOrZip.toAbsolutePath().normalize();
		if (!Files.exists(source)) {
			throw new BoneXRException("The model " + source + " does not exist.",
				"Choose a bioimage.io model folder or .zip file.");
		}
		if (Files.isDirectory(source)) return check(source, source, null);
		final Path dir;
		try {
			dir = Files.createTempDirectory("bonexr-model-");
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot create a temporary folder to unpack " +
				source + ": " + e.getMessage(),
				"Free disk space or set java.io.tmpdir to a writable folder.", e);
		}
		try {
			unzip(source, dir);
			return check(source, packageRoot(dir, source), dir);
		}
		catch (final RuntimeException e) {
			deleteTree(dir);
			throw e;
		}
	}

	/** The folder or zip this package was opened from. */
	public Path source() {
		return source;
	}

	/** The folder holding {@code rdf.yaml} (a temporary folder for a zip). */
	public Path root() {
		return root;
	}

	public ModelDescription description() {
		return description;
	}

	/** The TorchScript weights file. */
	public Path weights() {
		return root.resolve(description.weightsSource()).normalize();
	}

	/** sha256 of the weights file as read (lower-case hex). */
	public String weightsSha256() {
		return weightsSha256;
	}

	/** The model's test input in its own axes, e.g. {@code bcyx}. */
	public FloatTensor testInput() {
		return testTensor(description.input());
	}

	/** The model's expected output for {@link #testInput()}. */
	public FloatTensor testOutput() {
		return testTensor(description.output());
	}

	public boolean hasTestTensors() {
		return description.input().testTensor() != null && description.output()
			.testTensor() != null;
	}

	/** Warnings from the contract and the package, one sentence each. */
	public List<String> warnings() {
		return warnings;
	}

	/** Deletes the temporary folder of an unpacked zip. */
	@Override
	public void close() {
		if (unpacked != null) deleteTree(unpacked);
	}

	private FloatTensor testTensor(final TensorDescription t) {
		if (t.testTensor() == null) {
			throw new BoneXRException("The model " + description.name() +
				" has no test tensor for '" + t.id() + "'.",
				"Add test_inputs/test_outputs (spec 0.4) or test_tensor (spec 0.5) to its rdf.yaml.");
		}
		return Npy.read(inside(root, t.testTensor(), source));
	}

	// -- checks --

	private static ModelPackage check(final Path source, final Path root,
		final Path unpacked)
	{
		final Path rdfFile = rdfFile(root, source);
		final String text;
		try {
			text = new String(Files.readAllBytes(rdfFile), StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot read " + rdfFile + ": " + e
				.getMessage(), "Check that the file is readable.", e);
		}
		final ModelDescription d = RdfReader.read(text, source.toString());
		final List<String> warnings = new ArrayList<>(d.warnings());
		final Path weights = inside(root, d.weightsSource(), source);
		final String sha = sha256(weights);
		checkSha(d.weightsSha256(), sha, weights, source);
		for (final TensorDescription t : List.of(d.input(), d.output())) {
			if (t.testTensor() == null) continue;
			final Path f = inside(root, t.testTensor(), source);
			if (t.testTensorSha256() != null) checkSha(t.testTensorSha256(), sha256(
				f), f, source);
		}
		return new ModelPackage(source, root, unpacked, d, sha, warnings);
	}

	private static void checkSha(final String declared, final String actual,
		final Path file, final Path source)
	{
		if (declared != null && !declared.equals(actual)) {
			throw new BoneXRException("The file " + file.getFileName() +
				" of the model " + source + " does not match its sha256 (declared " +
				declared + ", found " + actual + "): it is damaged or was changed.",
				"Get the model again from its source, or, if you changed the file on " +
					"purpose, put its new sha256 in rdf.yaml.");
		}
	}

	/** A file named by the rdf, which must exist inside the package. */
	static Path inside(final Path root, final String relative,
		final Path source)
	{
		final String lower = relative.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http:") || lower.startsWith("https:")) {
			throw new BoneXRException("The model " + source + " refers to " +
				relative + " on the internet; BoneXR does not download files.",
				"Download the file, put it beside rdf.yaml and give its file name as source.");
		}
		final Path p = root.resolve(relative).normalize();
		if (!p.startsWith(root) || Path.of(relative).isAbsolute()) {
			throw new BoneXRException("The model " + source + " refers to the file " +
				relative + ", which lies outside the model folder.",
				"Put every file of the model inside its folder and refer to it by a relative name.");
		}
		if (!Files.isRegularFile(p)) {
			throw new BoneXRException("The model " + source + " lacks the file " +
				relative + " that its rdf.yaml names.",
				"Put the file into the model folder (or get the complete model again).");
		}
		return p;
	}

	private static Path rdfFile(final Path root, final Path source) {
		for (final String name : RDF_NAMES) {
			final Path p = root.resolve(name);
			if (Files.isRegularFile(p)) return p;
		}
		try (Stream<Path> s = Files.list(root)) {
			final List<Path> found = s.filter(p -> p.getFileName().toString()
				.endsWith(".bioimageio.yaml")).collect(Collectors.toList());
			if (found.size() == 1) return found.get(0);
		}
		catch (final IOException e) {
			// fall through to the message below
		}
		throw new BoneXRException("The model " + source +
			" has no rdf.yaml describing it.",
			"Choose a bioimage.io model folder or .zip (with rdf.yaml at its top level).");
	}

	/** The folder of an unpacked zip holding the rdf: its top, or its single sub-folder. */
	private static Path packageRoot(final Path dir, final Path source) {
		try (Stream<Path> s = Files.list(dir)) {
			final List<Path> entries = s.collect(Collectors.toList());
			if (entries.size() == 1 && Files.isDirectory(entries.get(0)) && Stream.of(
				RDF_NAMES).noneMatch(n -> Files.exists(dir.resolve(n))))
			{
				return entries.get(0);
			}
			return dir;
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot list the unpacked model " + source +
				": " + e.getMessage(), "Check the temporary folder.", e);
		}
	}

	// -- zip --

	private static void unzip(final Path zip, final Path dir) {
		try (ZipFile zf = new ZipFile(zip.toFile())) {
			final Enumeration<? extends ZipEntry> entries = zf.entries();
			while (entries.hasMoreElements()) {
				final ZipEntry e = entries.nextElement();
				final Path target = entryTarget(dir, e.getName(), zip);
				if (e.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = zf.getInputStream(e);
						OutputStream out = Files.newOutputStream(target))
				{
					in.transferTo(out);
				}
			}
		}
		catch (final ZipException e) {
			throw new BoneXRException("The model file " + zip +
				" is neither a folder nor a readable zip archive (" + e.getMessage() +
				").", "Choose a bioimage.io model folder or its .zip.", e);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot unpack the model " + zip + ": " + e
				.getMessage(), "Check the file and free disk space.", e);
		}
	}

	/** Where a zip entry goes; refuses names that would leave {@code dir}. */
	static Path entryTarget(final Path dir, final String name, final Path zip) {
		boolean escapes = name.startsWith("/") || name.startsWith("\\") || name
			.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0;
		for (final String part : name.split("[/\\\\]")) {
			if ("..".equals(part)) escapes = true;
		}
		final Path target = dir.resolve(name).normalize();
		if (escapes || !target.startsWith(dir)) {
			throw new BoneXRException("The model archive " + zip +
				" contains the entry '" + name +
				"', which would be written outside the model's folder.",
				"Do not use this file: it is damaged or was made to attack. Get the model " +
					"from a trusted source.");
		}
		return target;
	}

	static String sha256(final Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			final byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;)
				md.update(buf, 0, n);
			final StringBuilder hex = new StringBuilder();
			for (final byte b : md.digest()) hex.append(String.format("%02x", b));
			return hex.toString();
		}
		catch (final IOException | NoSuchAlgorithmException e) {
			throw new BoneXRException("Cannot read " + file + ": " + e.getMessage(),
				"Check that the file is readable.", e);
		}
	}

	private static void deleteTree(final Path dir) {
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException e) {
			// a leftover temporary folder is harmless
		}
	}
}
