package org.bonexr.core;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * Base of every BoneXR menu command: runs {@link #execute()}; a
 * {@link BoneXRException} cancels the command with the message as reason and
 * is logged. Each front door shows that reason its own way: a dialog or macro
 * error in Fiji ({@link CancelReasonPostprocessor}), a macro error from the
 * {@code Ext.} functions, exit code 2 in the command line.
 * <p>
 * Subclasses validate their inputs first, then do the work through
 * algorithm classes, reporting progress with {@link #progress}.
 */
public abstract class BoneXRCommand extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	private BoneXRException failure;

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (final BoneXRException e) {
			failure = e;
			cancel(e.getMessage());
			log.error(e.getMessage());
		}
	}

	/**
	 * Why the last run stopped, with its problem and fix apart (a script or a
	 * test reads them from the command module's command), or null when it
	 * did not stop on bad input.
	 */
	public BoneXRException failure() {
		return failure;
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
