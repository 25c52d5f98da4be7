package org.bonexr.phantom;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.bonexr.core.BoneXRException;

/**
 * Turns an ideal attenuation image A = Σ∫μ dl into what a detector records,
 * in this order:
 * <ol>
 * <li>primary intensity I_p = I0·exp(−A), I0 in photons per pixel;</li>
 * <li>scatter: I = (1 − f)·I_p + f·(G_σ ∗ I_p), a Gaussian of width σ (mm)
 * carrying the scatter fraction f of the signal (the open field stays at
 * I0); mirrored at the image border;</li>
 * <li>quantum noise: each pixel is a Poisson count with mean I (exact
 * sampling by inversion below a mean of 30, the normal approximation
 * round(I + √I·g) above);</li>
 * <li>optional JPEG: an 8-bit rendering g = round(255·I/I0) (clamped to
 * 0–255) is written by the javax.imageio JPEG writer at the given quality
 * (1–100) and read back; I = g·I0/255. With {@code jpegLogEncoding}, the
 * 8-bit rendering is instead linear in attenuation, as clinical JPEG exports
 * of log-processed radiographs are: g = round(255·(1 − A/A_max)) with A =
 * −ln(I/I0), A_max = {@value #JPEG_LOG_MAX_ATTENUATION}, and back
 * I = I0·exp(−A_max·(1 − g/255)).</li>
 * </ol>
 * The attenuation of the result is −ln(max(I, 0.5)/I0) (a zero count is
 * taken as half a photon). Immutable; randomness only from the given seed.
 */
public final class XrayDegradation {

	private static final int POISSON_EXACT_BELOW = 30;

	/** Attenuation mapped to grey 0 by the log JPEG encoding. */
	public static final double JPEG_LOG_MAX_ATTENUATION = 6;

	private final double i0;
	private final boolean quantumNoise;
	private final double scatterFraction;
	private final double scatterSigmaMm;
	private final int jpegQuality;
	private final boolean jpegLogEncoding;

	private XrayDegradation(final Builder b) {
		i0 = b.i0;
		quantumNoise = b.quantumNoise;
		scatterFraction = b.scatterFraction;
		scatterSigmaMm = b.scatterSigmaMm;
		jpegQuality = b.jpegQuality;
		jpegLogEncoding = b.jpegLogEncoding;
	}

	/** Defaults: I0 = 20000 photons/pixel, noise on, 10% scatter of σ 3 mm, no JPEG. */
	public static Builder builder() {
		return new Builder();
	}

	/** No scatter, no noise, no JPEG (I0 = 20000): the ideal image. */
	public static XrayDegradation none() {
		return builder().quantumNoise(false).scatter(0, 3).build();
	}

	public Builder toBuilder() {
		return new Builder().i0(i0).quantumNoise(quantumNoise).scatter(
			scatterFraction, scatterSigmaMm).jpegQuality(jpegQuality)
			.jpegLogEncoding(jpegLogEncoding);
	}

	/** The same detector's scatter alone: no quantum noise, no JPEG. */
	public XrayDegradation scatterOnly() {
		return toBuilder().quantumNoise(false).jpegQuality(0).build();
	}

	/** The same detector without scatter: quantum noise and JPEG only. */
	public XrayDegradation withoutScatter() {
		return toBuilder().scatter(0, scatterSigmaMm).build();
	}

	/** Open-field photon count per pixel. */
	public double i0() {
		return i0;
	}

