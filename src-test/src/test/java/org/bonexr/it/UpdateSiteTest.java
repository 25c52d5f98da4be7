package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Fiji update site the build writes to update-site/target/site: read
 * back, checksums recomputed here (independently of the builder), installed
 * into a Fiji-like folder the way the updater installs, and run from there.
 */
class UpdateSiteTest {

	/** What Fiji ships itself (file names without version). */
	private static final Set<String> FIJI = Set.of("ij", "scijava-common",
		"parsington", "imglib2", "snakeyaml", "gson", "commons-codec",
		"commons-compress", "commons-io", "jna", "slf4j-api");

	/** A {@code <plugin>} record of db.xml.gz. */
	private static final class Record {

		String filename, checksum, timestamp, platform;
		long size;
		final List<String> dependencies = new ArrayList<>();
		final List<Element> previous = new ArrayList<>();
	}

	@TempDir
	Path dir;

	@Test
	void siteListsEveryShippedJarWithUpdaterChecksumAndSize() throws Exception {
		final Path site = site();
		final Map<String, Record> db = read(site);
		final List<String> expected = new ArrayList<>();
		for (final Path jar : BuiltArtifacts.cliJars()) {
			final String name = jar.getFileName().toString();
			if (FIJI.contains(base(name))) {
				assertFalse(db.values().stream().anyMatch(r -> r.filename.endsWith("/" +
					name)), name + " is Fiji's own; it must not be on the site");
			}
			else expected.add(name);
		}
		assertEquals(expected.stream().sorted().collect(Collectors.toList()), db
			.values().stream().map(r -> r.filename.substring(r.filename.lastIndexOf(
				'/') + 1)).sorted().collect(Collectors.toList()));

		assertTrue(db.containsKey("plugins/bonexr_core.jar"), db.keySet()
			.toString());
		for (final String module : List.of("bonexr-clij-kernels", "bonexr_bmd",
			"bonexr_jsn", "bonexr_separation", "api", "pytorch-engine"))
			assertTrue(db.containsKey("jars/" + module + ".jar"), module);
		assertEquals("linux64", natives(db).platform);
		assertTrue(natives(db).filename.startsWith("jars/linux64/"));

		for (final Record r : db.values()) {
			assertTrue(r.timestamp.matches("\\d{14}"), r.timestamp);
			final Path file = site.resolve(r.filename + "-" + r.timestamp);
			assertTrue(Files.isRegularFile(file), file.toString());
			assertEquals(Files.size(file), r.size, r.filename);
			assertEquals(checksum(r.filename, file), r.checksum, r.filename);
			assertNotEquals(sha1(Files.readAllBytes(file)), r.checksum,
				"the updater's jar checksum is not that of the file bytes");
		}
		try (Stream<Path> s = Files.walk(site)) {
			assertEquals(db.size() + 1, s.filter(Files::isRegularFile).count(),
				"only db.xml.gz and the listed files");
		}
	}

	@Test
	void dependenciesPointToSiteOrFijiJarsWithoutVersion() throws Exception {
		final Map<String, Record> db = read(site());
		for (final Record r : db.values())
			for (final String d : r.dependencies) {
				assertFalse(d.equals(stripped(r.filename)), r.filename + " -> itself");
				assertTrue(db.containsKey(d) || d.startsWith("jars/") && FIJI.contains(
					d.substring(5, d.length() - 4)), r.filename + " -> " + d);
			}
		final List<String> core = db.get("plugins/bonexr_core.jar").dependencies;
		assertTrue(core.containsAll(List.of("jars/ij.jar",
			"jars/bonexr-clij-kernels.jar", "jars/scijava-common.jar",
			"jars/imglib2.jar")), core.toString());
		assertTrue(db.get("jars/bonexr_bmd.jar").dependencies.contains(
			"plugins/bonexr_core.jar"));
		assertTrue(db.get("jars/pytorch-engine.jar").dependencies.contains(
			"jars/api.jar"));
	}

