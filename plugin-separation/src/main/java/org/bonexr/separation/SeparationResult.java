package org.bonexr.separation;

/**
 * What {@link LayerSeparator} made: the layers (attenuation), the bone
 * masks used (given or predicted), the residual of the network's layers
 * against the input before any projection, and the residual of the
 * returned layers (≈ 0 when they were projected onto the constraint).
 */
public final class SeparationResult {

	private final Layers layers;
	private final BoneMasks masks;
	private final boolean masksPredicted;
	private final Residual networkResidual;
	private final Residual finalResidual;
	private final boolean projected;

	SeparationResult(final Layers layers, final BoneMasks masks,
		final boolean masksPredicted, final Residual networkResidual,
		final Residual finalResidual, final boolean projected)
	{
		this.layers = layers;
		this.masks = masks;
		this.masksPredicted = masksPredicted;
		this.networkResidual = networkResidual;
		this.finalResidual = finalResidual;
		this.projected = projected;
	}

	public Layers layers() {
		return layers;
	}

	public BoneMasks masks() {
		return masks;
	}

	/** True when the masks came from the model, false when given. */
	public boolean masksPredicted() {
		return masksPredicted;
	}

	/** Input − sum of the layers as the network (and masks) gave them. */
	public Residual networkResidual() {
		return networkResidual;
	}

	/** Input − sum of the returned layers. */
	public Residual finalResidual() {
		return finalResidual;
	}

	public boolean projected() {
		return projected;
	}
}
