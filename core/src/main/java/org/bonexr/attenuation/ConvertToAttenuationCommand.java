package org.bonexr.attenuation;

import ij.ImagePlus;

import org.bonexr.core.BoneXRCommand;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.io.ImagePlusRadiographs;
import org.bonexr.kernels.ComputeBackendService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Convert to Attenuation}: a radiograph in detected
 * intensity becomes a new 32-bit image of attenuation A = −ln(I/I0), with
 * the same pixel spacing. See {@link AttenuationConversion}.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>BoneXR>Convert to Attenuation",
	description = "Beer-Lambert conversion of a radiograph to attenuation A = -ln(I/I0), where bone layers and soft tissue add.")
public class ConvertToAttenuationCommand extends BoneXRCommand {

	/**
	 * Java heap per pixel the conversion needs besides its input image: four
	 * float copies (the radiograph, the transform's input and output arrays,
	 * the output image).
	 */
	static final double HEAP_BYTES_PER_PIXEL = 4 * Float.BYTES;

	@Parameter(label = "Radiograph")
	private ImagePlus image;

	@Parameter(label = "Open-field intensity I0 (0 = estimate)", min = "0",
		description = "Detector intensity with nothing in the beam; 0 estimates it as the median of the brightest 2% of pixels.")
	private double i0 = 0;

	@Parameter(label = "Normalise to 0..1",
		description = "Divide by the attenuation of the 0.1% darkest pixels (for display and learned models).")
	private boolean normalise = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus attenuation;

	@Parameter(type = ItemIO.OUTPUT, label = "I0 used")
	private double i0Used;

	@Parameter(type = ItemIO.OUTPUT, label = "Scale applied")
	private double scale;

	@Parameter
	private ComputeBackendService compute;

	@Override
	protected void execute() {
		MemoryBudget.require("Converting " + MemoryBudget.image(image.getWidth(), image.getHeight()) +
			" to attenuation", (long) image.getWidth() * image.getHeight(), HEAP_BYTES_PER_PIXEL);
		final Radiograph input = ImagePlusRadiographs.fromImagePlus(image);
		input.warnings().forEach(log()::warn);
		progress(0, 1, "Converting " + image.getTitle() + " to attenuation");
		final AttenuationConversion.Result r = new AttenuationConversion(compute)
			.convert(input, i0, normalise);
		attenuation = ImagePlusRadiographs.toImagePlus(r.attenuation,
			stripExtension(image.getTitle()) + "-attenuation");
		i0Used = r.i0;
		scale = r.scale;
		progress(1, 1, "Converted " + image.getTitle() + " (I0 = " + i0Used + ")");
	}

	private static String stripExtension(final String title) {
		final int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
