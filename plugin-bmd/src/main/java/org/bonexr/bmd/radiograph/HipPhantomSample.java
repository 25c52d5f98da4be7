package org.bonexr.bmd.radiograph;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bonexr.core.BoneXRException;
import org.bonexr.core.Radiograph;
import org.bonexr.core.io.ImagePlusRadiographs;

/**
 * One sample folder written by org.bonexr.phantom.HipDataset: the radiograph
 * (attenuation), the true bone mineral DRR (g/cm²), the truth ROI masks and
 * their true areal BMD (g/cm²).
 */
public final class HipPhantomSample {

	public final Path folder;
	public final Radiograph radiograph;
	public final BoneDrr trueMineral;
	/** Truth masks on the radiograph's grid: femoral neck, total hip. */
	public final boolean[] neckMask, totalHipMask;
	public final double neckBmd, totalHipBmd;
	/** The text of truth.json. */
	public final String truthJson;

	public HipPhantomSample(final Path folder) {
		this.folder = folder;
		radiograph = ImagePlusRadiographs.fromImagePlus(open(folder.resolve(
			"radiograph.tif")));
		trueMineral = BoneDrr.of(ImagePlusRadiographs.fromImagePlus(open(folder
			.resolve("bone_mineral.tif"))));
		final ImageStack masks = open(folder.resolve("roi_masks.tif")).getStack();
		neckMask = mask((byte[]) masks.getPixels(1));
		totalHipMask = mask((byte[]) masks.getPixels(2));
		try {
			truthJson = new String(Files.readAllBytes(folder.resolve("truth.json")),
				StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new BoneXRException("Cannot read " + folder.resolve("truth.json") +
				": " + e.getMessage(), "Write the dataset again.", e);
		}
		final List<Double> bmd = numbers("arealBmdGcm2");
		neckBmd = bmd.get(0);
		totalHipBmd = bmd.get(1);
	}

	/** Every number stored under this key in truth.json, in order. */
	public List<Double> numbers(final String key) {
		final Matcher m = Pattern.compile("\"" + Pattern.quote(key) +
			"\": (-?[0-9.eE+-]+)").matcher(truthJson);
		final List<Double> out = new ArrayList<>();
		while (m.find()) out.add(Double.parseDouble(m.group(1)));
		return out;
	}

	private static ImagePlus open(final Path p) {
		final ImagePlus imp = IJ.openImage(p.toString());
		if (imp == null) {
			throw new BoneXRException("Cannot open " + p + ".",
				"Write the dataset again (Write Hip Phantom Dataset).");
		}
		return imp;
	}

	private static boolean[] mask(final byte[] b) {
		final boolean[] m = new boolean[b.length];
		for (int i = 0; i < b.length; i++) m[i] = b[i] != 0;
		return m;
	}
}
