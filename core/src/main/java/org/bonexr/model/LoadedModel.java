package org.bonexr.model;

/**
 * A network loaded into an inference engine, ready to run: the
 * engine-agnostic facade that keeps engine types (DJL) out of commands.
 * <p>
 * {@link #run} takes and returns tensors in the model's own axis order
 * (e.g. {@code bcyx}), without pre- or post-processing. Implementations are
 * safe to call from several threads at once; each call gives the result a
 * serial call would give.
 */
public interface LoadedModel extends AutoCloseable {

	/** Runs the network once. */
	FloatTensor run(FloatTensor input);

	/** Where it runs, e.g. {@code cpu()} or {@code gpu(0)}. */
	String device();

	/** Frees the engine's memory; the model cannot run afterwards. */
	@Override
	void close();
}
