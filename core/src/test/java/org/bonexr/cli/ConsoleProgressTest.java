package org.bonexr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The CLI's error line must start a line of its own (scripts and the
 * reliability matrix look for lines starting with "bonexr: "), also when a
 * command fails while its progress bar is still open.
 */
class ConsoleProgressTest {

	@Test
	void aMessageEndsAnOpenBarFirst() {
		final String[] lines = lines(p -> {
			p.show(1, 3, "working");
			p.message("bonexr: it failed");
		});
		assertEquals(2, lines.length);
		assertTrue(lines[0].contains("working"), lines[0]);
		assertEquals("bonexr: it failed", lines[1]);
	}

	@Test
	void aFinishedBarIsNotEndedTwice() {
		final String[] lines = lines(p -> {
			p.show(3, 3, "done");
			p.message("next");
		});
		assertEquals(2, lines.length);
		assertEquals("next", lines[1]);
	}

	/** What the calls print, split into lines. */
	private static String[] lines(final Consumer<ConsoleProgress> calls) {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		calls.accept(new ConsoleProgress(new PrintStream(bytes, true,
			StandardCharsets.UTF_8)));
		return bytes.toString(StandardCharsets.UTF_8).split("\n");
	}
}
