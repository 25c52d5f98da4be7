package org.bonexr.separation.vtt;

import java.nio.file.Path;

/** One blinded image of a Visual Turing Test: which file, and whether it is generated. */
public final class Trial {

	/** Position in the reader's shuffled series, from 1. */
	public final int number;
	public final Path file;
	/** Truth: true for a generated (model) layer image, false for a real one. */
	public final boolean generated;

	Trial(final int number, final Path file, final boolean generated) {
		this.number = number;
		this.file = file;
		this.generated = generated;
	}

	/** The key answers are stored under: the source ("real"/"generated") and file name. */
	public String key() {
		return (generated ? "generated/" : "real/") + file.getFileName();
	}
}
