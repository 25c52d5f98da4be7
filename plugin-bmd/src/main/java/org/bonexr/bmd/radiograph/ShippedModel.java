package org.bonexr.bmd.radiograph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import org.bonexr.core.BoneXRException;

/**
 * The demo radiograph → bone mineral DRR model shipped in this jar
 * ({@value #RESOURCE}): a small U-Net trained by
 * {@code training/train_hip_bmd.sh} on synthetic hip phantoms only, not on
 * patients. Its rdf.yaml records the training command, data seed and
 * validation metrics.
 */
public final class ShippedModel {

	/** Class-path location of the model zip. */
	public static final String RESOURCE =
		"/org/bonexr/bmd/radiograph/hip-bone-drr-demo.zip";

	private ShippedModel() {}

	/**
	 * The model zip as a file: copied once per content length into
	 * {@code <java.io.tmpdir>/bonexr-models/}, atomically, so concurrent
	 * callers see either nothing or the whole file.
	 */
	public static Path path() {
		try (InputStream in = ShippedModel.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new BoneXRException("The shipped hip BMD model is missing from " +
					"the BoneXR BMD jar.", "Reinstall BoneXR, or choose a model file.");
			}
			final byte[] bytes = in.readAllBytes();
			final Path dir = Paths.get(System.getProperty("java.io.tmpdir"),
				"bonexr-models");
			Files.createDirectories(dir);
			final Path file = dir.resolve("hip-bone-drr-demo-" + Integer.toHexString(
				java.util.Arrays.hashCode(bytes)) + ".zip");
			if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
				return file;
			}
			final Path tmp = Files.createTempFile(dir, "model", ".part");
			Files.write(tmp, bytes);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (final IOException e) {
			throw new BoneXRException("Could not unpack the shipped hip BMD model: " +
				e.getMessage(), "Check that the temporary folder is writable, or " +
					"choose a model file.", e);
		}
	}
}
