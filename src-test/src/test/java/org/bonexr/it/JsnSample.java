package org.bonexr.it;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The joint phantom in {@code sample-images/} (joint-phantom.tif: 240×320 px
 * at 0.1 mm, attenuation, true JSW 1.5 mm at the centre) and its true JSW
 * profile (joint-phantom-jsw.csv), for the JSW front-door tests.
 */
final class JsnSample {

	/** A rectangle across the joint's central part, px (x, y, width, height). */
	static final int[] REGION = { 90, 145, 61, 51 };
	static final String REGION_TEXT = "90,145,61,51";
	/** Accuracy goal of the issue at 0.1 mm/px: mean absolute JSW error, mm. */
	static final double ACCURACY_MM = 0.03;
	/** Pixel size of the sample, mm. */
	static final double SPACING_MM = 0.1;
	/** x of the joint centre in the sample, px (pixel i spans [i, i+1)). */
	private static final double CENTRE_X = 120;

	private JsnSample() {}

	static Path image() {
		return BuiltArtifacts.root().resolve("sample-images/joint-phantom.tif");
	}

	static Path file(final String name) {
		return BuiltArtifacts.root().resolve("sample-images").resolve(name);
	}

	static ImagePlus open() {
		return IJ.openImage(image().toString());
	}

	/**
	 * Mean true JSW (mm) over the lateral positions a measurement in
	 * {@link #REGION} uses (pixel centres x = 90.5 … 150.5), from
	 * joint-phantom-jsw.csv.
	 */
	static double trueMeanJswInRegion() throws IOException {
		final List<String> lines = Files.readAllLines(file("joint-phantom-jsw.csv"));
		final int n = lines.size() - 1;
		final double[] u = new double[n], w = new double[n];
		for (int i = 0; i < n; i++) {
			final String[] f = lines.get(i + 1).split(",");
			u[i] = Double.parseDouble(f[0]);
			w[i] = Double.parseDouble(f[1]);
		}
		return trueMeanJsw(u, w, REGION[0], REGION[2], CENTRE_X);
	}

	/**
	 * Mean of a true JSW profile (lateral positions u, mm, and JSW, mm)
	 * linearly interpolated at the pixel centres x + 0.5 … x + width − 0.5 of
	 * a region, the joint centre being at centreX px, {@link #SPACING_MM}.
	 */
	static double trueMeanJsw(final double[] u, final double[] w, final int x0,
		final int width, final double centreX)
	{
		double sum = 0;
		int count = 0;
		for (int x = x0; x < x0 + width; x++) {
			final double q = (x + 0.5 - centreX) * SPACING_MM;
			for (int i = 0; i < u.length - 1; i++) {
				if (q >= u[i] && q <= u[i + 1]) {
					sum += w[i] + (w[i + 1] - w[i]) * (q - u[i]) / (u[i + 1] - u[i]);
					count++;
					break;
				}
			}
		}
		if (count < width) throw new IllegalArgumentException("region outside the truth");
		return sum / count;
	}

	/** The phantom's true minimum JSW, mm (joint-phantom.json). */
	static final double TRUE_MIN_JSW_MM = 1.5;
}
