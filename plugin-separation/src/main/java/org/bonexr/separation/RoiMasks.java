package org.bonexr.separation;

import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.Locale;

import org.bonexr.core.BoneXRException;

/**
 * Bone masks given as two area ROIs on the radiograph: one for the upper
 * (distal) bone, one for the lower (proximal) bone. They may overlap.
 * <p>
 * Which two ROIs of a list (e.g. the ROI Manager): the ROI whose name contains
 * "upper" or "distal" and the one whose name contains "lower" or "proximal"
 * (case-insensitive; the names Separate Bone Layers gives the masks it adds
 * to the ROI Manager), when exactly one of each is there; otherwise the
 * first ROI is the upper bone and the second the lower bone.
 * <p>
 * A pixel belongs to a bone when ImageJ would fill it for that ROI
 * ({@link Roi#getMask()}; a rectangle fills its bounds).
 */
public final class RoiMasks {

	private RoiMasks() {}

	/**
	 * @param rois ROIs in order (e.g. of the ROI Manager)
	 * @return the upper and the lower bone's ROI, by the rule of the class
	 *         description
	 * @throws BoneXRException when fewer than two ROIs are given
	 */
	public static Roi[] pick(final Roi[] rois) {
		if (rois == null || rois.length < 2) {
			throw new BoneXRException("Bone masks from ROIs need two ROIs (upper = distal bone, lower = proximal " +
				"bone), but " + (rois == null ? 0 : rois.length) + " " + (rois != null && rois.length == 1 ? "is"
					: "are") + " there.",
				"Add the two bone outlines to the ROI Manager (first the upper, then the lower bone, or name them " +
					"'upper' and 'lower'), or give a label image, or none to predict the masks.");
		}
		final Roi upper = named(rois, "upper", "distal"), lower = named(rois, "lower", "proximal");
		if (upper != null && lower != null && upper != lower) return new Roi[] { upper, lower };
		return new Roi[] { rois[0], rois[1] };
	}

	/** @return the ROIs of the ROI Manager (the batch-mode one in a batch macro), empty when there is none */
	public static Roi[] fromRoiManager() {
		final RoiManager batch = ij.macro.Interpreter.isBatchMode() ? ij.macro.Interpreter
			.getBatchModeRoiManager() : null;
		final RoiManager rm = batch != null ? batch : RoiManager.getInstance();
		return rm == null ? new Roi[0] : rm.getRoisAsArray();
	}

	/**
	 * The two ROIs as a label image of the image's size (1 upper, 2 lower, 3
	 * both), the form {@link SeparationInputs#masks} reads.
	 *
	 * @param upper area ROI of the upper (distal) bone, image coordinates
	 * @param lower area ROI of the lower (proximal) bone, image coordinates
	 * @param width image width (pixels)
	 * @param height image height (pixels)
	 * @return the label image
	 * @throws BoneXRException when a ROI is not an area
	 */
	public static ByteProcessor labels(final Roi upper, final Roi lower, final int width, final int height) {
		final ByteProcessor labels = new ByteProcessor(width, height);
		add(labels, upper, BoneMasks.UPPER, "upper");
		add(labels, lower, BoneMasks.LOWER, "lower");
		return labels;
	}

	private static void add(final ByteProcessor labels, final Roi roi, final int bit, final String bone) {
		if (roi == null || !roi.isArea()) {
			throw new BoneXRException("The " + bone + " bone's ROI" + (roi == null ? " is missing"
				: " '" + roi.getName() + "' is a " + roi.getTypeAsString() + ", not an area") + ".",
				"Outline each bone with an area selection (polygon, freehand, oval, rectangle).");
		}
		final Rectangle b = roi.getBounds();
		final ImageProcessor mask = roi.getMask();
		for (int y = Math.max(0, b.y); y < Math.min(labels.getHeight(), b.y + b.height); y++) {
			for (int x = Math.max(0, b.x); x < Math.min(labels.getWidth(), b.x + b.width); x++) {
				if (mask == null || mask.get(x - b.x, y - b.y) != 0) labels.set(x, y, labels.get(x, y) | bit);
			}
		}
	}

	private static Roi named(final Roi[] rois, final String... words) {
		Roi found = null;
		for (final Roi r : rois) {
			final String name = r.getName() == null ? "" : r.getName().toLowerCase(Locale.ROOT);
			for (final String w : words) {
				if (name.contains(w)) {
					if (found != null && found != r) return null; // ambiguous
					found = r;
				}
			}
		}
		return found;
	}
}
