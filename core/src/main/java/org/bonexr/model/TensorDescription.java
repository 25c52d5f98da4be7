package org.bonexr.model;

import java.util.Collections;
import java.util.List;

/**
 * One input or output tensor of a bioimage.io model: its axes (letters
 * {@code b} batch, {@code c} channel, {@code y}, {@code x} in the model's
 * order), the size rule of each axis, the halo (pixels to crop on each side
 * of an output axis because they are unreliable), value type and range, and
 * the processing steps the runtime applies around the network.
 */
public final class TensorDescription {

	private final String id;
	private final String description;
	private final String axes;
	private final AxisSize[] sizes;
	private final int[] halo;
	private final String dataType;
	private final double[] dataRange;
	private final List<Processing> processing;
	private final String testTensor;
	private final String testTensorSha256;

	TensorDescription(final String id, final String description,
		final String axes, final AxisSize[] sizes, final int[] halo,
		final String dataType, final double[] dataRange,
		final List<Processing> processing, final String testTensor,
		final String testTensorSha256)
	{
		this.id = id;
		this.description = description;
		this.axes = axes;
		this.sizes = sizes.clone();
		this.halo = halo.clone();
		this.dataType = dataType;
		this.dataRange = dataRange.clone();
		this.processing = Collections.unmodifiableList(processing);
		this.testTensor = testTensor;
		this.testTensorSha256 = testTensorSha256;
	}

	/** Tensor id (0.5) or name (0.4). */
	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	/** Axis letters in the model's order, e.g. {@code bcyx}. */
	public String axes() {
		return axes;
	}

	/** Size rule of the axis with this letter, or null if absent. */
	public AxisSize size(final char axis) {
		final int i = axes.indexOf(axis);
		return i < 0 ? null : sizes[i];
	}

	/** Halo of the axis with this letter in pixels (0 if none or absent). */
	public int halo(final char axis) {
		final int i = axes.indexOf(axis);
		return i < 0 ? 0 : halo[i];
	}

	public boolean hasAxis(final char axis) {
		return axes.indexOf(axis) >= 0;
	}

	/** Value type, e.g. {@code float32}. */
	public String dataType() {
		return dataType;
	}

	/** Declared value range {@code [min, max]} (infinite when open). */
	public double[] dataRange() {
		return dataRange.clone();
	}

	/** Pre-processing (inputs) or post-processing (outputs) steps, in order. */
	public List<Processing> processing() {
		return processing;
	}

	/** Path of the test tensor ({@code .npy}) relative to the model folder, or null. */
	public String testTensor() {
		return testTensor;
	}

	/** Declared sha256 of the test tensor (spec 0.5), or null. */
	public String testTensorSha256() {
		return testTensorSha256;
	}
}
