package org.bonexr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The CLI's error line must start a line of its own (scripts and the
 * reliability matrix look for lines starting with "bonexr: "), also when a
 * command fails while its progress bar is still open.
 */
class ConsoleProgressTest {

	@Test
	void aMessageEndsAnOpenBarFirst() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes,
			true, StandardCharsets.UTF_8));
		progress.show(1, 3, "working");
		progress.message("bonexr: it failed");
		final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		assertEquals(2, lines.length);
		assertTrue(lines[0].contains("working"), lines[0]);
		assertEquals("bonexr: it failed", lines[1]);
	}

	@Test
	void aFinishedBarIsNotEndedTwice() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes,
			true, StandardCharsets.UTF_8));
		progress.show(3, 3, "done");
		progress.message("next");
		final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		assertEquals(2, lines.length);
		assertEquals("next", lines[1]);
	}
}
