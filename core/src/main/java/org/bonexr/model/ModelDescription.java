package org.bonexr.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The contract of a bioimage.io model as read from its {@code rdf.yaml}
 * (model spec 0.4 or 0.5, the subset BoneXR runs): one 2D image input, one
 * output of the same height and width, TorchScript weights with their
 * sha256, and test tensors.
 *
 * @see RdfReader
 * @see <a href="https://github.com/bioimage-io/spec-bioimage-io">bioimage.io model spec</a>
 */
public final class ModelDescription {

	private final String formatVersion;
	private final String name;
	private final String description;
	private final TensorDescription input;
	private final TensorDescription output;
	private final String weightsSource;
	private final String weightsSha256;
	private final Map<String, Object> rdf;
	private final List<String> warnings;

	ModelDescription(final String formatVersion, final String name,
		final String description, final TensorDescription input,
		final TensorDescription output, final String weightsSource,
		final String weightsSha256, final Map<String, Object> rdf,
		final List<String> warnings)
	{
		this.formatVersion = formatVersion;
		this.name = name;
		this.description = description;
		this.input = input;
		this.output = output;
		this.weightsSource = weightsSource;
		this.weightsSha256 = weightsSha256;
		this.rdf = Collections.unmodifiableMap(rdf);
		this.warnings = Collections.unmodifiableList(warnings);
	}

	/** Model spec version, e.g. {@code 0.5.3}. */
	public String formatVersion() {
		return formatVersion;
	}

	public String name() {
		return name;
	}

	public String description() {
		return description;
	}

	public TensorDescription input() {
		return input;
	}

	public TensorDescription output() {
		return output;
	}

	/** TorchScript weights file, relative to the model folder. */
	public String weightsSource() {
		return weightsSource;
	}

	/** Declared sha256 (lower-case hex) of the weights, or null if none is declared. */
	public String weightsSha256() {
		return weightsSha256;
	}

	/** The whole parsed {@code rdf.yaml} (e.g. {@code config} with training details). */
	public Map<String, Object> rdf() {
		return rdf;
	}

	/** Things that are allowed but worth telling the user, one sentence each. */
	public List<String> warnings() {
		return warnings;
	}
}
