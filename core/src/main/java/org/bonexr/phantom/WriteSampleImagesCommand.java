package org.bonexr.phantom;

import java.io.File;

import org.bonexr.core.BoneXRCommand;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Phantoms>Write Sample Images}: writes the sample
 * phantoms ({@link SampleImages}) with their ground truth into an empty
 * folder. The bundled sample-images/ were made this way with seed 1.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Phantoms>Write Sample Images",
	description = "Writes the joint, hip and CT phantoms with their ground truth (synthetic, for testing).")
public class WriteSampleImagesCommand extends BoneXRCommand {

	@Parameter(label = "Empty output folder", style = "directory")
	private File folder;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Override
	protected void execute() {
		final java.nio.file.Path dir = EmptyFolder.require(folder);
		progress(0, 1, "Writing sample phantoms to " + dir);
		new SampleImages(seed).write(dir);
		progress(1, 1, "Sample phantoms written to " + dir);
	}
}
