package org.bonexr.phantom;

import java.io.File;
import java.nio.file.Path;

import org.bonexr.core.BoneXRCommand;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Phantoms>Write Joint Phantom Dataset}: writes a
 * seeded dataset of joint radiograph phantoms ({@link JointDataset}: images,
 * layers, masks and JSON ground truth) for training and testing; the same
 * seed gives the same files.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Phantoms>Write Joint Phantom Dataset",
	description = "Seeded joint phantoms with layers, masks and true JSW (synthetic, for training and tests).")
public class WriteJointDatasetCommand extends BoneXRCommand {

	@Parameter(label = "Empty output folder", style = "directory")
	private File folder;

	@Parameter(label = "Number of samples", min = "1")
	private int samples = 100;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Image size (px)", min = "64", max = "2048")
	private int sizePx = 256;

	@Parameter(label = "Finest pixel size (mm)", min = "0.02", max = "1",
		stepSize = "0.01")
	private double finestMm = JointDataset.FINEST_SPACING_MM;

	@Parameter(label = "Coarsest pixel size (mm)", min = "0.02", max = "1",
		stepSize = "0.01")
	private double coarsestMm = JointDataset.COARSEST_SPACING_MM;

	@Override
	protected void execute() {
		final JointDataset dataset = new JointDataset(samples, seed, sizePx,
			finestMm, coarsestMm);
		final Path dir = EmptyFolder.require(folder);
		dataset.write(dir, done -> progress(done, samples, "Joint phantoms: " +
			done + " of " + samples));
	}
}
