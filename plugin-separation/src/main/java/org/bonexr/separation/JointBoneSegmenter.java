package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.model.Tiling;

/**
 * Masks of the two bones of a joint without manual annotation: the
 * separation model's mask logits (channels 4 and 5 of
 * {@link SeparationModel}) thresholded at 0 (probability 0.5), each bone
 * kept as its largest 8-connected component (drops isolated false
 * positives, e.g. in noise or at the image border).
 */
public final class JointBoneSegmenter {

	private JointBoneSegmenter() {}

	/** Segments the bones of an attenuation image with the model. */
	public static BoneMasks segment(final SeparationModel model,
		final RandomAccessibleInterval<FloatType> attenuation, final long tile,
		final Tiling.Progress progress)
	{
		return fromLogits(model.predict(attenuation, tile, progress));
	}

	/** Masks from a model output; both bones must be found. */
	static BoneMasks fromLogits(final SeparationModel.Output out) {
		final int w = (int) out.width, h = (int) out.height;
		final byte[] upper = largestComponent(out.logits[0], w, h);
		final byte[] lower = largestComponent(out.logits[1], w, h);
		final BoneMasks m = new BoneMasks(upper, lower, w, h);
		if (m.area(true) == 0 || m.area(false) == 0) {
			throw new BoneXRException("The model found " + (m.area(true) == 0
				? "no upper (distal) bone" : "no lower (proximal) bone") +
				" in the image.", "Select a ROI around the joint with both bones " +
					"(joint roughly horizontal, distal bone on top), give the image in " +
					"attenuation or intensity of a radiograph, or give masks.");
		}
		return m;
	}

	/** 1 on the largest 8-connected component of logit &gt; 0, else 0. */
	static byte[] largestComponent(final float[] logit, final int w,
		final int h)
	{
		final int[] label = new int[logit.length];
		final int[] stack = new int[logit.length];
		int best = 0, bestSize = 0, next = 0;
		for (int seed = 0; seed < logit.length; seed++) {
			if (!(logit[seed] > 0) || label[seed] != 0) continue;
			final int id = ++next;
			int top = 0, size = 0;
			stack[top++] = seed;
			label[seed] = id;
			while (top > 0) {
				final int p = stack[--top];
				size++;
				final int px = p % w, py = p / w;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						final int x = px + dx, y = py + dy;
						if (x < 0 || y < 0 || x >= w || y >= h) continue;
						final int q = y * w + x;
						if (label[q] == 0 && logit[q] > 0) {
							label[q] = id;
							stack[top++] = q;
						}
					}
				}
			}
			if (size > bestSize) {
				bestSize = size;
				best = id;
			}
		}
		final byte[] m = new byte[logit.length];
		for (int i = 0; i < m.length; i++) m[i] = (byte) (best != 0 &&
			label[i] == best ? 1 : 0);
		return m;
	}
}
