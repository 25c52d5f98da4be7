package org.bonexr.cli;

import org.scijava.plugin.SciJavaPlugin;

/**
 * A benchmark run by {@code bonexr bench <name>}, contributed by a module as
 * {@code @Plugin(type = Benchmark.class, name = "<name>")}. It prints its
 * figures as {@code key=value} lines and writes them as JSON.
 */
public interface Benchmark extends SciJavaPlugin {

	/**
	 * @param args the arguments after {@code bench <name>}
	 */
	void run(String[] args) throws Exception;
}
