package org.bonexr.separation;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.model.BioImageModel;
import org.bonexr.model.Tiling;
import org.bonexr.separation.PhysicsReconstructor.Distribution;

/**
 * Bone layer separation of a joint radiograph in the attenuation domain:
 * <ol>
 * <li>the {@link SeparationModel} predicts the upper (distal), lower
 * (proximal) and soft-tissue layers and the bone mask logits, tiled for any
 * image size;</li>
 * <li>masks: the given ones, or the predicted ones
 * ({@link JointBoneSegmenter});</li>
 * <li>each bone layer is set to 0 outside its mask dilated by
 * {@value #SUPPORT_PX} pixels (a bone has no attenuation outside itself;
 * the rim keeps the partial-volume edge);</li>
 * <li>the {@link PhysicsReconstructor} measures the residual and, when
 * asked (default), projects the layers onto "upper + lower + soft tissue =
 * input" ({@link Distribution#PROPORTIONAL} by default: a bone layer that is
 * 0 outside its support stays 0 there, so what it lost goes to the soft
 * tissue).</li>
 * </ol>
 * The input is not modified; the layers keep its pixel spacing. Usable from
 * scripts: {@code new LayerSeparator(new SeparationModel(model)).separate(r,
 * null, null)}.
 */
public final class LayerSeparator {

	/** Dilation of the masks that bounds each bone layer, pixels. */
	public static final int SUPPORT_PX = 2;

	private final SeparationModel model;
	private final long tile;
	private final boolean project;
	private final Distribution distribution;

	/** Default tile, projection on, proportional distribution. */
	public LayerSeparator(final SeparationModel model) {
		this(model, BioImageModel.DEFAULT_TILE, true, Distribution.PROPORTIONAL);
	}

	/**
	 * @param tile tile length in pixels (≥ 64)
	 * @param project whether to make the layers add up to the input exactly
	 * @param distribution how the residual is shared when projecting
	 */
	public LayerSeparator(final SeparationModel model, final long tile,
		final boolean project, final Distribution distribution)
	{
		if (tile < 64) {
			throw new BoneXRException("A tile of " + tile + " pixels is too small.",
				"Use tiles of at least 64 pixels (512 is a good default).");
		}
		this.model = model;
		this.tile = tile;
		this.project = project;
		this.distribution = distribution;
	}

	/**
	 * @param attenuation the radiograph in the attenuation domain
	 * @param masks the bones' masks, or null to predict them
	 * @param progress told after each tile (may be null)
	 */
	public SeparationResult separate(final Radiograph attenuation,
		final BoneMasks masks, final Tiling.Progress progress)
	{
		if (attenuation.domain() != ValueDomain.ATTENUATION) {
			throw new BoneXRException("'" + attenuation.name() + "' is in the " +
				attenuation.domain() + " domain; layers add up only in attenuation.",
				"Convert it first (Plugins>BoneXR>Convert to Attenuation), or use " +
					"Separate Bone Layers, which converts intensity images itself.");
		}
		if (masks != null && (masks.width() != attenuation.width() || masks
			.height() != attenuation.height()))
		{
			throw new BoneXRException("The masks (" + masks.width() + " x " + masks
				.height() + ") do not cover the radiograph (" + attenuation.width() +
				" x " + attenuation.height() + ").",
				"Give masks of the radiograph's size, or none to predict them.");
		}
		final SeparationModel.Output out = model.predict(attenuation.pixels(), tile,
			progress);
		final BoneMasks used = masks != null ? masks : JointBoneSegmenter
			.fromLogits(out);
		final BoneMasks support = used.dilate(SUPPORT_PX);
		final float[] upper = out.layers[0], lower = out.layers[1];
		for (int i = 0; i < upper.length; i++) {
			if (!support.inUpper(i)) upper[i] = 0;
			if (!support.inLower(i)) lower[i] = 0;
		}
		final long w = attenuation.width(), h = attenuation.height();
		final Layers raw = new Layers(Pixels.image(upper, w, h), Pixels.image(lower,
			w, h), Pixels.image(out.layers[2], w, h), attenuation.spacing());
		final Residual before = PhysicsReconstructor.residual(attenuation.pixels(),
			raw);
		if (!project) {
			return new SeparationResult(raw, used, masks == null, before, before,
				false);
		}
		final Layers exact = PhysicsReconstructor.project(attenuation.pixels(), raw,
			distribution);
		return new SeparationResult(exact, used, masks == null, before,
			PhysicsReconstructor.residual(attenuation.pixels(), exact), true);
	}
}
