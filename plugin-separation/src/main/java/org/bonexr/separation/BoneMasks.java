package org.bonexr.separation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.bonexr.core.BoneXRException;

/**
 * The two bones of a joint as binary masks (1 inside, 0 outside) on the
 * radiograph's pixel grid: upper = distal bone, lower = proximal bone. They
 * may overlap (flexion). As a label image: 0 background, 1 upper, 2 lower,
 * 3 both.
 */
public final class BoneMasks {

	public static final int UPPER = 1;
	public static final int LOWER = 2;

	private final byte[] upper;
	private final byte[] lower;
	private final long width;
	private final long height;

	BoneMasks(final byte[] upper, final byte[] lower, final long width,
		final long height)
	{
		this.upper = upper;
		this.lower = lower;
		this.width = width;
		this.height = height;
	}

	/**
	 * Masks from a label image (1 upper, 2 lower, 3 both, 0 background)
	 * of the radiograph's size; both bones must be present.
	 */
	public static BoneMasks fromLabels(
		final RandomAccessibleInterval<? extends RealType<?>> labels,
		final long width, final long height)
	{
		if (labels.numDimensions() != 2 || labels.dimension(0) != width || labels
			.dimension(1) != height)
		{
			throw new BoneXRException("The mask label image (" + size(labels) +
				") does not cover the radiograph (" + width + " x " + height + ").",
				"Give a label image of the radiograph's size (or of the ROI's size " +
					"when a ROI is selected), or no masks to predict them.");
		}
		final float[] v = Pixels.floats(labels);
		final byte[] u = new byte[v.length], l = new byte[v.length];
		for (int i = 0; i < v.length; i++) {
			final int label = Math.round(v[i]);
			if (label < 0 || label > 3 || label != v[i]) {
				throw new BoneXRException("The mask label image has the value " +
					v[i] + "; labels must be 0 (background), 1 (upper bone), 2 " +
					"(lower bone) or 3 (both).", "Give a label image with these values.");
			}
			u[i] = (byte) (label & UPPER);
			l[i] = (byte) ((label & LOWER) >> 1);
		}
		final BoneMasks m = new BoneMasks(u, l, width, height);
		if (m.area(true) == 0 || m.area(false) == 0) {
			throw new BoneXRException("The mask label image has no pixels of the " +
				(m.area(true) == 0 ? "upper bone (label 1 or 3)" :
					"lower bone (label 2 or 3)") + " inside the radiograph.",
				"Label both bones, or give no masks to predict them.");
		}
		return m;
	}

	private static String size(final RandomAccessibleInterval<?> img) {
		final StringBuilder s = new StringBuilder();
		for (int d = 0; d < img.numDimensions(); d++) {
			s.append(d == 0 ? "" : " x ").append(img.dimension(d));
		}
		return s.toString();
	}

	public long width() {
		return width;
	}

	public long height() {
		return height;
	}

	/** Upper (distal) bone mask, 0/1, a copy. */
	public Img<UnsignedByteType> upper() {
		return ArrayImgs.unsignedBytes(upper.clone(), width, height);
	}

	/** Lower (proximal) bone mask, 0/1, a copy. */
	public Img<UnsignedByteType> lower() {
		return ArrayImgs.unsignedBytes(lower.clone(), width, height);
	}

	/** Label image: 1 upper, 2 lower, 3 both. */
	public Img<UnsignedByteType> labels() {
		final byte[] b = new byte[upper.length];
		for (int i = 0; i < b.length; i++) b[i] = (byte) (upper[i] + 2 * lower[i]);
		return ArrayImgs.unsignedBytes(b, width, height);
	}

	boolean inUpper(final int i) {
		return upper[i] != 0;
	}

	boolean inLower(final int i) {
		return lower[i] != 0;
	}

	/** Pixels of the upper (true) or lower (false) bone. */
	public long area(final boolean upperBone) {
		long n = 0;
		for (final byte b : upperBone ? upper : lower) n += b;
		return n;
	}

	/** Pixels in both bones (the overlap). */
	public long overlapArea() {
		long n = 0;
		for (int i = 0; i < upper.length; i++) n += upper[i] & lower[i];
		return n;
	}

	/** Each mask dilated by r pixels (square neighbourhood): the bone's support. */
	BoneMasks dilate(final int r) {
		return new BoneMasks(dilate(upper, r), dilate(lower, r), width, height);
	}

	private byte[] dilate(final byte[] m, final int r) {
		final int w = (int) width, h = (int) height;
		final byte[] rows = new byte[m.length], out = new byte[m.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				byte v = 0;
				for (int dx = Math.max(0, x - r); dx <= Math.min(w - 1, x + r) &&
					v == 0; dx++) v = m[y * w + dx];
				rows[y * w + x] = v;
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				byte v = 0;
				for (int dy = Math.max(0, y - r); dy <= Math.min(h - 1, y + r) &&
					v == 0; dy++) v = rows[dy * w + x];
				out[y * w + x] = v;
			}
		}
		return out;
	}

	/** Dice coefficient of one bone's mask with another mask (0/1 or 0/255). */
	public double dice(final boolean upperBone,
		final RandomAccessibleInterval<? extends RealType<?>> truth)
	{
		final float[] t = Pixels.floats(truth);
		final byte[] m = upperBone ? upper : lower;
		long both = 0, a = 0, b = 0;
		for (int i = 0; i < m.length; i++) {
			final boolean in = t[i] > 0;
			a += m[i];
			b += in ? 1 : 0;
			both += in && m[i] != 0 ? 1 : 0;
		}
		return a + b == 0 ? 1 : 2.0 * both / (a + b);
	}
}
