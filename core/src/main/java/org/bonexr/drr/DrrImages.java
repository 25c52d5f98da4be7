package org.bonexr.drr;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

import java.util.List;
import java.util.Locale;

/** DRRs as ImageJ 1 images, for the front doors. */
public final class DrrImages {

	private DrrImages() {}

	/**
	 * One 32-bit slice per DRR (all of one detector size), labelled with its
	 * gantry angle, calibrated with the detector pixel size in mm and the
	 * value unit.
	 */
	public static ImagePlus toImagePlus(final String title, final List<Drr> drrs,
		final double[] gantryAnglesDeg)
	{
		final Drr first = drrs.get(0);
		final int w = (int) first.image().dimension(0), h = (int) first.image()
			.dimension(1);
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < drrs.size(); i++)
			stack.addSlice(String.format(Locale.ROOT, "gantry %.1f deg",
				gantryAnglesDeg[i]), new FloatProcessor(w, h, drrs.get(i).values()
					.clone()));
		final ImagePlus imp = new ImagePlus(title, stack);
		final Calibration cal = imp.getCalibration();
		cal.setUnit("mm");
		cal.pixelWidth = first.detectorSpacing().xMm();
		cal.pixelHeight = first.detectorSpacing().yMm();
		cal.setValueUnit(first.unit().symbol());
		imp.resetDisplayRange();
		return imp;
	}
}
