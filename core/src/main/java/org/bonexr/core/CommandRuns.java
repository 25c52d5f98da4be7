package org.bonexr.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.PluginService;

/**
 * Runs a BoneXR command to completion for the front doors that are not a
 * dialog (command line, macro extension): a command cancelled with a reason
 * becomes a {@link BoneXRException} with that reason.
 * <p>
 * Runs are reproducible: inputs not given take the command's defaults, never
 * values remembered from earlier runs (SciJava's persisted inputs are not
 * loaded, and these runs' inputs are not saved as a dialog's next defaults),
 * and outputs are returned, not displayed (no display postprocessing; the
 * caller shows or writes them).
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
		final List<PreprocessorPlugin> pre = commands.getContext().service(
			PluginService.class).createInstancesOfType(PreprocessorPlugin.class);
		pre.removeIf(p -> p instanceof LoadInputsPreprocessor ||
			p instanceof SaveInputsPreprocessor);
		final CommandModule module;
		try {
			module = (CommandModule) commands.moduleService().run(info, pre,
				Collections.emptyList(), inputs).get();
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
			final Object command = module.getCommand();
			if (command instanceof BoneXRCommand && ((BoneXRCommand) command)
				.failure() != null) throw ((BoneXRCommand) command).failure();
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