	public int jpegQuality() {
		return jpegQuality;
	}

	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("i0Photons", i0);
		m.put("quantumNoise", quantumNoise);
		m.put("scatterFraction", scatterFraction);
		m.put("scatterSigmaMm", scatterSigmaMm);
		m.put("jpegQuality", jpegQuality);
		if (jpegLogEncoding) m.put("jpegLogEncoding", true);
		return m;
	}

	/** A degraded image: detected counts and their attenuation. */
	public static final class Detected {

		public final float[] intensity;
		public final float[] attenuation;
		/** Size of the JPEG stream in bytes, or −1 without JPEG. */
		public final int jpegBytes;

		Detected(final float[] intensity, final float[] attenuation,
			final int jpegBytes)
		{
			this.intensity = intensity;
			this.attenuation = attenuation;
			this.jpegBytes = jpegBytes;
		}
	}

	/**
	 * @param attenuation ideal attenuation, row-major w×h (not modified)
	 * @param spacingMm pixel size, for the scatter kernel
	 * @param seed seed of the quantum noise
	 */
	public Detected apply(final float[] attenuation, final int w, final int h,
		final double spacingMm, final long seed)
	{
		final int n = w * h;
		final double[] primary = new double[n];
		for (int i = 0; i < n; i++) {
			primary[i] = i0 * Math.exp(-attenuation[i]);
		}
		final double[] detected = scatter(primary, w, h, spacingMm);
		if (quantumNoise) {
			final SplittableRandom random = new SplittableRandom(seed);
			for (int i = 0; i < n; i++) {
				detected[i] = poisson(detected[i], random);
			}
		}
		int jpegBytes = -1;
		if (jpegQuality > 0) {
			jpegBytes = jpegRoundTrip(detected, w, h);
		}
		final float[] intensity = new float[n];
		final float[] att = new float[n];
		for (int i = 0; i < n; i++) {
			intensity[i] = (float) detected[i];
			att[i] = (float) -Math.log(Math.max(detected[i], 0.5) / i0);
		}
		return new Detected(intensity, att, jpegBytes);
	}

	private double[] scatter(final double[] primary, final int w, final int h,
		final double spacingMm)
	{
		final double sigmaPx = scatterSigmaMm / spacingMm;
		if (scatterFraction == 0 || sigmaPx < 0.3) return primary.clone();
		final double[] blurred = GaussianBlur.blur(primary, w, h, sigmaPx);
		final double[] out = new double[primary.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = (1 - scatterFraction) * primary[i] + scatterFraction *
				blurred[i];
		}
		return out;
	}

	private static double poisson(final double mean,
		final SplittableRandom random)
	{
		if (mean <= 0) return 0;
		if (mean >= POISSON_EXACT_BELOW) {
			return Math.max(0, Math.rint(mean + Math.sqrt(mean) * gaussian(
				random)));
		}
		// inversion: walk the cumulative distribution
		double p = Math.exp(-mean);
		double cumulative = p;
		final double u = random.nextDouble();
		int k = 0;
		while (u > cumulative && k < 1000) {
			k++;
			p *= mean / k;
			cumulative += p;
		}
		return k;
	}

	private static double gaussian(final SplittableRandom random) {
		// Box–Muller, one value per call keeps the stream simple and seeded
		final double u1 = 1 - random.nextDouble();
		final double u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

	/** Replaces the counts by their 8-bit JPEG round trip; returns the JPEG size. */
	private int jpegRoundTrip(final double[] counts, final int w, final int h) {
		final BufferedImage gray = new BufferedImage(w, h,
			BufferedImage.TYPE_BYTE_GRAY);
		final int[] g = new int[counts.length];
		for (int i = 0; i < g.length; i++) {
			final double v = jpegLogEncoding ? 1 + Math.log(Math.max(counts[i], 0.5) /
				i0) / JPEG_LOG_MAX_ATTENUATION : counts[i] / i0;
			g[i] = (int) Math.max(0, Math.min(255, Math.rint(255 * v)));
		}
		gray.getRaster().setSamples(0, 0, w, h, 0, g);
		final byte[] bytes;
		try {
			final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(
				"jpeg");
			final ImageWriter writer = writers.next();
			final ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(jpegQuality / 100f);
			final ByteArrayOutputStream bos = new ByteArrayOutputStream();
			try (ImageOutputStream ios = ImageIO.createImageOutputStream(bos)) {
				writer.setOutput(ios);
				writer.write(null, new IIOImage(gray, null, null), param);
			}
			finally {
				writer.dispose();
			}
			bytes = bos.toByteArray();
			final BufferedImage back = ImageIO.read(new ByteArrayInputStream(
				bytes));
			back.getRaster().getSamples(0, 0, w, h, 0, g);
		}
		catch (final IOException e) {
			throw new BoneXRException("JPEG compression of the phantom failed: " +
				e.getMessage(), "Run without JPEG (quality 0).", e);
		}
		for (int i = 0; i < g.length; i++) {
			counts[i] = jpegLogEncoding ? i0 * Math.exp(-JPEG_LOG_MAX_ATTENUATION *
				(1 - g[i] / 255.0)) : g[i] * i0 / 255;
		}
		return bytes.length;
	}

	/** Mutable builder. */
	public static final class Builder {

		private double i0 = 20000;
		private boolean quantumNoise = true;
		private double scatterFraction = 0.1;
		private double scatterSigmaMm = 3;
		private int jpegQuality = 0;
		private boolean jpegLogEncoding = false;

		private Builder() {}

		/** Open-field photons per pixel (&gt; 0). */
		public Builder i0(final double v) {
			i0 = v;
			return this;
		}

		public Builder quantumNoise(final boolean v) {
			quantumNoise = v;
			return this;
		}

		/** Scatter fraction in [0, 1) and Gaussian kernel σ in mm. */
		public Builder scatter(final double fraction, final double sigmaMm) {
			scatterFraction = fraction;
			scatterSigmaMm = sigmaMm;
			return this;
		}

		/** JPEG quality 1–100, or 0 for none. */
		public Builder jpegQuality(final int v) {
			jpegQuality = v;
			return this;
		}

		/** 8-bit JPEG rendering linear in attenuation instead of intensity. */
		public Builder jpegLogEncoding(final boolean v) {
			jpegLogEncoding = v;
			return this;
		}

		public XrayDegradation build() {
			if (!(i0 > 0) || Double.isInfinite(i0)) {
				throw new BoneXRException("I0 = " + i0 + " photons is not valid.",
					"Use a positive photon count per pixel, e.g. 20000.");
			}
			if (!(scatterFraction >= 0 && scatterFraction < 1) ||
				!(scatterSigmaMm >= 0))
			{
				throw new BoneXRException("Scatter fraction " + scatterFraction +
					" or width " + scatterSigmaMm + " mm is not valid.",
					"Use a fraction in [0, 1) and a width ≥ 0 mm.");
			}
			if (jpegQuality < 0 || jpegQuality > 100) {
				throw new BoneXRException("JPEG quality " + jpegQuality +
					" is out of range.", "Use 1–100, or 0 for no JPEG.");
			}
			return new XrayDegradation(this);
		}
	}
}
