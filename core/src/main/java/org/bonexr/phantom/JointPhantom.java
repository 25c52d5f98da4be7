package org.bonexr.phantom;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.bonexr.core.PixelSpacing;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.phantom.shape.Intervals;
import org.bonexr.phantom.shape.Solid;

/**
 * A synthetic radiograph of a finger joint (MCP/PIP-like) with ground truth:
 * the proximal bone at the bottom of the image (shaft and rounded head), the
 * distal bone on top (shaft and concave base), in soft tissue.
 * <p>
 * Method: each pixel is the average of n×n parallel rays along the beam (z),
 * and each ray's attenuation is the exact line integral of μ through the
 * solids ({@link JointGeometry}): closed-form chord lengths through quadrics
 * combined by exact interval arithmetic, so the cortical shell (outer minus
 * inner solid, μ_cortical), the trabecular core (μ_trabecular modulated by a
 * seeded {@link TrabecularTexture}, also integrated in closed form) and the
 * soft tissue (μ_soft) are projected without any voxel grid. Everything
 * random comes from the seed: same parameters and seed, same pixels.
 * <p>
 * Conventions: image x to the right, y down; the joint axis points up (to
 * the distal bone) and may be turned by {@code axisAngleDeg}; the joint
 * centre is the image centre plus the offset; lengths in mm.
 */
public final class JointPhantom {

	private JointPhantom() {}

	/** Renders the phantom described by the parameters. */
	public static JointPhantomResult render(final JointPhantomParameters p) {
		final JointGeometry g = new JointGeometry(p);
		final SplittableRandom root = new SplittableRandom(p.seed);
		final TrabecularTexture proximalTexture = new TrabecularTexture(
			p.textureContrast, p.textureWavelengthMm, root.split());
		final TrabecularTexture distalTexture = new TrabecularTexture(
			p.textureContrast, p.textureWavelengthMm, root.split());
		final long noiseSeed = root.nextLong();

		final int w = p.widthPx(), h = p.heightPx();
		final float[] soft = new float[w * h];
		final float[] proximal = new float[w * h];
		final float[] distal = new float[w * h];
		final float[] sum = new float[w * h];
		final float[] proximalCover = new float[w * h];
		final float[] distalCover = new float[w * h];
		final ImageFrame frame = new ImageFrame(p);
		final int n = p.supersampling;
		final double muBoneCort = p.muCorticalPerMm - p.muSoftPerMm;
		final double muBoneTrab = p.muTrabecularPerMm - p.muSoftPerMm;

		IntStream.range(0, h).parallel().forEach(y -> {
			final double[] d = { 0, 0, 1 };
			final double[] localD = g.flexion.toLocalDirection(d);
			for (int x = 0; x < w; x++) {
				double s = 0, pb = 0, db = 0;
				int pHits = 0, dHits = 0;
				for (int sy = 0; sy < n; sy++) {
					for (int sx = 0; sx < n; sx++) {
						final double[] o = frame.toBone(x + (sx + 0.5) / n, y + (sy +
							0.5) / n);
						s += p.muSoftPerMm * g.softTissue.intersect(o, d).length();
						final double bp = bone(g.proximalOuter, g.proximalInner,
							proximalTexture, o, d, muBoneCort, muBoneTrab,
							p.muTrabecularPerMm);
						if (!Double.isNaN(bp)) {
							pb += bp;
							pHits++;
						}
						final double[] localO = g.flexion.toLocalPoint(o);
						final double bd = bone(g.distalOuter, g.distalInner,
							distalTexture, localO, localD, muBoneCort, muBoneTrab,
							p.muTrabecularPerMm);
						if (!Double.isNaN(bd)) {
							db += bd;
							dHits++;
						}
					}
				}
				final int i = y * w + x;
				final double rays = n * n;
				soft[i] = (float) (s / rays);
				proximal[i] = (float) (pb / rays);
				distal[i] = (float) (db / rays);
				sum[i] = (float) ((s + pb + db) / rays);
				proximalCover[i] = (float) (pHits / rays);
				distalCover[i] = (float) (dHits / rays);
			}
		});

		final XrayDegradation.Detected detected = p.degradation.apply(sum, w, h,
			p.spacingMm, noiseSeed);
		final PixelSpacing spacing = PixelSpacing.mm(p.spacingMm, p.spacingMm);
		return new JointPhantomResult(p, //
			radiograph("joint phantom (attenuation)", detected.attenuation, w, h,
				spacing, ValueDomain.ATTENUATION), //
			radiograph("joint phantom (intensity)", detected.intensity, w, h,
				spacing, ValueDomain.INTENSITY), //
			radiograph("joint phantom (noise-free attenuation)", sum, w, h, spacing,
				ValueDomain.ATTENUATION), //
			radiograph("proximal bone layer", proximal, w, h, spacing,
				ValueDomain.ATTENUATION), //
			radiograph("distal bone layer", distal, w, h, spacing,
				ValueDomain.ATTENUATION), //
			radiograph("soft tissue layer", soft, w, h, spacing,
				ValueDomain.ATTENUATION), //
			mask(proximalCover, w, h), mask(distalCover, w, h), //
			ArrayImgs.floats(proximalCover, w, h), ArrayImgs.floats(distalCover, w,
				h), //
			profile(g, frame, p.spacingMm), detected.jpegBytes);
	}

