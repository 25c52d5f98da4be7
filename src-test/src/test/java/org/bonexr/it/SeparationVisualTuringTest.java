package org.bonexr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.bonexr.separation.vtt.Reader;
import org.bonexr.separation.vtt.VisualTuringTestCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Visual Turing Test through CommandService with scripted readers (instead
 * of the dialog): a perfect reader, then a second reader who calls every
 * image real; the table has their accuracy, sensitivity/specificity and
 * kappa, from the CSV both wrote to.
 */
class SeparationVisualTuringTest {

	@Test
	void twoScriptedReaders(@TempDir final Path dir) throws Exception {
		final Path real = Files.createDirectories(dir.resolve("real"));
		final Path gen = Files.createDirectories(dir.resolve("gen"));
		for (int i = 0; i < 4; i++) {
			for (final Path f : new Path[] { real, gen }) {
				final FloatProcessor fp = new FloatProcessor(4, 4);
				fp.set(f == gen ? 2 : 1);
				IJ.saveAsTiff(new ImagePlus("x", fp), f.resolve(i + ".tif").toString());
			}
		}
		final Reader perfect = (image, number, total) -> image.getProcessor().getf(
			0) == 2 ? Reader.Answer.GENERATED : Reader.Answer.REAL;
		final Reader fooled = (image, number, total) -> Reader.Answer.REAL;
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			final ResultsTable a = run(commands, dir, "A", perfect, "");
			assertEquals(1.0, a.getValue("Accuracy", 0), 0);
			final ResultsTable b = run(commands, dir, "B", fooled, "A");
			assertEquals(0.5, b.getValue("Accuracy", 0), 0);
			assertEquals(0.0, b.getValue("Sensitivity (generated)", 0), 0);
			assertEquals(1.0, b.getValue("Specificity (real)", 0), 0);
			// B always says real: chance agreement equals observed agreement
			assertEquals(0.0, b.getValue("Cohen's kappa", 0), 1e-12);
			assertEquals(17, Files.readAllLines(dir.resolve("answers.csv")).size());
		}
	}

	private static ResultsTable run(final CommandService commands,
		final Path dir, final String reader, final Reader who,
		final String second) throws Exception
	{
		final Map<String, Object> in = new HashMap<>();
		in.put("realFolder", dir.resolve("real").toFile());
		in.put("generatedFolder", dir.resolve("gen").toFile());
		in.put("reader", reader);
		in.put("answers", dir.resolve("answers.csv").toFile());
		in.put("seed", 3L);
		in.put("secondReader", second);
		in.put("who", who);
		final CommandModule m = commands.run(VisualTuringTestCommand.class, true,
			in).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		return (ResultsTable) m.getOutput("results");
	}
}
