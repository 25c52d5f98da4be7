package org.bonexr.separation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

import org.bonexr.core.BoneXRException;

/**
 * The separation model shipped in this plugin's jar: a DEMO model, a small
 * U-Net trained on synthetic joint phantoms by
 * {@code training/train_separation.py} (see docs/separation.md); not
 * validated on patient radiographs. {@link #path()} copies it once to the
 * temporary folder (named after its checksum) so that the model runtime
 * can open it as a zip.
 */
public final class ShippedModel {

	/** Resource path of the model zip inside the jar. */
	public static final String RESOURCE =
		"/org/bonexr/separation/bonexr-separation-demo.zip";

	/**
	 * Finest and coarsest pixel size (mm) the shipped model runs at: images
	 * at other scales are resampled into this range before separation. Its
	 * stages 1–11 were trained at 0.07–0.15 mm ({@code JointDataset} draws
	 * each sample's spacing uniformly, 256² px), stage 12 at 0.05–0.15 mm;
	 * at 0.05 mm/px it measured joint space no better on its own grid than
	 * resampled to 0.07 mm/px (docs/separation.md), so the range stays.
	 */
	public static final double MIN_SPACING_MM = 0.07, MAX_SPACING_MM = 0.15;
	/**
	 * Finest pixel size the shipped model was trained at (stage 12), mm: a
	 * joint space measurement also runs it at pixel sizes between this and
	 * {@link #MIN_SPACING_MM} and averages the layers (JointLayerSeparation).
	 */
	public static final double TRAINED_MIN_SPACING_MM = 0.05;

	private ShippedModel() {}

	/** A file holding the shipped model zip. */
	public static Path path() {
		final byte[] bytes;
		try (InputStream in = ShippedModel.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new BoneXRException("The shipped separation model " + RESOURCE +
					" is missing from the plugin.", "Reinstall BoneXR, or choose a model " +
						"file.");
			}
			bytes = readAll(in);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot read the shipped separation model: " +
				e.getMessage(), "Reinstall BoneXR, or choose a model file.", e);
		}
		final CRC32 crc = new CRC32();
		crc.update(bytes, 0, bytes.length);
		final Path dir = Paths.get(System.getProperty("java.io.tmpdir"),
			"bonexr-models");
		final Path file = dir.resolve(String.format(
			"bonexr-separation-demo-%08x-%d.zip", crc.getValue(), bytes.length));
		if (Files.isRegularFile(file)) return file;
		try {
			Files.createDirectories(dir);
			final Path tmp = Files.createTempFile(dir, "bonexr-separation-", ".part");
			Files.write(tmp, bytes);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot write the shipped separation model to " +
				dir + ": " + e.getMessage(), "Check that the temporary folder is " +
					"writable, or choose a model file.", e);
		}
	}

	private static byte[] readAll(final InputStream in) throws IOException {
		final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		final byte[] buf = new byte[1 << 16];
		for (int n; (n = in.read(buf)) > 0;) out.write(buf, 0, n);
		return out.toByteArray();
	}
}
