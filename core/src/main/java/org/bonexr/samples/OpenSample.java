package org.bonexr.samples;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code File>Open Samples>BoneXR ...}: opens one of the sample images
 * bundled in the BoneXR jar (made from {@code sample-images/}), with its
 * calibration. The plugins.config entry passes the file name as argument.
 */
public class OpenSample implements PlugIn {

	/** Folder of the bundled samples inside the jar. */
	static final String FOLDER = "/bonexr-samples/";

	@Override
	public void run(final String fileName) {
		final ImagePlus imp = open(fileName);
		if (imp == null) {
			IJ.error("BoneXR", "Sample '" + fileName + "' is not in this BoneXR " +
				"installation. Reinstall BoneXR from its update site.");
			return;
		}
		imp.show();
	}

	/** The bundled sample as an image, or null if it is not bundled. */
	public static ImagePlus open(final String fileName) {
		try (InputStream in = OpenSample.class.getResourceAsStream(FOLDER +
			fileName))
		{
			if (in == null) return null;
			final Path tmp = Files.createTempFile("bonexr-sample", "-" + fileName);
			try {
				Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
				final ImagePlus imp = IJ.openImage(tmp.toString());
				if (imp != null) imp.setTitle(fileName);
				return imp;
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
		catch (final IOException e) {
			return null;
		}
	}
}
