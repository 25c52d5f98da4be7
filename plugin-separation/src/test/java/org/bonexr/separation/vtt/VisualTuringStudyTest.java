package org.bonexr.separation.vtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Visual Turing Test played by scripted readers that "see" the pixel
 * values (real images are filled with 1, generated with 2, so a reader can
 * be made to answer right or wrong on purpose) and never the file names.
 */
class VisualTuringStudyTest {

	@TempDir
	Path dir;

	private Path real, gen, csv;

	@BeforeEach
	void images() throws Exception {
		real = Files.createDirectories(dir.resolve("real"));
		gen = Files.createDirectories(dir.resolve("generated"));
		for (int i = 0; i < 6; i++) {
			save(real.resolve("layer" + i + ".tif"), 1);
			save(gen.resolve("layer" + i + ".tif"), 2);
		}
		csv = dir.resolve("answers.csv");
	}

	private static void save(final Path p, final float value) {
		final FloatProcessor fp = new FloatProcessor(8, 8);
		fp.set(value);
		IJ.saveAsTiff(new ImagePlus("x", fp), p.toString());
	}

	/** Sees the truth in the pixels; answers wrong on the generated images listed. */
	static final class Scripted implements Reader {

		final List<String> titles = new ArrayList<>();
		final int wrongOnGenerated;
		final int stopAfter;
		int generatedSeen, asked;

		Scripted(final int wrongOnGenerated, final int stopAfter) {
			this.wrongOnGenerated = wrongOnGenerated;
			this.stopAfter = stopAfter;
		}

		@Override
		public Answer ask(final ImagePlus image, final int number,
			final int total)
		{
			if (asked++ == stopAfter) return Answer.STOP;
			titles.add(image.getTitle());
			final boolean generated = image.getProcessor().getf(0) == 2;
			if (generated && generatedSeen++ < wrongOnGenerated) return Answer.REAL;
			return generated ? Answer.GENERATED : Answer.REAL;
		}
	}

	@Test
	void blindedShuffledSeriesWithKnownStatistics() {
		final VisualTuringStudy study = new VisualTuringStudy(real, gen, csv, 7);
		final Scripted reader = new Scripted(2, Integer.MAX_VALUE);
		final List<Response> r = study.run("A", reader);
		assertEquals(12, r.size());
		assertEquals("image 1 of 12", reader.titles.get(0));
		assertTrue(reader.titles.stream().noneMatch(t -> t.contains("layer")),
			"blinded");
		final List<Boolean> order = study.trials("A").stream().map(
			t -> t.generated).collect(Collectors.toList());
		assertNotEquals(order.subList(0, 6), java.util.Collections.nCopies(6,
			false), "shuffled");
		final VisualTuringStatistics s = VisualTuringStatistics.of(r);
		assertEquals(10, s.correct);
		assertEquals(10 / 12.0, s.accuracy, 1e-12);
		assertEquals(4 / 6.0, s.sensitivity, 1e-12);
		assertEquals(1.0, s.specificity, 1e-12);
		// Wilson 95% for 10/12 (closed form): 0.5520, 0.9530
		assertEquals(0.5520, s.ciLow, 5e-5);
		assertEquals(0.9530, s.ciHigh, 5e-5);
		assertTrue(r.stream().allMatch(x -> x.responseMs >= 0));
	}

	@Test
	void stoppedStudyResumesWithoutRepeats() {
		final VisualTuringStudy study = new VisualTuringStudy(real, gen, csv, 7);
		assertEquals(5, study.run("B", new Scripted(0, 5)).size());
		final Scripted rest = new Scripted(0, Integer.MAX_VALUE);
		final List<Response> all = study.run("B", rest);
		assertEquals(12, all.size());
		assertEquals(7, rest.titles.size());
		assertEquals("image 6 of 12", rest.titles.get(0));
		assertEquals(12, new HashSet<>(all.stream().map(x -> x.key).collect(
			Collectors.toList())).size());
		assertEquals(12, VisualTuringStatistics.of(all).correct);
	}

	@Test
	void cohensKappaOfTwoReaders() {
		final VisualTuringStudy study = new VisualTuringStudy(real, gen, csv, 7);
		final List<Response> a = study.run("A", new Scripted(0, Integer.MAX_VALUE));
		final List<Response> b = study.run("B", new Scripted(3, Integer.MAX_VALUE));
		// A: 6 generated / 6 real; B: 3 generated / 9 real; they agree on 9 of 12
		final double po = 9 / 12.0, pe = 0.5 * 0.25 + 0.5 * 0.75;
		assertEquals((po - pe) / (1 - pe), VisualTuringStatistics.kappa(a, b),
			1e-12);
		assertEquals(1.0, VisualTuringStatistics.kappa(a, a), 1e-12);
		assertEquals(24, VisualTuringStudy.responses(csv).size());
	}
}
