package org.bonexr.separation.vtt;

import ij.measure.ResultsTable;

import java.io.File;
import java.util.List;

import org.bonexr.core.BoneXRCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins>BoneXR>Separation>Visual Turing Test}: a reader judges a
 * shuffled, blinded series of real and generated layer images
 * ({@link VisualTuringStudy}, answers saved to CSV as they are given, so a
 * study resumes); the results table gives accuracy with its 95% Wilson
 * interval, sensitivity and specificity (positive = generated), the mean
 * response time, and Cohen's kappa with a second reader when one is named
 * and has answers in the same file. Needs a display (dialog reader).
 */
@Plugin(type = Command.class, headless = false,
	menuPath = "Plugins>BoneXR>Separation>Visual Turing Test",
	description = "Blinded reader study: real vs generated layer images, accuracy (95% Wilson CI), sensitivity/specificity, Cohen's kappa; answers saved as CSV (resumable).")
public class VisualTuringTestCommand extends BoneXRCommand {

	@Parameter(label = "Folder of real layer images", style = "directory")
	private File realFolder;

	@Parameter(label = "Folder of generated layer images", style = "directory")
	private File generatedFolder;

	@Parameter(label = "Reader (name or initials)")
	private String reader;

	@Parameter(label = "Answers file (CSV; resumed if it exists)",
		style = "save")
	private File answers;

	@Parameter(label = "Order seed")
	private long seed = 1;

	@Parameter(label = "Second reader for kappa (optional)", required = false)
	private String secondReader = "";

	/** Who answers; a dialog unless set (scripts and tests set their own). */
	@Parameter(required = false, persist = false,
		visibility = org.scijava.ItemVisibility.INVISIBLE)
	private Reader who;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable results;

	@Override
	protected void execute() {
		final VisualTuringStudy study = new VisualTuringStudy(realFolder.toPath(),
			generatedFolder.toPath(), answers.toPath(), seed);
		final List<Response> mine = study.run(reader, who != null ? who
			: new DialogReader());
		final VisualTuringStatistics s = VisualTuringStatistics.of(mine);
		results = new ResultsTable();
		results.incrementCounter();
		results.addValue("Reader", reader);
		results.addValue("Images", study.trials(reader).size());
		results.addValue("Answered", s.n);
		results.addValue("Correct", s.correct);
		results.addValue("Accuracy", s.accuracy);
		results.addValue("Accuracy CI low (95% Wilson)", s.ciLow);
		results.addValue("Accuracy CI high (95% Wilson)", s.ciHigh);
		results.addValue("Sensitivity (generated)", s.sensitivity);
		results.addValue("Specificity (real)", s.specificity);
		results.addValue("Mean response (ms)", s.meanResponseMs);
		if (secondReader != null && !secondReader.isEmpty()) {
			final List<Response> all = VisualTuringStudy.responses(answers.toPath());
			all.removeIf(r -> !r.reader.equals(secondReader));
			results.addValue("Second reader", secondReader);
			results.addValue("Cohen's kappa", VisualTuringStatistics.kappa(mine,
				all));
		}
	}
}
