package org.bonexr.it;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.bonexr.separation.vtt.VisualTuringTestCommand;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Runs in a JVM with a display (Xvfb): the Visual Turing Test command with
 * its real dialog reader, answered by a second thread that finds each "Visual
 * Turing Test k/n" dialog and presses one of its buttons as a user would
 * (AWT action events on the dialog's own buttons).
 * <p>
 * The simulated reader looks at the image shown (pixel value 2 = generated,
 * 1 = real), answers correctly except that it calls the second image "Real"
 * whatever it is, and presses Cancel at dialog {@code stopAt} (0: never).
 * Prints one line per button pressed ({@code pressed <n>/<total> <label>})
 * and the results table's accuracy.
 * <p>
 * A button is pressed only once the dialog's {@code show()} waits in its
 * modal loop. A press between the window becoming visible and the loop's
 * start (which no person is fast enough to make, but a polling thread on a
 * loaded machine is) disposes the dialog before the JDK has a loop to end:
 * {@code show()} then never returns.
 * <p>
 * Arguments: real folder, generated folder, answers CSV, reader, stopAt.
 */
public final class VisualTuringDialogDriver {

	private VisualTuringDialogDriver() {}

	public static void main(final String[] args) throws Exception {
		final int stopAt = Integer.parseInt(args[4]);
		final Thread reader = new Thread(() -> answerDialogs(stopAt), "simulated reader");
		reader.setDaemon(true);
		reader.start();
		try (Context context = new Context()) {
			final Map<String, Object> in = new HashMap<>();
			in.put("realFolder", new File(args[0]));
			in.put("generatedFolder", new File(args[1]));
			in.put("answers", new File(args[2]));
			in.put("reader", args[3]);
			in.put("seed", 5L);
			in.put("secondReader", "");
			final CommandModule m = context.service(CommandService.class).run(VisualTuringTestCommand.class, true,
				in).get();
			if (m.isCanceled()) throw new IllegalStateException("cancelled: " + m.getCancelReason());
			final ResultsTable t = (ResultsTable) m.getOutput("results");
			System.out.println("answered " + (int) t.getValue("Answered", 0) + " accuracy " + t.getValue("Accuracy",
				0));
		}
		System.exit(0);
	}

	private static void answerDialogs(final int stopAt) {
		GenericDialog last = null;
		while (true) {
			final GenericDialog d = visibleDialog();
			if (d == null || d == last) {
				sleep(50);
				continue;
			}
			last = d;
			final String title = d.getTitle(); // "Visual Turing Test k/n"
			final int number = Integer.parseInt(title.substring(title.lastIndexOf(' ') + 1, title.indexOf('/')));
			final ImagePlus shown = WindowManager.getCurrentImage();
			final boolean generated = shown != null && shown.getProcessor().getf(0) == 2;
			final String label = number == stopAt ? "Cancel" : number == 2 || !generated ? "Real" : "Generated";
			System.out.println("pressed " + title.substring(title.lastIndexOf(' ') + 1) + " " + label +
				" (shown " + (shown == null ? "nothing" : shown.getTitle()) + ")");
			final Button button = button(d, label);
			awaitModalLoop();
			EventQueue.invokeLater(() -> button.dispatchEvent(new ActionEvent(button, ActionEvent.ACTION_PERFORMED,
				button.getActionCommand())));
			if (number == stopAt) return;
		}
	}

	/**
	 * Waits until some thread is blocked in a modal dialog's loop
	 * ({@code Dialog.show} inside {@code WaitDispatchSupport.enter}); after 10 s
	 * goes on anyway (a JDK whose modal loop has other names).
	 */
	private static void awaitModalLoop() {
		final long end = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < end) {
			for (final StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
				if (inFrame(stack, "java.awt.WaitDispatchSupport", "enter") && inFrame(stack, "java.awt.Dialog",
					"show")) return;
			}
			sleep(20);
		}
		System.out.println("no modal loop seen in 10 s; pressing anyway");
	}

	private static boolean inFrame(final StackTraceElement[] stack, final String className, final String method) {
		for (final StackTraceElement e : stack) {
			if (e.getClassName().equals(className) && e.getMethodName().equals(method)) return true;
		}
		return false;
	}

	private static GenericDialog visibleDialog() {
		for (final Window w : Window.getWindows()) {
			if (w instanceof GenericDialog && w.isShowing() && ((GenericDialog) w).getTitle().startsWith(
				"Visual Turing Test"))
			{
				return (GenericDialog) w;
			}
		}
		return null;
	}

	private static Button button(final Container c, final String label) {
		for (final Component child : c.getComponents()) {
			if (child instanceof Button && label.equals(((Button) child).getLabel())) return (Button) child;
			if (child instanceof Container) {
				final Button b = button((Container) child, label);
				if (b != null) return b;
			}
		}
		if (c instanceof GenericDialog) throw new IllegalStateException("No button '" + label + "' in the dialog.");
		return null;
	}

	private static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
