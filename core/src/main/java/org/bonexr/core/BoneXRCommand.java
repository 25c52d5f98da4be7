package org.bonexr.core;

import ij.macro.Interpreter;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Base of every BoneXR menu command: runs {@link #execute()} and shows a
 * {@link BoneXRException} the way the user expects.
 * <ul>
 * <li>Always: the command is cancelled with the message as reason (what the
 * command line and the macro extension report) and the message is logged.</li>
 * <li>In Fiji with a UI: an error dialog, or a macro error when an ImageJ
 * macro is running.</li>
 * <li>Headless: nothing else (no dialog).</li>
 * </ul>
 * Subclasses validate their inputs first, then do the work through
 * algorithm classes, reporting progress with {@link #progress}.
 */
public abstract class BoneXRCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter
	private UIService ui;

	@Parameter
	private StatusService status;

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (final BoneXRException e) {
			cancel(e.getMessage());
			log.error(e.getMessage());
			if (ui.isHeadless()) return;
			final Interpreter macro = Interpreter.getInstance();
			if (macro != null) macro.abort(e.getMessage());
			else ui.showDialog(e.getMessage(), "BoneXR",
				DialogPrompt.MessageType.ERROR_MESSAGE);
		}
	}

	/** The command's work; throws {@link BoneXRException} on bad input. */
	protected abstract void execute();

	/** Reports progress (done of total) with a status message. */
	protected void progress(final int done, final int total,
		final String message)
	{
		status.showStatus(done, total, message);
	}

	protected LogService log() {
		return log;
	}
}
