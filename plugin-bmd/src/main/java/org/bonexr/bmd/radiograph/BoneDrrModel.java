package org.bonexr.bmd.radiograph;

import java.util.Map;

import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.MemoryBudget;
import org.bonexr.core.Radiograph;
import org.bonexr.core.ValueDomain;
import org.bonexr.model.BioImageModel;
import org.bonexr.model.FloatTensor;
import org.bonexr.model.Tiling;

/**
 * A radiograph → bone mineral DRR network (after Gu et al., Med Image Anal
 * 2023): a bioimage.io model that takes an AP radiograph in the attenuation
 * domain (−ln I/I0) at the pixel size it was trained at and returns the
 * bone-only mineral projection in g/cm².
 * <p>
 * The pixel size comes from the model's {@code config.bonexr.pixel_size_mm}
 * (written by {@code training/train.py --pixel-mm}). The radiograph is
 * resampled to it by exact area weighting (each model pixel is the mean of
 * the input over its square footprint), so the DRR's grid starts at the
 * radiograph's top-left corner; see {@link BoneDrr}.
 */
public final class BoneDrrModel {

	/** Java heap per radiograph pixel: its copy and the first resampling pass (float each). */
	static final double HEAP_BYTES_PER_PIXEL = 2 * Float.BYTES;

	/**
	 * Java heap per pixel at the model's pixel size: the resampled input, the
	 * network's output, tile buffers and blending weights, the bone DRR.
	 */
	static final double HEAP_BYTES_PER_MODEL_PIXEL = 10 * Float.BYTES;

	private final BioImageModel model;
	private final double pixelMm;

	/** @param model an opened model (not closed here) */
	public BoneDrrModel(final BioImageModel model) {
		this.model = model;
		this.pixelMm = pixelMm(model);
	}

	/** Model pixel size, mm. */
	public double pixelMm() {
		return pixelMm;
	}

	public BioImageModel model() {
		return model;
	}

	/**
	 * @param attenuation radiograph in the attenuation domain with spacing in
	 *          mm (not modified)
	 * @param progress told after each tile (may be null)
	 */
	public BoneDrr predict(final Radiograph attenuation,
		final Tiling.Progress progress)
	{
		if (attenuation.domain() != ValueDomain.ATTENUATION) {
			throw new BoneXRException("'" + attenuation.name() +
				"' is in detected intensity, but the model needs attenuation.",
				"Convert it first (Plugins>BoneXR>Convert to Attenuation).");
		}
		if (!attenuation.spacing().isKnown()) {
			throw new BoneXRException("'" + attenuation.name() +
				"' has no pixel size in mm, so an areal BMD (g/cm²) cannot be " +
				"measured on it.", "Set the pixel size (Image>Properties, unit mm; " +
					"for DICOM, Imager Pixel Spacing) and run again.");
		}
		final int w = (int) attenuation.width(), h = (int) attenuation.height();
		final long modelPixels = (long) Math.ceil(w * attenuation.spacing().xMm() / pixelMm) * (long) Math.ceil(h *
			attenuation.spacing().yMm() / pixelMm);
		MemoryBudget.require("Predicting the bone DRR of " + MemoryBudget.image(w, h), (long) Math.ceil(
			(double) w * h * HEAP_BYTES_PER_PIXEL + modelPixels * HEAP_BYTES_PER_MODEL_PIXEL));
		final float[] in = new float[w * h];
		int i = 0;
		for (final FloatType t : Views.flatIterable(attenuation.pixels())) in[i++] =
			t.get();
		final Resampling rx = new Resampling(w, attenuation.spacing().xMm(),
			pixelMm);
		final Resampling ry = new Resampling(h, attenuation.spacing().yMm(),
			pixelMm);
		final float[] resampled = ry.applyRows(rx.applyColumns(in, h), rx.size());
		final FloatTensor out = model.predict(new FloatTensor(new long[] { 1, ry
			.size(), rx.size() }, resampled), BioImageModel.DEFAULT_TILE, progress);
		return new BoneDrr(out.data(), rx.size(), ry.size(), pixelMm);
	}

	/** The model's pixel size from its rdf (config.bonexr.pixel_size_mm). */
	@SuppressWarnings("unchecked")
	static double pixelMm(final BioImageModel model) {
		final Object config = model.description().rdf().get("config");
		Object v = null;
		if (config instanceof Map) {
			final Object b = ((Map<String, Object>) config).get("bonexr");
			if (b instanceof Map) v = ((Map<String, Object>) b).get("pixel_size_mm");
		}
		if (!(v instanceof Number) || !(((Number) v).doubleValue() > 0)) {
			throw new BoneXRException("The model " + model.description().name() +
				" does not say which pixel size it was trained at.",
				"Use a model trained by BoneXR's training/train.py with --pixel-mm " +
					"(config.bonexr.pixel_size_mm in rdf.yaml).");
		}
		return ((Number) v).doubleValue();
	}

	/**
	 * Exact area-weighted resampling along one axis: output pixel j covers
	 * [j·q, (j+1)·q) mm of an input with pixels of p mm, and is the mean of the
	 * input over the part of that interval the input covers.
	 */
	static final class Resampling {

		private final int size;
		private final int[][] index;
		private final double[][] weight;

		Resampling(final int n, final double p, final double q) {
			size = Math.max(1, (int) Math.round(n * p / q));
			index = new int[size][];
			weight = new double[size][];
			for (int j = 0; j < size; j++) {
				final double a = j * q, b = Math.min((j + 1) * q, n * p);
				final int k0 = (int) Math.floor(a / p);
				final int k1 = Math.min(n - 1, (int) Math.ceil(b / p) - 1);
				final int m = Math.max(0, k1 - k0 + 1);
				index[j] = new int[m];
				weight[j] = new double[m];
				double total = 0;
				for (int k = k0; k <= k1; k++) {
					final double len = Math.min(b, (k + 1) * p) - Math.max(a, k * p);
					index[j][k - k0] = k;
					weight[j][k - k0] = Math.max(0, len);
					total += Math.max(0, len);
				}
				if (m == 0 || total <= 0) { // output beyond the input: nearest pixel
					index[j] = new int[] { Math.min(n - 1, (int) (a / p)) };
					weight[j] = new double[] { 1 };
					total = 1;
				}
				for (int k = 0; k < weight[j].length; k++) weight[j][k] /= total;
			}
		}

		int size() {
			return size;
		}

		/** Resamples each row (length n) of an n × rows image. */
		float[] applyColumns(final float[] img, final int rows) {
			final int n = img.length / rows;
			final float[] out = new float[size * rows];
			for (int r = 0; r < rows; r++) {
				for (int j = 0; j < size; j++) {
					double s = 0;
					for (int k = 0; k < index[j].length; k++) s += weight[j][k] * img[r *
						n + index[j][k]];
					out[r * size + j] = (float) s;
				}
			}
			return out;
		}

		/** Resamples each column (length n) of a width × n image. */
		float[] applyRows(final float[] img, final int width) {
			final float[] out = new float[width * size];
			for (int j = 0; j < size; j++) {
				for (int c = 0; c < width; c++) {
					double s = 0;
					for (int k = 0; k < index[j].length; k++) s += weight[j][k] *
						img[index[j][k] * width + c];
					out[j * width + c] = (float) s;
				}
			}
			return out;
		}
	}
}
