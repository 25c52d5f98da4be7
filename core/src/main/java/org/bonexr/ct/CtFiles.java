package org.bonexr.ct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.bonexr.core.BoneXRException;

/**
 * Opens a CT volume from a file or folder, choosing the reader by its name:
 * {@code .nii}/{@code .nii.gz} ({@link NiftiReader}), {@code .mha}/{@code .mhd}
 * ({@link MetaImageReader}), a folder of DICOM slices or a TIFF stack
 * ({@link ImageJCtReader}).
 */
public final class CtFiles {

	private CtFiles() {}

	/** Reads the CT volume at {@code path}; voxel values as stored after rescale (HU). */
	public static CtVolume read(final Path path) throws IOException {
		if (!Files.exists(path)) {
			throw new BoneXRException("The CT file or folder " + path +
				" does not exist.", "Check the path.");
		}
		if (Files.isDirectory(path)) return ImageJCtReader.readDicomSeries(path);
		final String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".nii") || n.endsWith(".nii.gz")) return NiftiReader.read(
			path);
		if (n.endsWith(".mha") || n.endsWith(".mhd")) return MetaImageReader.read(
			path);
		return ImageJCtReader.readFile(path);
	}

	/**
	 * As {@link #read(Path)}, for the front doors: a read error becomes a
	 * {@link BoneXRException} that names the file.
	 */
	public static CtVolume read(final java.io.File file) {
		try {
			return read(file.toPath());
		}
		catch (final IOException e) {
			throw new BoneXRException("Could not read the CT " + file + ": " + e +
				".", "Check that the file or folder is readable and complete.", e);
		}
	}

	/** Skips exactly {@code n} bytes of {@code in}; EOFException when it ends first. */
	static void skipFully(final java.io.InputStream in, final long n)
		throws IOException
	{
		long left = n;
		while (left > 0) {
			final long skipped = in.skip(left);
			if (skipped > 0) left -= skipped;
			else if (in.read() < 0) throw new java.io.EOFException();
			else left--;
		}
	}

	/** File name without directory and without .nii.gz/.nii/.mha/.mhd/.tif(f). */
	static String baseName(final Path file) {
		final String n = file.getFileName().toString();
		return n.replaceFirst("(?i)(\\.nii\\.gz|\\.nii|\\.mha|\\.mhd|\\.tiff?)$",
			"");
	}
}
