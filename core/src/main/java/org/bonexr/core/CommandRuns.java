package org.bonexr.core;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Runs a BoneXR command to completion for the front doors that are not a
 * dialog (command line, macro extension, scripts): a command cancelled with a
 * reason becomes a {@link BoneXRException} with that reason.
 */
public final class CommandRuns {

	private CommandRuns() {}

	/**
	 * Runs the command with the given inputs (services are filled in, the
	 * remaining inputs take their defaults) and waits for it.
	 */
	public static CommandModule runOrThrow(final CommandService commands,
		final CommandInfo info, final Map<String, Object> inputs)
	{
		final CommandModule module;
		try {
			module = commands.run(info, true, inputs).get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BoneXRException(info.getTitle() + " was interrupted.",
				"Run it again.", e);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof BoneXRException) throw (BoneXRException) cause;
			throw new IllegalStateException(info.getTitle() + " failed", cause);
		}
		if (module.isCanceled()) {
			final String reason = module.getCancelReason();
			if (reason == null) {
				throw new BoneXRException(info.getTitle() + " was cancelled.",
					"Run it again to finish it.");
			}
			throw new BoneXRException(reason, "");
		}
		return module;
	}

	/** As {@link #runOrThrow(CommandService, CommandInfo, Map)}, by class. */
	public static CommandModule runOrThrow(final CommandService commands,
		final Class<? extends org.scijava.command.Command> type,
		final Map<String, Object> inputs)
	{
		return runOrThrow(commands, commands.getCommand(type), inputs);
	}
}
