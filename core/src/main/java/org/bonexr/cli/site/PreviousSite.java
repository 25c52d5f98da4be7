package org.bonexr.cli.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.scijava.util.FileUtils;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Carries the history of a published site into a new build (see
 * {@link UpdateSiteBuilder}): files are matched by name without version, as
 * the updater matches them.
 */
final class PreviousSite {

	/** A file record of the published db.xml.gz. */
	private static final class Record {

		String filename, platform, checksum, timestamp;
		final List<Map<String, String>> previous = new ArrayList<>();
	}

	private PreviousSite() {}

	static List<UpdateSiteBuilder.SiteFile> merge(
		final List<UpdateSiteBuilder.SiteFile> now, final Path site,
		final String timestamp) throws IOException
	{
		final Map<String, Record> old = read(site.resolve("db.xml.gz"));
		final List<UpdateSiteBuilder.SiteFile> result = new ArrayList<>();
		for (final UpdateSiteBuilder.SiteFile f : now) {
			final Record r = old.remove(FileUtils.stripFilenameVersion(f.filename));
			if (r != null) {
				f.previous.addAll(r.previous);
				if (r.checksum != null) {
					if (r.checksum.equals(f.checksum) && r.filename.equals(f.filename))
						f.timestamp = r.timestamp;
					else f.previous.add(UpdateSiteBuilder.previousVersion(r.timestamp,
						timestamp, r.checksum, r.filename));
				}
			}
			result.add(f);
		}
		for (final Record r : old.values()) {
			final UpdateSiteBuilder.SiteFile gone = new UpdateSiteBuilder.SiteFile(
				r.filename, null, r.platform);
			gone.previous.addAll(r.previous);
			if (r.checksum != null) gone.previous.add(UpdateSiteBuilder
				.previousVersion(r.timestamp, timestamp, r.checksum, r.filename));
			result.add(gone);
		}
		return result;
	}

	private static Map<String, Record> read(final Path db) throws IOException {
		final Map<String, Record> records = new LinkedHashMap<>();
		final org.w3c.dom.Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
				in);
		}
		catch (final ParserConfigurationException | SAXException e) {
			throw new IOException("Cannot read " + db, e);
		}
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
			}
			final NodeList previous = p.getElementsByTagName("previous-version");
			for (int k = 0; k < previous.getLength(); k++) {
				final Element v = (Element) previous.item(k);
				r.previous.add(UpdateSiteBuilder.previousVersion(v.getAttribute(
					"timestamp"), v.getAttribute("timestamp-obsolete"), v.getAttribute(
						"checksum"), v.hasAttribute("filename") ? v.getAttribute("filename")
							: null));
			}
			records.put(FileUtils.stripFilenameVersion(r.filename), r);
		}
		return records;
	}
}
