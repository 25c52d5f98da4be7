package org.bonexr.macro;

import ij.IJ;
import ij.macro.ExtensionDescriptor;
import ij.macro.Functions;
import ij.macro.Interpreter;
import ij.macro.MacroExtension;
import ij.plugin.PlugIn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bonexr.core.BoneXRException;
import org.scijava.Context;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;

/**
 * The ImageJ 1 macro extension: after {@code run("BoneXR Macro Extensions");}
 * a macro calls {@code Ext.<function>(...)} for every {@link MacroFunction}
 * the installed BoneXR modules contribute. Works in plain ImageJ and in Fiji.
 * A BoneXR error stops the macro with the message that says what to do.
 */
public class BoneXRMacroExtensions implements PlugIn, MacroExtension {

	private final Map<String, MacroFunction> functions = new LinkedHashMap<>();

	@Override
	public void run(final String arg) {
		if (!IJ.macroRunning()) {
			IJ.error("BoneXR", "BoneXR Macro Extensions are for macros: call " +
				"run(\"BoneXR Macro Extensions\"); then Ext.<function>(...) in a macro.");
			return;
		}
		final Context context = SharedContext.get();
		final PluginService plugins = context.service(PluginService.class);
		for (final PluginInfo<MacroFunction> info : plugins.getPluginsOfType(
			MacroFunction.class))
		{
			functions.put(info.getName(), plugins.createInstance(info));
		}
		Functions.registerExtensions(this);
	}

	@Override
	public ExtensionDescriptor[] getExtensionFunctions() {
		return functions.entrySet().stream().map(e -> new ExtensionDescriptor(e
			.getKey(), e.getValue().argTypes(), this)).toArray(
				ExtensionDescriptor[]::new);
	}

	@Override
	public String handleExtension(final String name, final Object[] args) {
		try {
			return functions.get(name).call(args);
		}
		catch (final BoneXRException e) {
			stopMacro("BoneXR: " + e.getMessage());
			return null;
		}
	}

	/**
	 * Stops the macro with the message: the usual macro-error dialog in the
	 * ImageJ GUI; printed to the console when ImageJ runs without its window
	 * (e.g. {@code ImageJ -batch}), where a dialog would wait for nobody.
	 */
	private static void stopMacro(final String message) {
		final Interpreter macro = Interpreter.getInstance();
		if (IJ.getInstance() != null && macro != null) {
			macro.abort(message);
			return;
		}
		IJ.log(message);
		Interpreter.abort();
	}
}
