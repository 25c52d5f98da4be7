package org.bonexr.cli.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.scijava.util.FileUtils;

/**
 * Builds a Fiji update site folder from the release jars, in the layout and
 * with the records Fiji's updater (net.imagej:imagej-updater,
 * https://github.com/imagej/imagej-updater) reads:
 * <ul>
 * <li>{@code db.xml.gz}: gzipped XML {@code <pluginRecords>} with one
 * {@code <plugin filename="jars/x-1.0.jar">} per file, holding
 * {@code <version checksum timestamp filesize>} with its
 * {@code <dependency filename timestamp>} children, and the
 * {@code <previous-version>}s (as {@code XMLFileWriter} writes and
 * {@code XMLFileReader} reads them; the reader does not validate, so no DTD
 * is written);</li>
 * <li>each file stored as {@code <filename>-<timestamp>}, e.g.
 * {@code jars/bonexr_jsn-0.1.0.jar-20260121093000}: the updater downloads
 * {@code siteURL + filename + "-" + timestamp}
 * ({@code FilesCollection.getURL}) into {@code update/<filename>} and moves
 * it to {@code <filename>} on restart;</li>
 * <li>checksums as {@link UpdaterChecksum}; timestamps {@code yyyyMMddHHmmss}
 * (the updater's own format, not a Unix epoch);</li>
 * <li>dependencies as the updater computes them when uploading
 * ({@code DependencyAnalyzer}): the jars (shipped here, or shipped by Fiji)
 * holding a class that a class of the jar refers to, or a supertype of one,
 * recorded without version ({@code FileUtils.stripFilenameVersion}).</li>
 * </ul>
 * Placement: a jar with '_' in its name and a {@code plugins.config} is an
 * ImageJ 1 plugin jar and goes to {@code plugins/}; native jars for one
 * platform (Maven classifier {@code linux-x86_64}, {@code win-x86_64},
 * {@code osx-aarch64} ...) go to {@code jars/<platform>/} with a
 * {@code <platform>} record, so only Fijis of that platform install them; all
 * else goes to {@code jars/}.
 * <p>
 * With {@code --previous DIR} (the folder of the site as last published),
 * files whose checksum did not change keep their timestamp, replaced versions
 * become {@code <previous-version>}s and files no longer shipped stay listed
 * without a current version (so the updater offers to remove them): users who
 * installed an older release then see "update available", not "locally
 * modified".
 * <p>
 * Usage: {@code UpdateSiteBuilder --lib DIR --fiji-provides a,b,... --site DIR
 * --timestamp yyyyMMddHHmmss [--previous DIR]} (a {@code --previous} folder
 * without db.xml.gz means a first release; {@code --site} is replaced), where {@code --lib} holds all
 * runtime jars and {@code --fiji-provides} names (without version) those that
 * Fiji ships itself: they are not copied to the site, but are dependencies.
 */
public final class UpdateSiteBuilder {

	private static final Map<String, String> PLATFORMS = Map.of("linux-x86_64",
		"linux64", "win-x86_64", "win64", "osx-x86_64", "macosx", "osx-aarch64",
		"macosx");

	/** One file of the site. */
	static final class SiteFile {

		final String filename;
		final Path source;
		final String platform;
		String checksum;
		String timestamp;
		long size;
		final Set<String> dependencies = new TreeSet<>();
		final List<Map<String, String>> previous = new ArrayList<>();

		SiteFile(final String filename, final Path source, final String platform) {
			this.filename = filename;
			this.source = source;
			this.platform = platform;
		}
	}

	private UpdateSiteBuilder() {}

