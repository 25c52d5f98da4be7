package org.bonexr.model;

import java.util.Arrays;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.ComputeBackend;
import org.bonexr.kernels.TileAccumulator;
import org.bonexr.kernels.TileBlendJava;

/**
 * Runs an image-to-image model on an image of any size by overlapping tiles
 * whose borders (the halo) are dropped and whose overlaps are blended.
 * <p>
 * Along each axis the tiles have a length the model accepts, start at
 * multiples of the model's size step from the image origin (so a network
 * with pooling sees every tile on the same grid as the whole image) and
 * overlap by at least {@code 2·halo + ramp} pixels. Beyond the image's right
 * and bottom edges tiles read the image mirrored. Each tile's output is
 * weighted by a separable window that is 0 in the halo next to a
 * neighbouring tile, rises as {@code sin²} over {@code ramp} pixels and is 1
 * inside; the merged image is the weighted sum divided by the summed
 * weights. Sides that lie on the image border are not cut (there is nothing
 * beyond them). Hence a model whose receptive field fits in its halo gives
 * the whole-image result away from the image borders, up to float rounding,
 * and a constant result stays constant.
 * <p>
 * The blending (weighted sums, final division) runs on the compute backend:
 * on an OpenCL device the sums stay there from the first tile to the end
 * ({@link ComputeBackend#tileAccumulator}), otherwise in the Java twin.
 */
public final class Tiling {

	/** A model that maps one {@code cyx} tile to a {@code cyx} tile of the same height and width. */
	@FunctionalInterface
	public interface TileModel {

		FloatTensor apply(FloatTensor cyxTile);
	}

	/** Told after each tile. */
	@FunctionalInterface
	public interface Progress {

		void tileDone(int done, int total);
	}

	private final AxisSize ruleY;
	private final AxisSize ruleX;
	private final int haloY;
	private final int haloX;
	private final long preferredTile;

	/**
	 * @param ruleY allowed tile heights
	 * @param ruleX allowed tile widths
	 * @param haloY pixels dropped at the top and bottom of a tile's output
	 * @param haloX pixels dropped at the left and right of a tile's output
	 * @param preferredTile tile length (pixels) to use when the image is larger;
	 *          rounded up to an allowed length
	 */
	public Tiling(final AxisSize ruleY, final AxisSize ruleX, final int haloY,
		final int haloX, final long preferredTile)
	{
		this.ruleY = ruleY;
		this.ruleX = ruleX;
		this.haloY = haloY;
		this.haloX = haloX;
		this.preferredTile = preferredTile;
	}

	/** The tiling a model's contract allows, with the given preferred tile length. */
	public static Tiling of(final ModelDescription d, final long preferredTile) {
		return new Tiling(d.input().size('y'), d.input().size('x'), d.output()
			.halo('y'), d.output().halo('x'), preferredTile);
	}

	/** Tile positions along one axis of length {@code n}. */
	static final class AxisPlan {

		final long tile;
		final long[] starts;
		final int halo;
		final int ramp;

		AxisPlan(final long tile, final long[] starts, final int halo,
			final int ramp)
		{
			this.tile = tile;
			this.starts = starts;
			this.halo = halo;
			this.ramp = ramp;
		}

		/** Blending weights of tile {@code i}, one per local position. */
		float[] weights(final int i) {
			final float[] w = new float[(int) tile];
			for (int u = 0; u < w.length; u++) w[u] = (float) weight(i, u);
			return w;
		}

		/** Blending weight of local position {@code u} in tile {@code i}. */
		double weight(final int i, final long u) {
			double d = Double.POSITIVE_INFINITY;
			if (i > 0) d = u - halo;
			if (i < starts.length - 1) d = Math.min(d, tile - 1 - u - halo);
			if (d < 0) return 0;
			if (d >= ramp) return 1;
			final double s = Math.sin(Math.PI / 2 * (d + 1) / (ramp + 1));
			return s * s;
		}
	}

	static AxisPlan plan(final long n, final AxisSize rule, final int halo,
		final long preferred, final char axis)
	{
		final long tile = rule.atLeast(Math.min(n, preferred));
		if (tile >= n) return new AxisPlan(tile, new long[] { 0 }, halo, 0);
		final long align = rule.isParameterized() ? rule.step() : 1;
		int ramp = Math.max(halo, 8);
		long stride = (tile - 2L * halo - ramp) / align * align;
		if (stride < align) {
			ramp = 1;
			stride = (tile - 2L * halo - ramp) / align * align;
		}
		if (stride < 1) {
			throw new BoneXRException("Tiles of " + tile + " pixels along " + axis +
				" are too small for the model's halo of " + halo + " pixels.",
				"Choose a larger tile size (at least " + (2 * halo + 2 * align) + ").");
		}
		final int count = (int) ((n - tile + stride - 1) / stride) + 1;
		final long[] starts = new long[count];
		for (int i = 0; i < count; i++) starts[i] = i * stride;
		return new AxisPlan(tile, starts, halo, ramp);
	}

