package org.bonexr.cli;

import java.nio.file.Path;

import org.scijava.plugin.SciJavaPlugin;

/**
 * One part of {@code bonexr demo}: runs a capability on the bundled sample
 * images and writes its outputs. Each module contributes its own step as a
 * {@code @Plugin(type = DemoStep.class, priority = ...)}; steps run from high
 * to low priority.
 */
public interface DemoStep extends SciJavaPlugin {

	/**
	 * @param samples the sample-images folder
	 * @param out this step's own output folder (created, empty)
	 * @param runner runs BoneXR commands headless
	 * @return one line for the user: what was done and the main figures
	 */
	String run(Path samples, Path out, DemoRunner runner);

	/** Runs a command by name with text parameters into a folder. */
	interface DemoRunner {

		HeadlessCommandRunner.Result run(String command,
			java.util.Map<String, String> args, Path outDir);
	}
}
