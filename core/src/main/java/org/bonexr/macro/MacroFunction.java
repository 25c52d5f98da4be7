package org.bonexr.macro;

import org.scijava.plugin.SciJavaPlugin;

/**
 * One {@code Ext.<name>(...)} function of the BoneXR macro extension,
 * contributed by a module as {@code @Plugin(type = MacroFunction.class,
 * name = "<name>")}. Instances get their SciJava services injected.
 */
public interface MacroFunction extends SciJavaPlugin {

	/**
	 * Argument types, built from {@link ij.macro.MacroExtension}'s
	 * {@code ARG_STRING}, {@code ARG_NUMBER}, {@code ARG_ARRAY},
	 * {@code ARG_OUTPUT} and {@code ARG_OPTIONAL}.
	 */
	int[] argTypes();

	/**
	 * Runs the function. Output arguments arrive as one-element arrays
	 * ({@code Double[]}, {@code String[]}) to be filled in.
	 *
	 * @return the function's value for the macro, or null for none
	 * @throws org.bonexr.core.BoneXRException shown to the user as a macro error
	 */
	String call(Object[] args);
}
