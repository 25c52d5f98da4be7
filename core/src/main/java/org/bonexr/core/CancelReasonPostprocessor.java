package org.bonexr.core;

import ij.macro.Interpreter;

import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Shows why a BoneXR command stopped when it runs from a Fiji menu (or a
 * recorded {@code run("...")} macro line): an error dialog, or a macro error
 * when an ImageJ macro is running. Headless runs only log. The command line
 * and the {@code Ext.} functions run commands without postprocessing and
 * report the reason themselves.
 */
@Plugin(type = PostprocessorPlugin.class)
public class CancelReasonPostprocessor extends AbstractPostprocessorPlugin {

	@Parameter
	private UIService ui;

	@Override
	public void process(final Module module) {
		if (!(module instanceof CommandModule)) return;
		final CommandModule command = (CommandModule) module;
		if (!(command.getCommand() instanceof BoneXRCommand)) return;
		final String reason = command.getCancelReason();
		if (!command.isCanceled() || reason == null || ui.isHeadless()) return;
		final Interpreter macro = Interpreter.getInstance();
		if (macro != null) macro.abort("BoneXR: " + reason);
		else ui.showDialog(reason, "BoneXR", DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}