	public static void main(final String... args) throws IOException {
		final Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2)
			o.put(args[i], args[i + 1]);
		for (final String required : List.of("--lib", "--fiji-provides", "--site",
			"--timestamp"))
			if (!o.containsKey(required)) throw new IllegalArgumentException(
				"missing " + required);
		final Set<String> fiji = Arrays.stream(o.get("--fiji-provides").split(","))
			.map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
		final List<SiteFile> files = build(Paths.get(o.get("--lib")), fiji, o.get(
			"--timestamp"), o.containsKey("--previous") ? Paths.get(o.get(
				"--previous")) : null);
		write(files, Paths.get(o.get("--site")));
		System.out.println("Update site: " + files.size() + " files in " + o.get(
			"--site"));
	}

	/** Plans the site: the shipped files with checksums and dependencies. */
	static List<SiteFile> build(final Path lib, final Set<String> fijiProvides,
		final String timestamp, final Path previous) throws IOException
	{
		if (!timestamp.matches("\\d{14}")) {
			throw new IllegalArgumentException("timestamp must be yyyyMMddHHmmss: " +
				timestamp);
		}
		final List<SiteFile> shipped = new ArrayList<>();
		final Map<String, Path> all = new TreeMap<>(); // site path -> jar
		for (final Path jar : jars(lib)) {
			final String name = jar.getFileName().toString();
			final String base = FileUtils.stripFilenameVersion(name).replaceAll(
				"\\.jar$", "");
			if (fijiProvides.contains(base)) {
				all.put("jars/" + name, jar);
				continue;
			}
			final SiteFile f = place(jar);
			shipped.add(f);
			all.put(f.filename, jar);
		}
		final Map<String, String> owners = classOwners(all);
		final Map<String, ClassFile> parsed = new HashMap<>();
		for (final SiteFile f : shipped) {
			f.checksum = UpdaterChecksum.of(f.filename, f.source);
			f.size = Files.size(f.source);
			f.timestamp = timestamp;
			for (final String dep : dependencies(f, all, owners, parsed))
				f.dependencies.add(FileUtils.stripFilenameVersion(dep));
		}
		if (previous != null && Files.isRegularFile(previous.resolve(
			"db.xml.gz"))) return PreviousSite.merge(shipped, previous, timestamp);
		return shipped;
	}

	private static SiteFile place(final Path jar) throws IOException {
		final String name = jar.getFileName().toString();
		for (final Map.Entry<String, String> p : PLATFORMS.entrySet())
			if (name.contains("-" + p.getKey())) return new SiteFile("jars/" + p
				.getValue() + "/" + name, jar, p.getValue());
		if (name.contains("_")) try (JarFile j = new JarFile(jar.toFile())) {
			if (j.getEntry("plugins.config") != null) return new SiteFile(
				"plugins/" + name, jar, null);
		}
		return new SiteFile("jars/" + name, jar, null);
	}

	/** Which site path holds each class (first jar wins, in path order). */
	private static Map<String, String> classOwners(final Map<String, Path> all)
		throws IOException
	{
		final Map<String, String> owners = new HashMap<>();
		for (final Map.Entry<String, Path> e : all.entrySet())
			try (JarFile j = new JarFile(e.getValue().toFile())) {
				for (final JarEntry entry : (Iterable<JarEntry>) j.stream()::iterator) {
					final String n = entry.getName();
					if (n.endsWith(".class") && !n.startsWith("META-INF/")) owners
						.putIfAbsent(n.substring(0, n.length() - 6).replace('/', '.'), e
							.getKey());
				}
			}
		return owners;
	}

	/** The site paths of the jars that {@code f}'s classes need. */
	private static Set<String> dependencies(final SiteFile f,
		final Map<String, Path> all, final Map<String, String> owners,
		final Map<String, ClassFile> parsed) throws IOException
	{
		final Set<String> needed = new TreeSet<>();
		final Set<String> seen = new java.util.HashSet<>();
		try (JarFile j = new JarFile(f.source.toFile())) {
			for (final JarEntry entry : (Iterable<JarEntry>) j.stream()::iterator) {
				if (!entry.getName().endsWith(".class") || entry.getName().startsWith(
					"META-INF/")) continue;
				final ClassFile c;
				try (InputStream in = j.getInputStream(entry)) {
					c = new ClassFile(in.readAllBytes());
				}
				final List<String> todo = new ArrayList<>(c.referencedClasses());
				while (!todo.isEmpty()) {
					final String name = todo.remove(todo.size() - 1);
					final String owner = owners.get(name);
					if (owner == null || !seen.add(name)) continue; // JDK, or done
					if (!owner.equals(f.filename)) needed.add(owner);
					todo.addAll(classFile(name, owner, all, parsed).supertypes());
				}
			}
		}
		return needed;
	}

	private static ClassFile classFile(final String name, final String owner,
		final Map<String, Path> all, final Map<String, ClassFile> parsed)
		throws IOException
	{
		ClassFile c = parsed.get(name);
		if (c == null) {
			try (JarFile j = new JarFile(all.get(owner).toFile())) {
				try (InputStream in = j.getInputStream(j.getEntry(name.replace('.',
					'/') + ".class")))
				{
					c = new ClassFile(in.readAllBytes());
				}
			}
			parsed.put(name, c);
		}
		return c;
	}

	/**
	 * Writes the timestamped files and db.xml.gz into {@code site}, replacing
	 * what an earlier build wrote there.
	 */
	static void write(final List<SiteFile> files, final Path site)
		throws IOException
	{
		if (Files.isDirectory(site)) try (Stream<Path> old = Files.walk(site)) {
			for (final Path p : old.sorted(java.util.Comparator.reverseOrder())
				.collect(Collectors.toList()))
				Files.delete(p);
		}
		Files.createDirectories(site);
		for (final SiteFile f : files) {
			if (f.source == null) continue; // obsolete: listed, not shipped
			final Path target = site.resolve(f.filename + "-" + f.timestamp);
			Files.createDirectories(target.getParent());
			Files.copy(f.source, target, StandardCopyOption.REPLACE_EXISTING);
		}
		final Path db = site.resolve("db.xml.gz");
		final Path tmp = site.resolve(".db.xml.gz.part");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
			out.write(xml(files).getBytes(StandardCharsets.UTF_8));
		}
		Files.move(tmp, db, StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}

	static String xml(final List<SiteFile> files) {
		final StringBuilder x = new StringBuilder(
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pluginRecords>\n");
		for (final SiteFile f : files) {
			x.append("    <plugin filename=\"").append(escape(f.filename)).append(
				"\">\n");
			if (f.platform != null) x.append("        <platform>").append(f.platform)
				.append("</platform>\n");
			if (f.source != null) {
				x.append("        <version checksum=\"").append(f.checksum).append(
					"\" timestamp=\"").append(f.timestamp).append("\" filesize=\"")
					.append(f.size).append("\">\n");
				for (final String d : f.dependencies)
					x.append("            <dependency filename=\"").append(escape(d))
						.append("\" timestamp=\"").append(f.timestamp).append("\"/>\n");
				x.append("        </version>\n");
			}
			for (final Map<String, String> p : f.previous) {
				x.append("        <previous-version");
				p.forEach((k, v) -> x.append(' ').append(k).append("=\"").append(
					escape(v)).append('"'));
				x.append("/>\n");
			}
			x.append("    </plugin>\n");
		}
		return x.append("</pluginRecords>\n").toString();
	}

	private static String escape(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"",
			"&quot;");
	}

	private static List<Path> jars(final Path lib) throws IOException {
		try (Stream<Path> s = Files.list(lib)) {
			return s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(
				Collectors.toList());
		}
	}

	/** Ordered attributes of a previous-version record. */
	static Map<String, String> previousVersion(final String timestamp,
		final String obsolete, final String checksum, final String filename)
	{
		final Map<String, String> p = new LinkedHashMap<>();
		p.put("timestamp", timestamp);
		p.put("timestamp-obsolete", obsolete);
		p.put("checksum", checksum);
		if (filename != null) p.put("filename", filename);
		return p;
	}
}
