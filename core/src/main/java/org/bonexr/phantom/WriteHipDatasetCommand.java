package org.bonexr.phantom;

import java.io.File;
import java.nio.file.Path;

import org.bonexr.core.BoneXRCommand;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Phantoms>Write Hip Phantom Dataset}: writes a seeded
 * dataset of AP hip radiograph phantoms ({@link HipDataset}: radiograph,
 * bone-only mineral projection in g/cm², ROI masks and true areal BMD) for
 * training and testing radiograph → BMD models; the same seed gives the same
 * files.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Phantoms>Write Hip Phantom Dataset",
	description = "Seeded hip radiograph phantoms with bone mineral projection and true aBMD (synthetic, for training and tests).")
public class WriteHipDatasetCommand extends BoneXRCommand {

	@Parameter(label = "Empty output folder", style = "directory")
	private File folder;

	@Parameter(label = "Number of samples", min = "1")
	private int samples = 100;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Pixel size (mm)", min = "0.25", max = "2")
	private double pixelMm = 1;

	@Parameter(label = "Rotation about the shaft (± degrees)", min = "0",
		max = "30")
	private double maxRotationDeg = HipDataset.DEFAULT_MAX_ROTATION_DEG;

	@Override
	protected void execute() {
		final HipDataset dataset = new HipDataset(samples, seed, pixelMm,
			maxRotationDeg);
		final Path dir = EmptyFolder.require(folder);
		dataset.write(dir, done -> progress(done, samples, "Hip phantoms: " +
			done + " of " + samples));
	}
}
