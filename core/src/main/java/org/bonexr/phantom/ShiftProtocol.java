package org.bonexr.phantom;

import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;

/**
 * The shift protocol of the bone layer separation paper (BLS-GAN, AAAI-25)
 * for real radiographs: from a joint image whose two bones do not overlap,
 * make an image in which they do, with ground-truth layers that carry the
 * real image's texture.
 * <p>
 * Method, in the attenuation domain (where layers add):
 * <ol>
 * <li>Support of each bone: its mask dilated by {@code rimPx} pixels (the
 * partial-volume rim of the edge travels with the bone); a rim pixel claimed
 * by both goes to the upper bone.</li>
 * <li>Background B (soft tissue under the bones): the image outside both
 * supports; inside them an elliptic-section model of the limb fitted per row
 * to the soft tissue beside the bones, joined to the image by a harmonic
 * fill of the residual ({@link SoftTissueBackground}).</li>
 * <li>Bone layers: L = A − B on each support, 0 elsewhere.</li>
 * <li>Shift the upper bone (layer and mask) down by s_u and the lower bone up
 * by s_l pixels, each drawn uniformly from [min, max] (default 2–8) from the
 * seed; crop the rows that a shifted bone no longer covers (s_u at the top,
 * s_l at the bottom).</li>
 * <li>Output A' = B + L_u' + L_l'. This holds exactly (up to float
 * rounding) for the returned layers.</li>
 * </ol>
 * Approximation: the true soft tissue under a bone is not known. The model
 * is exact for a limb of elliptic section and uniform soft tissue (as in
 * {@link JointPhantom}); for real limbs the deviation from an ellipse goes
 * into the bone layers. B carries no noise or texture, so pixels a bone
 * moves away from look smoother than the rest, and the overlap carries the
 * noise of both layers.
 */
public final class ShiftProtocol {

	private final int minShiftPx;
	private final int maxShiftPx;
	private final int rimPx;
	private final int windowPx;

	/**
	 * The paper's 2–8 pixel shifts, a one-pixel rim, soft tissue fitted over
	 * 20 pixels beside the bones.
	 */
	public ShiftProtocol() {
		this(2, 8, 1, 20);
	}

	/**
	 * @param minShiftPx smallest shift of each bone, px
	 * @param maxShiftPx largest shift of each bone, px
	 * @param rimPx dilation of each mask that moves with its bone, px
	 * @param windowPx soft-tissue pixels beside the bones used to fit the
	 *          background, px on each side
	 */
	public ShiftProtocol(final int minShiftPx, final int maxShiftPx,
		final int rimPx, final int windowPx)
	{
		if (minShiftPx < 0 || maxShiftPx < minShiftPx || rimPx < 0 ||
			windowPx < 3)
		{
			throw new BoneXRException("Shift range " + minShiftPx + "–" +
				maxShiftPx + " px, rim " + rimPx + " px or window " + windowPx +
				" px is not valid.", "Use 0 ≤ minimum ≤ maximum shift, a rim ≥ 0 " +
					"and a window ≥ 3 pixels.");
		}
		this.minShiftPx = minShiftPx;
		this.maxShiftPx = maxShiftPx;
		this.rimPx = rimPx;
		this.windowPx = windowPx;
	}

	/** The overlapped image and its ground truth, all of the cropped size. */
	public static final class Result {

		public final Radiograph radiograph;
		/** Upper (distal) bone layer after its shift. */
		public final Radiograph upperLayer;
		/** Lower (proximal) bone layer after its shift. */
		public final Radiograph lowerLayer;
		/** Soft-tissue background B. */
		public final Radiograph background;
		public final RandomAccessibleInterval<UnsignedByteType> upperMask;
		public final RandomAccessibleInterval<UnsignedByteType> lowerMask;
		/** Downward shift of the upper bone, px. */
		public final int upperShiftPx;
		/** Upward shift of the lower bone, px. */
		public final int lowerShiftPx;

		Result(final Radiograph radiograph, final Radiograph upperLayer,
			final Radiograph lowerLayer, final Radiograph background,
			final RandomAccessibleInterval<UnsignedByteType> upperMask,
			final RandomAccessibleInterval<UnsignedByteType> lowerMask,
			final int upperShiftPx, final int lowerShiftPx)
		{
			this.radiograph = radiograph;
			this.upperLayer = upperLayer;
			this.lowerLayer = lowerLayer;
			this.background = background;
			this.upperMask = upperMask;
			this.lowerMask = lowerMask;
			this.upperShiftPx = upperShiftPx;
			this.lowerShiftPx = lowerShiftPx;
		}
	}

