package org.bonexr.separation.vtt;

import ij.ImagePlus;

/**
 * Who answers a Visual Turing Test: shown one blinded image (its title says
 * only "image k of n"), says whether it looks generated. A dialog in Fiji
 * ({@link DialogReader}), a script in tests.
 */
public interface Reader {

	/** The reader's answer to one image. */
	enum Answer {
			REAL, GENERATED,
			/** Stop the session here (answers so far are kept; resume later). */
			STOP
	}

	/**
	 * @param image the blinded image (owned by the study; do not keep it)
	 * @param trial position in the series (its truth must not be shown)
	 */
	Answer ask(ImagePlus image, int number, int total);
}