	/**
	 * Excess attenuation of one ray through a bone, or NaN when the ray misses
	 * it.
	 */
	private static double bone(final Solid outer, final Solid inner,
		final TrabecularTexture texture, final double[] o, final double[] d,
		final double muCortExcess, final double muTrabExcess,
		final double muTrab)
	{
		final Intervals out = outer.intersect(o, d);
		if (out.isEmpty()) return Double.NaN;
		final Intervals in = inner.intersect(o, d);
		final double lo = out.length();
		final double li = in.length();
		return muCortExcess * (lo - li) + muTrabExcess * li + muTrab * texture
			.lineIntegral(o, d, in);
	}

	private static JswProfile profile(final JointGeometry g,
		final ImageFrame frame, final double stepMm)
	{
		final int half = (int) Math.floor(g.profileHalfWidth() / stepMm);
		final int size = 2 * half + 1;
		final double[] u = new double[size];
		final double[] jsw = new double[size];
		final double[] px = new double[size], py = new double[size];
		final double[] dx = new double[size], dy = new double[size];
		for (int i = 0; i < size; i++) {
			u[i] = (i - half) * stepMm;
			jsw[i] = g.jsw(u[i]);
			final double[] head = frame.toImage(u[i], g.headMarginV(u[i]));
			px[i] = head[0];
			py[i] = head[1];
			final double[] base = g.flexion.apply(new double[] { u[i], g
				.baseMarginV(u[i]), 0 });
			final double[] baseImage = frame.toImage(base[0], base[1]);
			dx[i] = baseImage[0];
			dy[i] = baseImage[1];
		}
		return new JswProfile(u, jsw, px, py, dx, dy);
	}

	private static Radiograph radiograph(final String name, final float[] data,
		final int w, final int h, final PixelSpacing spacing,
		final ValueDomain domain)
	{
		return new Radiograph(name, ArrayImgs.floats(data, w, h), spacing,
			domain);
	}

	private static Img<UnsignedByteType> mask(final float[] coverage,
		final int w, final int h)
	{
		final byte[] m = new byte[coverage.length];
		for (int i = 0; i < m.length; i++) {
			m[i] = (byte) (coverage[i] >= 0.5f ? 1 : 0);
		}
		return ArrayImgs.unsignedBytes(m, w, h);
	}

	/** Image pixel coordinates ↔ bone frame (u, v) in mm. */
	static final class ImageFrame {

		private final double spacing;
		private final double cx, cy;
		private final double cos, sin;

		ImageFrame(final JointPhantomParameters p) {
			spacing = p.spacingMm;
			cx = p.widthPx() * spacing / 2 + p.centreOffsetXMm;
			cy = p.heightPx() * spacing / 2 + p.centreOffsetYMm;
			cos = Math.cos(Math.toRadians(p.axisAngleDeg));
			sin = Math.sin(Math.toRadians(p.axisAngleDeg));
		}

		/** Bone-frame ray origin (u, v, 0) of image position (x, y) in px. */
		double[] toBone(final double x, final double y) {
			final double dx = x * spacing - cx;
			final double dy = cy - y * spacing;
			return new double[] { dx * cos + dy * sin, -dx * sin + dy * cos, 0 };
		}

		/** Image position (x, y) in px of bone-frame (u, v). */
		double[] toImage(final double u, final double v) {
			final double dx = u * cos - v * sin;
			final double dy = u * sin + v * cos;
			return new double[] { (cx + dx) / spacing, (cy - dy) / spacing };
		}
	}
}