	@Test
	void installsIntoAFijiFolderAndRunsFromThere() throws Exception {
		final Path site = site();
		final Path fiji = dir.resolve("Fiji.app");
		// as the updater: download <site>/<file>-<timestamp> to update/<file>,
		// verify size and checksum, move update/ into place on restart
		for (final Record r : read(site).values()) {
			final Path staged = fiji.resolve("update").resolve(r.filename);
			Files.createDirectories(staged.getParent());
			Files.copy(site.resolve(r.filename + "-" + r.timestamp), staged);
			assertEquals(r.size, Files.size(staged));
			assertEquals(r.checksum, checksum(r.filename, staged));
		}
		try (Stream<Path> s = Files.walk(fiji.resolve("update"))) {
			for (final Path p : s.filter(Files::isRegularFile).collect(Collectors
				.toList()))
			{
				final Path target = fiji.resolve(fiji.resolve("update").relativize(p)
					.toString());
				Files.createDirectories(target.getParent());
				Files.move(p, target);
			}
		}
		assertEquals(List.of("bonexr_core-0.1.0-SNAPSHOT.jar"), names(fiji.resolve(
			"plugins")));
		assertTrue(names(fiji.resolve("jars")).contains(
			"bonexr_jsn-0.1.0-SNAPSHOT.jar"));
		assertEquals(1, names(fiji.resolve("jars/linux64")).size());
		// Fiji's own jars (as in a Fiji installation) complete the class path
		for (final Path jar : BuiltArtifacts.cliJars())
			if (FIJI.contains(base(jar.getFileName().toString()))) Files.copy(jar, fiji
				.resolve("jars").resolve(jar.getFileName()));

		final String classPath = String.join(java.io.File.pathSeparator, fiji
			.resolve("jars/*").toString(), fiji.resolve("jars/linux64/*").toString(),
			fiji.resolve("plugins/*").toString());
		final Path out = dir.resolve("list.out");
		final Process p = new ProcessBuilder("java", "-Djava.awt.headless=true",
			"-cp", classPath, "org.bonexr.cli.BoneXRCli", "list").redirectErrorStream(
				true).redirectOutput(out.toFile()).start();
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		final String listed = new String(Files.readAllBytes(out),
			StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), listed);
		assertTrue(listed.contains("Convert to Attenuation"), listed);
	}

	@Test
	void aNewReleaseKeepsTheHistoryOfThePublishedSite() throws Exception {
		final Path published = site();
		final Map<String, Record> before = read(published);
		final Path lib = Files.createDirectories(dir.resolve("lib"));
		for (final Path jar : BuiltArtifacts.cliJars()) {
			final String name = jar.getFileName().toString();
			if (name.startsWith("pytorch-native")) continue; // dropped from release
			if (name.startsWith("bonexr_jsn")) addEntry(jar, lib.resolve(name),
				"changed.txt");
			else Files.createSymbolicLink(lib.resolve(name), jar);
		}
		final Path next = dir.resolve("next");
		// the builder as the build runs it, from the command-line distribution
		final Path log = dir.resolve("builder.log");
		final Process p = new ProcessBuilder("java", "-cp", BuiltArtifacts.root()
			.resolve("update-site/target/cli/lib/*").toString(),
			"org.bonexr.cli.site.UpdateSiteBuilder", "--lib", lib.toString(),
			"--fiji-provides", String.join(",", FIJI), "--site", next.toString(),
			"--timestamp", "29990101000000", "--previous", published.toString())
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), new String(Files.readAllBytes(log),
			StandardCharsets.UTF_8));
		final Map<String, Record> after = read(next);

		final Record core = after.get("plugins/bonexr_core.jar");
		assertEquals(before.get("plugins/bonexr_core.jar").timestamp,
			core.timestamp, "unchanged file keeps its timestamp");
		final Record jsn = after.get("jars/bonexr_jsn.jar");
		assertEquals("29990101000000", jsn.timestamp);
		assertNotEquals(before.get("jars/bonexr_jsn.jar").checksum, jsn.checksum);
		assertEquals(1, jsn.previous.size());
		assertEquals(before.get("jars/bonexr_jsn.jar").checksum, jsn.previous.get(0)
			.getAttribute("checksum"));
		final Record gone = natives(after);
		assertEquals(null, gone.checksum, "dropped file has no current version");
		assertEquals(natives(before).checksum, gone.previous.get(0).getAttribute(
			"checksum"));
	}

	// -- independent reading and checksumming --

	private static Path site() {
		final Path site = BuiltArtifacts.root().resolve("update-site/target/site");
		assertTrue(Files.isRegularFile(site.resolve("db.xml.gz")),
			"build first: mvn package");
		return site;
	}

	/** Records by file name without version (the updater's key). */
	private static Map<String, Record> read(final Path site) throws Exception {
		final org.w3c.dom.Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(site.resolve(
			"db.xml.gz"))))
		{
			doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
		}
		assertEquals("pluginRecords", doc.getDocumentElement().getTagName());
		final Map<String, Record> records = new TreeMap<>();
		final NodeList plugins = doc.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			final Element p = (Element) plugins.item(i);
			final Record r = new Record();
			r.filename = p.getAttribute("filename");
			final NodeList platform = p.getElementsByTagName("platform");
			if (platform.getLength() > 0) r.platform = platform.item(0)
				.getTextContent();
			final NodeList version = p.getElementsByTagName("version");
			if (version.getLength() > 0) {
				final Element v = (Element) version.item(0);
				r.checksum = v.getAttribute("checksum");
				r.timestamp = v.getAttribute("timestamp");
				r.size = Long.parseLong(v.getAttribute("filesize"));
				final NodeList deps = v.getElementsByTagName("dependency");
				for (int k = 0; k < deps.getLength(); k++)
					r.dependencies.add(((Element) deps.item(k)).getAttribute("filename"));
			}
			final NodeList previous = p.getElementsByTagName("previous-version");
			for (int k = 0; k < previous.getLength(); k++)
				r.previous.add((Element) previous.item(k));
			assertEquals(null, records.put(stripped(r.filename), r), r.filename +
				" twice");
		}
		return records;
	}

	/** The record of DJL's native PyTorch library. */
	private static Record natives(final Map<String, Record> db) {
		return db.values().stream().filter(r -> r.filename.contains(
			"pytorch-native-cpu")).findFirst().orElseThrow();
	}

	/**
	 * Fiji's updater checksum, written here from its description: SHA-1 over
	 * the jar's entries sorted by name, each as name + content, '#' lines of
	 * .properties replaced by their line end, the manifest's content left out.
	 */
	private static String checksum(final String path, final Path file)
		throws Exception
	{
		assertTrue(path.endsWith(".jar"));
		final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		try (ZipFile zip = new ZipFile(file.toFile())) {
			final List<String> names = zip.stream().map(ZipEntry::getName).collect(
				Collectors.toList());
			Collections.sort(names);
			for (final String name : names) {
				sha1.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals("META-INF/MANIFEST.MF")) continue;
				try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
					if (name.endsWith(".properties")) {
						final String text = new String(in.readAllBytes(),
							StandardCharsets.ISO_8859_1);
						sha1.update(Stream.of(text.split("\n", -1)).map(l -> l.startsWith(
							"#") ? "" : l).collect(Collectors.joining("\n")).getBytes(
								StandardCharsets.ISO_8859_1));
					}
					else new java.security.DigestInputStream(in, sha1).transferTo(
						OutputStream.nullOutputStream());
				}
			}
		}
		return hex(sha1.digest());
	}

	private static String sha1(final byte[] bytes) throws Exception {
		return hex(MessageDigest.getInstance("SHA-1").digest(bytes));
	}

	private static String hex(final byte[] digest) {
		final StringBuilder s = new StringBuilder();
		for (final byte b : digest)
			s.append(String.format("%02x", b & 0xff));
		return s.toString();
	}

	/** The updater's key for a file: its name without version. */
	private static String stripped(final String filename) {
		return org.scijava.util.FileUtils.stripFilenameVersion(filename);
	}

	/** File name without version and .jar: the text before "-<digit>". */
	private static String base(final String name) {
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"(.+?)-\\d.*\\.jar").matcher(name);
		return m.matches() ? m.group(1) : name.replaceAll("\\.jar$", "");
	}

	private static List<String> names(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).map(p -> p.getFileName()
				.toString()).sorted().collect(Collectors.toList());
		}
	}

	/** Copies a jar and adds one text entry to it. */
	private static void addEntry(final Path jar, final Path target,
		final String entry) throws IOException
	{
		try (ZipFile in = new ZipFile(jar.toFile());
				OutputStream file = Files.newOutputStream(target);
				ZipOutputStream out = new ZipOutputStream(file))
		{
			for (final ZipEntry e : Collections.list(in.entries())) {
				out.putNextEntry(new ZipEntry(e.getName()));
				try (InputStream data = in.getInputStream(e)) {
					data.transferTo(out);
				}
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry(entry));
			out.write("new in this release\n".getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
	}
}
