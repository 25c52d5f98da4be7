package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.model.BioImageModel;
import org.bonexr.model.FloatTensor;
import org.bonexr.model.ModelDescription;
import org.bonexr.model.TensorLayout;
import org.bonexr.model.Tiling;

/**
 * A bioimage.io model that fits BoneXR's layer separation contract: one
 * input channel, the radiograph in the attenuation domain (−ln I/I0); five
 * output channels, in this order, the upper (distal) bone layer, the lower
 * (proximal) bone layer and the soft-tissue layer (attenuation, same units
 * as the input), then one logit per bone mask (upper, lower; &gt; 0 inside
 * the bone). Images of any size run tiled through {@link BioImageModel}
 * (halo and blending), with the model's own pre/post-processing
 * (normalisation).
 */
public final class SeparationModel {

	/** Output channels. */
	public static final int CHANNELS = 5;

	private final BioImageModel model;

	/** Checks the contract; the model stays owned by the caller. */
	public SeparationModel(final BioImageModel model) {
		final ModelDescription d = model.description();
		final long in = d.input().hasAxis('c') ? d.input().size('c').min() : 1;
		final long out = d.output().hasAxis('c') ? d.output().size('c').min() : 1;
		if (in != 1 || out != CHANNELS || !d.input().hasAxis('x') || !d.input()
			.hasAxis('y'))
		{
			throw new BoneXRException("The model '" + d.name() + "' takes " + in +
				" channel(s) and gives " + out + "; a layer separation model takes " +
				"1 (the radiograph in attenuation) and gives " + CHANNELS +
				" (upper, lower and soft-tissue layers, upper and lower mask logits).",
				"Choose a BoneXR separation model (the shipped one: leave the model " +
					"field empty), or one trained by training/train_separation.py.");
		}
		this.model = model;
	}

	public String name() {
		return model.description().name();
	}

	/** The network's raw output for an attenuation image. */
	public static final class Output {

		/** Layer k (0 upper, 1 lower, 2 soft tissue), attenuation, row-major. */
		final float[][] layers;
		/** Mask logit of the upper (0) and lower (1) bone, row-major. */
		final float[][] logits;
		final long width;
		final long height;

		Output(final float[][] layers, final float[][] logits, final long width,
			final long height)
		{
			this.layers = layers;
			this.logits = logits;
			this.width = width;
			this.height = height;
		}
	}

	/**
	 * Runs the model on a 2D attenuation image (not modified).
	 *
	 * @param tile tile length in pixels (images up to this size run whole)
	 * @param progress told after each tile (may be null)
	 */
	public Output predict(final RandomAccessibleInterval<FloatType> attenuation,
		final long tile, final Tiling.Progress progress)
	{
		final FloatTensor out = model.predict(TensorLayout.fromImage(attenuation),
			tile, progress);
		final int plane = (int) (out.size(1) * out.size(2));
		final float[] data = out.data();
		final float[][] layers = new float[3][], logits = new float[2][];
		for (int k = 0; k < CHANNELS; k++) {
			final float[] c = new float[plane];
			System.arraycopy(data, k * plane, c, 0, plane);
			if (k < 3) layers[k] = c;
			else logits[k - 3] = c;
		}
		return new Output(layers, logits, out.size(2), out.size(1));
	}
}
