package org.bonexr.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bonexr.kernels.ComputeBackendService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/**
 * The {@link ModelService} of BoneXR: loads with DJL's PyTorch engine; the
 * models' normalisation and tile blending run on the context's
 * {@link ComputeBackendService}.
 */
@Plugin(type = Service.class)
public class DefaultModelService extends AbstractService implements
	ModelService
{

	@Parameter
	private LogService log;

	@Parameter
	private ComputeBackendService compute;

	private final Map<Path, Entry> models = new LinkedHashMap<>();

	private static final class Entry {

		final BioImageModel model;
		final String fingerprint;

		Entry(final BioImageModel model, final String fingerprint) {
			this.model = model;
			this.fingerprint = fingerprint;
		}
	}

	@Override
	public synchronized BioImageModel get(final Path folderOrZip) {
		final Path key = folderOrZip.toAbsolutePath().normalize();
		final String fingerprint = fingerprint(key);
		final Entry cached = models.get(key);
		if (cached != null) {
			if (cached.fingerprint.equals(fingerprint)) return cached.model;
			log.info("Model files changed, reloading " + key);
			release(key);
		}
		final long t0 = System.nanoTime();
		final BioImageModel model = BioImageModel.open(key, log, compute
			.compute());
		log.info(String.format("Loaded model '%s' (weights sha256 %s) on %s in " +
			"%.2f s from %s", model.description().name(), model.modelPackage()
				.weightsSha256(), model.network().device(), (System.nanoTime() - t0) /
					1e9, key));
		models.put(key, new Entry(model, fingerprint));
		return model;
	}

	@Override
	public synchronized boolean release(final Path folderOrZip) {
		final Entry e = models.remove(folderOrZip.toAbsolutePath().normalize());
		if (e == null) return false;
		e.model.close();
		return true;
	}

	@Override
	public synchronized void releaseAll() {
		for (final Path p : new ArrayList<>(models.keySet()))
			release(p);
	}

	@Override
	public synchronized List<Path> loaded() {
		return new ArrayList<>(models.keySet());
	}

	@Override
	public void dispose() {
		releaseAll();
	}

	/** Sizes and modification times of the package's files. */
	private static String fingerprint(final Path p) {
		final StringBuilder b = new StringBuilder();
		try (Stream<Path> files = Files.isDirectory(p) ? Files.walk(p) : Stream.of(
			p))
		{
			files.filter(Files::isRegularFile).sorted().forEach(f -> {
				try {
					b.append(f).append(':').append(Files.size(f)).append(':').append(Files
						.getLastModifiedTime(f).toMillis()).append(';');
				}
				catch (final IOException e) {
					b.append(f).append(":?;");
				}
			});
		}
		catch (final IOException e) {
			b.append("unreadable");
		}
		return b.toString();
	}
}
