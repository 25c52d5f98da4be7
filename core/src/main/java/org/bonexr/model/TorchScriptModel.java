package org.bonexr.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.bonexr.core.BoneXRException;
import org.scijava.log.Logger;

/**
 * TorchScript weights run by DJL's PyTorch engine (libtorch), on the
 * engine's default device: a GPU when DJL finds one (and a CUDA build of
 * libtorch is installed), else the CPU.
 * <p>
 * DJL is used offline: unless the user set {@code ai.djl.offline} or
 * {@code DJL_OFFLINE}, BoneXR sets {@code ai.djl.offline=true}, so the
 * native library comes from the {@code pytorch-native-cpu} jar on the class
 * path (extracted once into {@code ~/.djl.ai/pytorch}, or
 * {@code $DJL_CACHE_DIR}; {@code PYTORCH_LIBRARY_PATH} points DJL to another
 * libtorch). Thread-safe: every forward pass of every model in the JVM runs
 * on one long-lived worker thread ({@value #WORKER_NAME}), one at a time;
 * callers wait for it. libtorch's CPU kernels (oneDNN convolutions, its
 * OpenMP pool) are not safe to drive from many short-lived or concurrent
 * threads: the JVM died of a segmentation fault inside them, rarely, when
 * SciJava command threads ran the networks directly. A network already
 * uses all cores for one pass, so the queue costs no throughput.
 */
public final class TorchScriptModel implements LoadedModel {

	static final String ENGINE = "PyTorch";
	/** Engine start-up slower than this (s) is reported as the first use. */
	private static final double FIRST_USE_SECONDS = 0.05;

	static final String WORKER_NAME = "bonexr-torch";
	private static final ExecutorService WORKER = Executors
		.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, WORKER_NAME);
			t.setDaemon(true);
			return t;
		});

	private final Model model;
	private final String device;

	private TorchScriptModel(final Model model) {
		this.model = model;
		this.device = model.getNDManager().getDevice().toString();
	}

	/**
	 * Starts the PyTorch engine (loading its native library on first use) and
	 * reports how long that took.
	 *
	 * @param log where to write the engine's start-up line (may be null)
	 * @return the engine
	 */
	public static Engine engine(final Logger log) {
		if (System.getProperty("ai.djl.offline") == null && System.getenv(
			"DJL_OFFLINE") == null)
		{
			System.setProperty("ai.djl.offline", "true");
		}
		final long t0 = System.nanoTime();
		final Engine engine;
		try {
			engine = Engine.getEngine(ENGINE);
		}
		catch (final EngineException | IllegalArgumentException e) {
			throw new BoneXRException("The PyTorch engine could not start: " + e
				.getMessage(),
				"BoneXR needs DJL's native PyTorch library (the pytorch-native-cpu jar " +
					"next to BoneXR's jars), or PYTORCH_LIBRARY_PATH pointing to a libtorch " +
					"2.7 folder; check that ~/.djl.ai (or DJL_CACHE_DIR) is writable.",
				e);
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		if (log != null) {
			// a started engine answers at once; anything slower was the first use
			final String where = ai.djl.util.Utils.getEngineCacheDir(ENGINE
				.toLowerCase()).toString();
			if (seconds >= FIRST_USE_SECONDS) log.info(String.format(
				"First use of PyTorch %s in this session: native library loaded in " +
					"%.2f s (extracted once into %s); models run on %s.", engine
						.getVersion(), seconds, where, engine.defaultDevice()));
			else log.debug("PyTorch " + engine.getVersion() + " already loaded; " +
				"models run on " + engine.defaultDevice() + ".");
		}
		return engine;
	}

	/**
	 * Loads TorchScript weights on the engine's default device.
	 *
	 * @param weights the {@code .pt} file
	 * @param log where to write the engine's start-up line (may be null)
	 */
	public static TorchScriptModel load(final Path weights, final Logger log) {
		final Engine engine = engine(log);
		final Device device = engine.defaultDevice();
		final Model model = Model.newInstance(weights.getFileName().toString(),
			device, ENGINE);
		try {
			model.load(weights);
		}
		catch (final IOException | MalformedModelException | EngineException e) {
			model.close();
			throw new BoneXRException("The TorchScript weights " + weights +
				" could not be loaded: " + e.getMessage(),
				"Export the network with torch.jit.script or torch.jit.trace and " +
					"torch.jit.save (PyTorch 1.13 or newer).", e);
		}
		return new TorchScriptModel(model);
	}

	@Override
	public FloatTensor run(final FloatTensor input) {
		final Future<FloatTensor> pass = WORKER.submit(() -> forward(input));
		try {
			return pass.get();
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BoneXRException("Interrupted while the network ran.",
				"Run the command again.", e);
		}
	}

	private FloatTensor forward(final FloatTensor input) {
		try (NDManager scope = model.getNDManager().newSubManager()) {
			final NDArray x = scope.create(input.data(), new Shape(input.shape()));
			final NDList out;
			try {
				out = model.getBlock().forward(new ParameterStore(scope, false),
					new NDList(x), false);
			}
			catch (final EngineException e) {
				throw new BoneXRException("The network failed on an input of shape " +
					Arrays.toString(input.shape()) + ": " + firstLine(e.getMessage()),
					"Check that the input fits the model's contract (axes, channels, " +
						"tile size); try another tile size.", e);
			}
			if (out.isEmpty()) {
				throw new BoneXRException("The network returned no tensor.",
					"Use a model whose forward returns one tensor.");
			}
			NDArray y = out.get(0);
			if (y.getDataType() != DataType.FLOAT32) y = y.toType(DataType.FLOAT32,
				false);
			return new FloatTensor(y.getShape().getShape(), y.toFloatArray());
		}
	}

	@Override
	public String device() {
		return device;
	}

	@Override
	public void close() {
		model.close();
	}

	private static String firstLine(final String s) {
		if (s == null) return "";
		final int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}