	/**
	 * @param attenuation the joint radiograph in the attenuation domain
	 * @param upperMask nonzero on the upper (distal) bone
	 * @param lowerMask nonzero on the lower (proximal) bone, not overlapping
	 *          the upper one
	 * @param seed chooses the two shifts
	 */
	public <T extends RealType<T>, U extends RealType<U>> Result apply(
		final Radiograph attenuation, final RandomAccessibleInterval<T> upperMask,
		final RandomAccessibleInterval<U> lowerMask, final long seed)
	{
		if (attenuation.domain() != ValueDomain.ATTENUATION) {
			throw new BoneXRException("The shift protocol needs the radiograph in " +
				"the attenuation domain, where bone layers add.",
				"Convert the image to attenuation first (Convert to Attenuation).");
		}
		final int w = (int) attenuation.width(), h = (int) attenuation.height();
		final boolean[] up = binary(upperMask, w, h, "upper");
		final boolean[] low = binary(lowerMask, w, h, "lower");
		checkMasks(up, low, w, h);
		if (h - 2 * maxShiftPx < 1) {
			throw new BoneXRException("The image (" + h + " rows) is too short " +
				"for shifts of up to " + maxShiftPx + " px.",
				"Use a taller joint image or smaller shifts.");
		}
		final float[] a = new float[w * h];
		int k = 0;
		for (final FloatType t : Views.flatIterable(attenuation.pixels())) {
			a[k++] = t.get();
		}

		final boolean[] upSupport = dilate(up, w, h, rimPx);
		final boolean[] lowSupport = dilate(low, w, h, rimPx);
		final boolean[] unknown = new boolean[w * h];
		for (int i = 0; i < unknown.length; i++) {
			if (upSupport[i] && low[i]) upSupport[i] = false;
			if (lowSupport[i] && (upSupport[i] || up[i])) lowSupport[i] = false;
			unknown[i] = upSupport[i] || lowSupport[i];
		}
		final double[] b = SoftTissueBackground.estimate(a, unknown, w, h,
			windowPx);

		final SplittableRandom random = new SplittableRandom(seed);
		final int su = minShiftPx + random.nextInt(maxShiftPx - minShiftPx + 1);
		final int sl = minShiftPx + random.nextInt(maxShiftPx - minShiftPx + 1);
		final int top = su, outH = h - su - sl;
		final float[] outA = new float[w * outH];
		final float[] outU = new float[w * outH];
		final float[] outL = new float[w * outH];
		final float[] outB = new float[w * outH];
		final byte[] outMu = new byte[w * outH];
		final byte[] outMl = new byte[w * outH];
		for (int y = 0; y < outH; y++) {
			final int src = y + top; // row in the input image
			final int srcU = src - su; // upper bone moved down by su
			final int srcL = src + sl; // lower bone moved up by sl
			for (int x = 0; x < w; x++) {
				final int o = y * w + x;
				final int iu = srcU * w + x, il = srcL * w + x;
				final double lu = upSupport[iu] ? a[iu] - b[iu] : 0;
				final double ll = lowSupport[il] ? a[il] - b[il] : 0;
				outU[o] = (float) lu;
				outL[o] = (float) ll;
				outB[o] = (float) b[src * w + x];
				outA[o] = (float) ((double) outB[o] + outU[o] + outL[o]);
				outMu[o] = (byte) (up[iu] ? 1 : 0);
				outMl[o] = (byte) (low[il] ? 1 : 0);
			}
		}
		return new Result(layer(attenuation, outA, w, outH), layer(attenuation,
			outU, w, outH), layer(attenuation, outL, w, outH), layer(attenuation,
				outB, w, outH), ArrayImgs.unsignedBytes(outMu, w, outH), ArrayImgs
					.unsignedBytes(outMl, w, outH), su, sl);
	}

	private static Radiograph layer(final Radiograph like, final float[] data,
		final int w, final int h)
	{
		return like.withPixels(ArrayImgs.floats(data, w, h),
			ValueDomain.ATTENUATION);
	}

	private static <T extends RealType<T>> boolean[] binary(
		final RandomAccessibleInterval<T> mask, final int w, final int h,
		final String which)
	{
		if (mask.numDimensions() != 2 || mask.dimension(0) != w || mask
			.dimension(1) != h)
		{
			throw new BoneXRException("The " + which + " bone mask does not have " +
				"the radiograph's size " + w + "×" + h + ".",
				"Give one 2D mask per bone, made on this radiograph.");
		}
		final boolean[] m = new boolean[w * h];
		int i = 0;
		boolean any = false;
		for (final T t : Views.flatIterable(mask)) {
			m[i] = t.getRealDouble() != 0;
			any |= m[i++];
		}
		if (!any) {
			throw new BoneXRException("The " + which + " bone mask is empty.",
				"Outline the " + which + " bone.");
		}
		return m;
	}

	private static void checkMasks(final boolean[] up, final boolean[] low,
		final int w, final int h)
	{
		double yUp = 0, yLow = 0;
		int nUp = 0, nLow = 0;
		for (int i = 0; i < up.length; i++) {
			if (up[i] && low[i]) {
				throw new BoneXRException("The two bone masks overlap (pixel " + i %
					w + ", " + i / w + "); the shift protocol needs bones that do not.",
					"Use an image whose bones are apart, or correct the masks.");
			}
			if (up[i]) {
				yUp += i / w;
				nUp++;
			}
			if (low[i]) {
				yLow += i / w;
				nLow++;
			}
		}
		if (yUp / nUp >= yLow / nLow) {
			throw new BoneXRException("The upper bone mask lies below the lower one.",
				"Give the distal (upper) bone first and the proximal (lower) second.");
		}
	}

	/** Square dilation by r pixels. */
	private static boolean[] dilate(final boolean[] m, final int w, final int h,
		final int r)
	{
		if (r == 0) return m.clone();
		final boolean[] rows = new boolean[m.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (!m[y * w + x]) continue;
				for (int dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r); dx++) {
					rows[y * w + dx] = true;
				}
			}
		}
		final boolean[] out = new boolean[m.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (!rows[y * w + x]) continue;
				for (int dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r); dy++) {
					out[dy * w + x] = true;
				}
			}
		}
		return out;
	}
}
