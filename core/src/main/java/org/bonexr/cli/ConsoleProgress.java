package org.bonexr.cli;

import java.io.PrintStream;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Shows SciJava status events (what commands report through
 * {@code StatusService}) as a one-line progress bar with elapsed time and ETA
 * on a console stream.
 */
public final class ConsoleProgress {

	private static final int WIDTH = 30;

	private final PrintStream out;
	private final long startNanos = System.nanoTime();
	private boolean open;

	public ConsoleProgress(final PrintStream out) {
		this.out = out;
	}

	@EventHandler
	public synchronized void onStatus(final StatusEvent e) {
		final int max = e.getProgressMaximum();
		final String message = e.getStatusMessage() == null ? "" : e
			.getStatusMessage();
		if (max <= 0) {
			if (!message.isEmpty()) line(message);
			return;
		}
		show(e.getProgressValue(), max, message);
	}

	/**
	 * Shows {@code done} of {@code total} (e.g. images of a batch) on the bar;
	 * the line ends when {@code done} reaches {@code total}.
	 */
	public synchronized void show(final int done, final int total,
		final String message)
	{
		out.print("\r" + bar(done, total, message));
		open = true;
		if (done >= total) finish();
	}

	/** Prints a message on its own line (ending an open bar first). */
	public synchronized void message(final String message) {
		line(message);
	}

	/** The bar for {@code done} of {@code total}, e.g. "[#####.....]  50% 3s/ETA 3s msg". */
	String bar(final int done, final int total, final String message) {
		final double f = Math.max(0, Math.min(1, done / (double) total));
		final int filled = (int) Math.round(f * WIDTH);
		final double elapsed = (System.nanoTime() - startNanos) / 1e9;
		final String eta = f > 0 && f < 1 ? String.format(" ETA %.0fs", elapsed *
			(1 - f) / f) : "";
		return String.format("[%s%s] %3.0f%% %.0fs%s %s", "#".repeat(filled), "."
			.repeat(WIDTH - filled), 100 * f, elapsed, eta, message);
	}

	private void line(final String message) {
		finish();
		out.println(message);
	}

	private void finish() {
		if (open) out.println();
		open = false;
	}
}
