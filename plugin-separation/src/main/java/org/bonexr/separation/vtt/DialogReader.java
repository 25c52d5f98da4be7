package org.bonexr.separation.vtt;

import ij.ImagePlus;
import ij.gui.GenericDialog;

/**
 * Fiji's reader: shows the image and a dialog "Real or generated?" (OK =
 * real, the "Generated" button = generated, Cancel = stop and save).
 */
public final class DialogReader implements Reader {

	@Override
	public Answer ask(final ImagePlus image, final int number, final int total) {
		image.show();
		try {
			final GenericDialog d = new GenericDialog("Visual Turing Test " + number +
				"/" + total);
			d.addMessage("Is this layer image real or generated?");
			d.enableYesNoCancel("Real", "Generated");
			d.showDialog();
			if (d.wasCanceled()) return Answer.STOP;
			return d.wasOKed() ? Answer.REAL : Answer.GENERATED;
		}
		finally {
			image.changes = false;
			image.close();
		}
	}
}
