package org.bonexr.model;

import java.nio.file.Path;
import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.core.BoneXRException;
import org.bonexr.kernels.ComputeBackend;
import org.scijava.log.Logger;

/**
 * A bioimage.io model ready to predict: its checked package, its network
 * loaded in an engine, and the pipeline around it: pre-processing of the
 * whole image, tiled inference with halo and blending, post-processing.
 * <p>
 * Normalisation and tile blending run on a {@link ComputeBackend} (OpenCL
 * kernels through CLIJ2, or their Java twins; see {@link Processing} and
 * {@link Tiling}): the one of the SciJava context for models from the
 * {@link ModelService}, the one given to
 * {@link #open(Path, Logger, ComputeBackend)}, or the Java twins.
 * <p>
 * Usable from a script: {@code try (BioImageModel m = BioImageModel.open(path,
 * null)) { out = m.predict(img); }}. Inputs are never modified. Thread-safe:
 * several threads may predict with the same model at once.
 */
public final class BioImageModel implements AutoCloseable {

	/** Tile length used when the caller does not choose one (pixels). */
	public static final long DEFAULT_TILE = 512;

	/** Absolute tolerance of the bioimage.io test (NumPy's decimal=4 criterion). */
	public static final double TEST_ABSOLUTE_TOLERANCE = 1.5e-4;
	/** Relative tolerance of the bioimage.io test. */
	public static final double TEST_RELATIVE_TOLERANCE = 1e-4;

	private final ModelPackage modelPackage;
	private final LoadedModel network;
	private final ComputeBackend compute;

	/**
	 * A model whose processing and blending run in Java.
	 *
	 * @param modelPackage the checked package (closed with this model)
	 * @param network the network loaded from its weights (closed with this model)
	 */
	public BioImageModel(final ModelPackage modelPackage,
		final LoadedModel network)
	{
		this(modelPackage, network, null);
	}

	/**
	 * @param modelPackage the checked package (closed with this model)
	 * @param network the network loaded from its weights (closed with this model)
	 * @param compute runs normalisation and tile blending (not closed with
	 *          this model); null: the Java twins
	 */
	public BioImageModel(final ModelPackage modelPackage,
		final LoadedModel network, final ComputeBackend compute)
	{
		this.modelPackage = modelPackage;
		this.network = network;
		this.compute = compute;
	}

	/**
	 * Opens a model folder or zip and loads its TorchScript weights with
	 * DJL's PyTorch engine; processing and blending run in Java.
	 *
	 * @param log receives the engine's start-up line and package warnings (may be null)
	 */
	public static BioImageModel open(final Path folderOrZip, final Logger log) {
		return open(folderOrZip, log, null);
	}

	/**
	 * Opens a model folder or zip and loads its TorchScript weights with
	 * DJL's PyTorch engine.
	 *
	 * @param log receives the engine's start-up line and package warnings (may be null)
	 * @param compute runs normalisation and tile blending (not closed with the
	 *          model); null: the Java twins
	 */
	public static BioImageModel open(final Path folderOrZip, final Logger log,
		final ComputeBackend compute)
	{
		final ModelPackage p = ModelPackage.open(folderOrZip);
		try {
			if (log != null) p.warnings().forEach(log::warn);
			return new BioImageModel(p, TorchScriptModel.load(p.weights(), log),
				compute);
		}
		catch (final RuntimeException e) {
			p.close();
			throw e;
		}
	}

	public ModelDescription description() {
		return modelPackage.description();
	}

	public ModelPackage modelPackage() {
		return modelPackage;
	}

	/** The network itself (model axes, no processing). */
	public LoadedModel network() {
		return network;
	}

	/** Predicts on a 2D {@code (x, y)} or {@code (x, y, c)} image with the default tile. */
	public Img<FloatType> predict(
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		return TensorLayout.toImage(predict(TensorLayout.fromImage(image),
			DEFAULT_TILE, null));
	}

	/**
	 * The whole pipeline on a {@code cyx} image.
	 *
	 * @param cyx input image, not modified
	 * @param tile preferred tile length in pixels (rounded up to one the model
	 *          accepts); images up to this size run as one tile
	 * @param progress told after each tile (may be null)
	 * @return the output, {@code cyx}, as high and wide as the input
	 */
	public FloatTensor predict(final FloatTensor cyx, final long tile,
		final Tiling.Progress progress)
	{
		final ModelDescription d = description();
		final long channels = d.input().hasAxis('c') ? d.input().size('c').min() : 1;
		if (cyx.size(0) != channels) {
			throw new BoneXRException("The model " + d.name() + " takes images with " +
				channels + " channel(s), but this one has " + cyx.size(0) + ".",
				"Give an image with " + channels + " channel(s).");
		}
		final FloatTensor in = cyx.copy();
		for (final Processing p : d.input().processing()) p.apply(in, compute);
		final String inAxes = d.input().axes(), outAxes = d.output().axes();
		final FloatTensor out = Tiling.of(d, tile).run(in,
			t -> TensorLayout.fromModel(network.run(TensorLayout.toModel(t, inAxes)),
				outAxes), progress, compute);
		for (final Processing p : d.output().processing()) p.apply(out, compute);
		return out;
	}

	/**
	 * The bioimage.io test: runs the model on its test input (as one tile,
	 * with pre- and post-processing) and compares with its test output.
	 */
	public ModelTestResult test() {
		final ModelDescription d = description();
		final FloatTensor input = TensorLayout.fromModel(modelPackage.testInput(), d
			.input().axes());
		final FloatTensor expected = TensorLayout.fromModel(modelPackage
			.testOutput(), d.output().axes());
		final FloatTensor out = predict(input, Math.max(input.size(1), input.size(
			2)), null);
		if (!Arrays.equals(out.shape(), expected.shape())) {
			throw new BoneXRException("The model " + d.name() + " gives an output of " +
				"shape " + Arrays.toString(out.shape()) + " (cyx) for its test input, " +
				"but its test output has shape " + Arrays.toString(expected.shape()) + ".",
				"Export the test arrays again from the same model.");
		}
		double maxDiff = 0, worst = Double.NEGATIVE_INFINITY;
		final float[] a = out.data(), b = expected.data();
		for (int i = 0; i < a.length; i++) {
			final double diff = Math.abs((double) a[i] - b[i]);
			final double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY
				: diff - TEST_ABSOLUTE_TOLERANCE - TEST_RELATIVE_TOLERANCE * Math.abs(
					b[i]);
			maxDiff = Math.max(maxDiff, Double.isNaN(diff) ? Double.POSITIVE_INFINITY
				: diff);
			worst = Math.max(worst, excess);
		}
		return new ModelTestResult(d.name(), maxDiff, worst,
			TEST_ABSOLUTE_TOLERANCE, TEST_RELATIVE_TOLERANCE, a.length);
	}

	/** Closes the network and the package. */
	@Override
	public void close() {
		try {
			network.close();
		}
		finally {
			modelPackage.close();
		}
	}
}