	/** Number of tiles an image of this size needs. */
	public int tileCount(final long height, final long width) {
		return plan(height, ruleY, haloY, preferredTile, 'y').starts.length *
			plan(width, ruleX, haloX, preferredTile, 'x').starts.length;
	}

	/**
	 * Runs {@code model} tile by tile on a {@code cyx} image, blending in Java.
	 *
	 * @param image input, not modified
	 * @param model the per-tile model
	 * @param progress told after each tile (may be null)
	 * @return the merged {@code cyx} output, as high and wide as the input
	 */
	public FloatTensor run(final FloatTensor image, final TileModel model,
		final Progress progress)
	{
		return run(image, model, progress, null);
	}

	/**
	 * Runs {@code model} tile by tile on a {@code cyx} image.
	 *
	 * @param image input, not modified
	 * @param model the per-tile model
	 * @param progress told after each tile (may be null)
	 * @param compute where the blending runs (null: the Java twin)
	 * @return the merged {@code cyx} output, as high and wide as the input
	 */
	public FloatTensor run(final FloatTensor image, final TileModel model,
		final Progress progress, final ComputeBackend compute)
	{
		final int c = (int) image.size(0), h = (int) image.size(1), w = (int) image
			.size(2);
		final AxisPlan py = plan(h, ruleY, haloY, preferredTile, 'y');
		final AxisPlan px = plan(w, ruleX, haloX, preferredTile, 'x');
		final int th = (int) py.tile, tw = (int) px.tile;
		final int total = py.starts.length * px.starts.length;
		TileAccumulator merged = null;
		int outC = -1;
		int done = 0;
		try {
			for (int iy = 0; iy < py.starts.length; iy++) {
				final float[] wy = py.weights(iy);
				for (int ix = 0; ix < px.starts.length; ix++) {
					final int y0 = (int) py.starts[iy], x0 = (int) px.starts[ix];
					final FloatTensor tile = extract(image, c, h, w, y0, x0, th, tw);
					final FloatTensor out = model.apply(tile);
					if (out.rank() != 3 || out.size(1) != th || out.size(2) != tw) {
						throw new BoneXRException("The model returned a tile of shape " +
							Arrays.toString(out.shape()) + " for an input tile of " + th + " x " +
							tw + " pixels.",
							"Use a model whose output has its input's height and width, " +
								"as its rdf.yaml must declare.");
					}
					if (merged == null) {
						outC = (int) out.size(0);
						FloatTensor.toIntCount(new long[] { outC, h, w });
						merged = compute == null ? new TileBlendJava(outC, h, w) : compute
							.tileAccumulator(outC, h, w);
					}
					merged.add(out.data(), th, tw, y0, x0, wy, px.weights(ix));
					if (progress != null) progress.tileDone(++done, total);
				}
			}
			return new FloatTensor(new long[] { outC, h, w }, merged.result());
		}
		finally {
			if (merged != null) merged.close();
		}
	}

	/** A tile of the image; positions beyond the right/bottom edge read it mirrored. */
	private static FloatTensor extract(final FloatTensor image, final int c,
		final int h, final int w, final int y0, final int x0, final int th,
		final int tw)
	{
		final float[] src = image.data();
		final float[] dst = new float[c * th * tw];
		final int[] xs = new int[tw];
		for (int u = 0; u < tw; u++) xs[u] = mirror(x0 + u, w);
		for (int k = 0; k < c; k++) {
			for (int v = 0; v < th; v++) {
				final int srcRow = (k * h + mirror(y0 + v, h)) * w;
				final int dstRow = (k * th + v) * tw;
				if (x0 + tw <= w) System.arraycopy(src, srcRow + x0, dst, dstRow, tw);
				else for (int u = 0; u < tw; u++) dst[dstRow + u] = src[srcRow + xs[u]];
			}
		}
		return new FloatTensor(new long[] { c, th, tw }, dst);
	}

	/** Reflection without repeating the edge pixel (NumPy's "reflect"). */
	static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		int j = Math.floorMod(i, period);
		if (j >= n) j = period - j;
		return j;
	}
}
