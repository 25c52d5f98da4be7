package org.bonexr.kernels;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.bonexr.kernels.drr.DrrTrilinear;
import org.bonexr.kernels.drr.DrrTrilinearJava;
import org.scijava.log.Logger;
import org.scijava.log.StderrLogService;

/**
 * Runs BoneXR's image operations on an OpenCL device through CLIJ2, or on
 * their Java twins (same semantics, results equal within each operation's
 * stated tolerance) when that is asked for or not possible.
 * <p>
 * Device choice, made lazily at the first operation or {@link #backend()}
 * call (and again after {@link #selectDevice} or {@link #close()}):
 * <ul>
 * <li>{@code null} or blank: the first OpenCL device CLIJ lists;</li>
 * <li>{@value #CPU} (any case): the Java twins;</li>
 * <li>otherwise: the first device whose name contains the text, ignoring
 * case (e.g. "RTX", "pthread"). When none does, the Java twins run and a
 * warning lists the devices there are: a setting made for one machine does
 * not stop work on another.</li>
 * </ul>
 * The Java twins also run when CLIJ2 is not installed (plain ImageJ, Fiji
 * without the CLIJ2 update site, the command line), when there is no OpenCL
 * runtime or device, or when the device cannot be initialised. Exactly one
 * log line says which backend runs and why. When a kernel cannot be built on
 * the chosen device (a broken or disturbed OpenCL compiler), that operation
 * and every later one run in Java, with one warning that says so and what to
 * do (until {@link #selectDevice} or {@link #close()}, which choose again).
 * <p>
 * Holds the GPU context; {@link #close()} releases it (a later operation
 * opens it again). Thread-safe. Usable from a script:
 *
 * <pre>
 * backend = ComputeBackend("cpu")   # or ComputeBackend() for the first OpenCL device
 * out = backend.attenuation(img, AttenuationParameters(60000, 1, 0, 1))
 * backend.close()
 * </pre>
 * <p>
 * Adding an operation: a class with the CLIJ2 entry point and a kernel file
 * next to it, a Java twin, and one method here that picks between them.
 */
public final class ComputeBackend implements AutoCloseable {

	/** Device name that forces the Java twins. */
	public static final String CPU = "cpu";

	/** System property holding the default device choice (e.g. -Dbonexr.device=cpu). */
	public static final String DEVICE_PROPERTY = "bonexr.device";

	static final String LOG_PREFIX = "BoneXR compute backend: ";

	private static final String CLIJ2_CLASS = "net.haesleinhuepf.clij2.CLIJ2";

	private final Logger log;

	private String requestedDevice;

	private Backend backend;
	private OpenClContext openCl;
	/** A context given up after a kernel build failure; released by {@link #close()}. */
	private OpenClContext retired;

	/** Device from the system property {@value #DEVICE_PROPERTY}, logging to stderr. */
	public ComputeBackend() {
		this(System.getProperty(DEVICE_PROPERTY));
	}

	/**
	 * @param device device choice (see class description); logging to stderr
	 */
	public ComputeBackend(final String device) {
		this(device, new StderrLogService());
	}

	/**
	 * @param device device choice (see class description)
	 * @param log receives the one line saying which backend runs
	 */
	public ComputeBackend(final String device, final Logger log) {
		this.log = Objects.requireNonNull(log, "log");
		this.requestedDevice = normalise(device);
	}

	/** @return the device choice ("" for the first device) */
	public synchronized String requestedDevice() {
		return requestedDevice;
	}

	/**
	 * Changes the device choice: releases the current device; the next
	 * operation chooses again (and logs its one line).
	 *
	 * @param device device choice (see class description)
	 */
	public synchronized void selectDevice(final String device) {
		close();
		requestedDevice = normalise(device);
	}

	/**
	 * @return names of the OpenCL devices CLIJ2 sees; empty when CLIJ2, an
	 *         OpenCL runtime or any device is missing
	 */
	public static List<String> openClDeviceNames() {
		if (!clij2Present()) return Collections.emptyList();
		try {
			return Collections.unmodifiableList(OpenClContext.deviceNames());
		}
		catch (final RuntimeException | LinkageError e) {
			return Collections.emptyList();
		}
	}

	/** @return the backend operations run on; chosen (and logged) at the first call */
	public synchronized Backend backend() {
		if (backend == null) {
			backend = choose();
		}
		return backend;
	}

	/** @return true when operations run on an OpenCL device */
	public boolean isOpenCL() {
		return backend().isOpenCL();
	}

	/**
	 * Attenuation transform with normalisation, per pixel (definition and
	 * physics in {@link AttenuationParameters}). On the OpenCL device the image
	 * goes in blocks of rows: all at once first, halved after each
	 * out-of-memory error (one warning per retry); when even one row does not
	 * fit, the Java twin runs (one warning).
	 *
	 * @param intensity raw intensity image, any number of dimensions (not
	 *          modified)
	 * @param p transform parameters
	 * @return a new image with the same dimensions (min 0)
	 */
	public Img<FloatType> attenuation(final RandomAccessibleInterval<FloatType> intensity,
		final AttenuationParameters p)
	{
		Objects.requireNonNull(intensity, "intensity image");
		Objects.requireNonNull(p, "attenuation parameters");
		final OpenClContext cl = openCl();
		if (cl != null) {
			try {
				return AttenuationTransform.attenuation(cl, intensity, p, this::warnRetry);
			}
			catch (final RuntimeException e) {
				if (OpenClContext.isOutOfMemory(e)) {
					log.warn(LOG_PREFIX + "one image row does not fit the OpenCL device (" + OpenClContext.errorName(e) +
						"); this transform runs in Java.");
				}
				else if (!javaAfterBuildFailure(e, "the attenuation transform")) throw e;
			}
		}
		return AttenuationTransformJava.attenuation(intensity, p);
	}

	private void warnRetry(final String line) {
		log.warn(LOG_PREFIX + line);
	}

	/**
	 * Per-channel affine map, in place: out = (in - shift[c]) * factor[c] +
	 * add[c] (see {@link ChannelAffineParameters}); the normalisation steps of
	 * a model's pre- and post-processing. On the OpenCL device
	 * ({@link ChannelAffine}) or with the Java twin ({@link ChannelAffineJava});
	 * they agree within two float roundings. On the device the stack goes in
	 * blocks of rows like {@link #attenuation}: all at once first, halved after
	 * each out-of-memory error (one warning per retry); when even one row does
	 * not fit, the Java twin does the rows that are left (one warning).
	 *
	 * @param pixels a (width, height, channels) stack in C order, x fastest
	 *          (the memory order of a {@code cyx} tensor); overwritten with the
	 *          result
	 * @param width pixels per row
	 * @param height rows per channel
	 * @param p one map per channel
	 */
	public void channelAffineInPlace(final float[] pixels, final int width, final int height,
		final ChannelAffineParameters p)
	{
		Objects.requireNonNull(pixels, "pixels");
		Objects.requireNonNull(p, "channel affine parameters");
		p.checkStack(pixels.length, width * height);
		final OpenClContext cl = openCl();
		final AtomicInteger rowsDone = new AtomicInteger();
		if (cl != null) {
			try {
				ChannelAffine.applyInPlace(cl, pixels, width, height, p, this::warnRetry, rowsDone);
				return;
			}
			catch (final RuntimeException e) {
				if (OpenClContext.isOutOfMemory(e)) {
					log.warn(LOG_PREFIX + "one image row does not fit the OpenCL device (" + OpenClContext.errorName(e) +
						"); this normalisation runs in Java from row " + rowsDone.get() + " on.");
				}
				else if (!javaAfterBuildFailure(e, "the normalisation")) throw e;
			}
		}
		ChannelAffineJava.applyInPlace(pixels, width * height, p, rowsDone.get() * width);
	}

	/**
	 * Starts blending the overlapping tiles of a model's output into one image
	 * (see {@link TileAccumulator}): the sums live on the OpenCL device for the
	 * whole sequence ({@link TileBlend}), or in Java ({@link TileBlendJava}).
	 * When the device cannot hold the sums, runs out of memory for a tile or
	 * cannot build a kernel, the Java twin takes over (with the sums so far)
	 * and one warning says so.
	 *
	 * @param channels output channels
	 * @param height image rows
	 * @param width image columns
	 * @return an accumulator; close it when done
	 */
	public TileAccumulator tileAccumulator(final int channels, final int height, final int width) {
		final OpenClContext cl = openCl();
		if (cl != null) {
			try {
				return new DeviceOrJavaTiles(TileBlend.open(cl, channels, height, width), channels, height, width);
			}
			catch (final RuntimeException e) {
				if (OpenClContext.isOutOfMemory(e)) warnTilesInJava(channels, height, width, e);
				else if (!javaAfterBuildFailure(e, "the tile blending")) throw e;
			}
		}
		return new TileBlendJava(channels, height, width);
	}

	private void warnTilesInJava(final int channels, final int height, final int width, final RuntimeException e) {
		log.warn(LOG_PREFIX + String.format(Locale.ROOT, "the tile sums of a %d x %d x %d output (%.1f MB) do " +
			"not fit the OpenCL device (%s); this tile blending runs in Java.", channels, height, width, (channels +
				1.0) * height * width * Float.BYTES / 1e6, OpenClContext.errorName(e)));
	}

	/** The device accumulator, replaced by its Java twin (holding the same sums) when the device runs out of memory. */
	private final class DeviceOrJavaTiles implements TileAccumulator {

		private final int channels, height, width;
		private TileBlend device;
		private TileBlendJava java;

		DeviceOrJavaTiles(final TileBlend device, final int channels, final int height, final int width) {
			this.device = device;
			this.channels = channels;
			this.height = height;
			this.width = width;
		}

		@Override
		public void add(final float[] tile, final int tileHeight, final int tileWidth, final int y0, final int x0,
			final float[] weightY, final float[] weightX)
		{
			if (device != null) {
				try {
					device.add(tile, tileHeight, tileWidth, y0, x0, weightY, weightX);
					return;
				}
				catch (final RuntimeException e) {
					toJava(e);
				}
			}
			java.add(tile, tileHeight, tileWidth, y0, x0, weightY, weightX);
		}

		@Override
		public boolean onDevice() {
			return device != null;
		}

		/** The division allocates nothing on the device; only its kernel's build can fail. */
		@Override
		public float[] result() {
			if (device != null) {
				try {
					return device.result();
				}
				catch (final RuntimeException e) {
					toJava(e);
				}
			}
			return java.result();
		}

		/** The Java twin takes the sums so far, when the device ran out of memory or could not build a kernel. */
		private void toJava(final RuntimeException e) {
			if (OpenClContext.isOutOfMemory(e)) warnTilesInJava(channels, height, width, e);
			else if (!javaAfterBuildFailure(e, "the tile blending")) throw e;
			java = device.toJava();
			device = null;
		}

		@Override
		public void close() {
			if (device != null) device.close();
			if (java != null) java.close();
		}
	}

	/**
	 * DRRs by fixed-step trilinear ray marching: on the OpenCL device
	 * ({@link DrrTrilinear}, the volume uploaded once for all ray families) or
	 * with the Java twin ({@link DrrTrilinearJava}, detector rows in parallel
	 * on the common fork-join pool). Conventions (padded volume, index
	 * coordinates, the 18 ray coefficients, midpoint rule) are stated in
	 * {@link DrrTrilinearJava}; the two backends agree within 1e-4 of the
	 * image's maximum. A volume that does not fit the device's memory runs on
	 * the Java twin (one warning): rays cross the whole volume, so it is not
	 * split.
	 *
	 * @param padded volume with one voxel of zeros on every side, x fastest (not
	 *          modified)
	 * @param dims nx, ny, nz (without padding)
	 * @param lo smallest x, y, z index of a non-zero voxel
	 * @param hi largest x, y, z index of a non-zero voxel
	 * @param spacingMm voxel size sx, sy, sz in mm
	 * @param rays one array of 18 ray coefficients per DRR
	 * @param columns detector width in pixels, per DRR
	 * @param rows detector height in pixels, per DRR
	 * @param stepMm largest marching step, mm (&gt; 0)
	 * @param scale factor applied to ∫ f dl
	 * @return one DRR per ray family, columns × rows, row-major
	 */
	public float[][] drrTrilinear(final float[] padded, final int[] dims,
		final int[] lo, final int[] hi, final double[] spacingMm,
		final double[][] rays, final int[] columns, final int[] rows,
		final double stepMm, final double scale)
	{
		checkDrrArguments(padded, dims, rays, columns, rows, stepMm);
		final OpenClContext cl = openCl();
		if (cl != null) {
			try {
				return DrrTrilinear.project(cl, padded, dims, lo, hi, spacingMm, rays, columns, rows, stepMm, scale);
			}
			catch (final RuntimeException e) {
				if (OpenClContext.isOutOfMemory(e)) {
					log.warn(LOG_PREFIX + "the CT volume (" + padded.length * (long) Float.BYTES / 1000000 +
						" MB) does not fit the OpenCL device (" + OpenClContext.errorName(e) + "); these DRRs run in Java.");
				}
				else if (!javaAfterBuildFailure(e, "the DRR projection")) throw e;
			}
		}
		final float[][] out = new float[rays.length][];
		for (int r = 0; r < rays.length; r++) {
			final float[] image = new float[columns[r] * rows[r]];
			final double[] ray = rays[r];
			final int cols = columns[r];
			IntStream.range(0, rows[r]).parallel().forEach(v -> DrrTrilinearJava
				.projectRow(padded, dims, lo, hi, spacingMm, ray, cols, v, stepMm,
					scale, image));
			out[r] = image;
		}
		return out;
	}

	private static void checkDrrArguments(final float[] padded, final int[] dims,
		final double[][] rays, final int[] columns, final int[] rows,
		final double stepMm)
	{
		Objects.requireNonNull(padded, "padded volume");
		if (dims.length != 3 || (long) (dims[0] + 2) * (dims[1] + 2) * (dims[2] +
			2) != padded.length)
		{
			throw new IllegalArgumentException("The padded volume has " +
				padded.length + " values, not (nx+2)(ny+2)(nz+2) for " + Arrays
					.toString(dims) + ".");
		}
		if (columns.length != rays.length || rows.length != rays.length) {
			throw new IllegalArgumentException(rays.length + " ray families but " +
				columns.length + " column and " + rows.length + " row counts.");
		}
		for (final double[] r : rays)
			if (r.length != 18) throw new IllegalArgumentException(
				"A ray family has 18 coefficients, not " + r.length + ".");
		if (!(stepMm > 0) || Double.isInfinite(stepMm)) {
			throw new IllegalArgumentException("The marching step must be a positive number of mm, not " + stepMm + ".");
		}
	}

	/**
	 * After a kernel could not be built on the device: this and every later
	 * operation run in Java (one warning, from the first thread to see it);
	 * the device context is kept until {@link #close()}, since other threads
	 * may still hold it.
	 *
	 * @param operation what could not run, e.g. "the normalisation"
	 * @return false when e is not a kernel build failure (the caller rethrows
	 *         it)
	 */
	private synchronized boolean javaAfterBuildFailure(final RuntimeException e, final String operation) {
		if (!OpenClContext.isKernelBuildFailure(e)) return false;
		if (openCl != null) {
			final String device = openCl.deviceName();
			retired = openCl;
			openCl = null;
			backend = Backend.java("an OpenCL kernel could not be built on '" + device + "'");
			log.warn(LOG_PREFIX + "an OpenCL kernel for " + operation + " could not be built on '" + device +
				"' (" + e + "); it and every later operation run in Java. With PoCL (OpenCL on the CPU) start Java " +
				"(Fiji) with LD_PRELOAD=" + Paths.get(System.getProperty("java.home"), "lib", "libjsig.so") +
				" (BoneXR's docs/update-site.md); otherwise update the " +
				"OpenCL driver, or set " + DEVICE_PROPERTY + " to '" + CPU + "' to use Java from the start.");
		}
		return true;
	}

	/** Releases the OpenCL context (after running operations finish); a later operation reopens it. */
	@Override
	public synchronized void close() {
		for (final OpenClContext context : new OpenClContext[] { openCl, retired }) {
			if (context != null) {
				synchronized (context) {
					context.close();
				}
			}
		}
		openCl = null;
		retired = null;
		backend = null;
	}

	/** @return the OpenCL context, or null when the Java twins run */
	private synchronized OpenClContext openCl() {
		backend();
		return openCl;
	}

	private Backend choose() {
		if (requestedDevice.toLowerCase(Locale.ROOT).equals(CPU)) {
			return java(false, "device '" + CPU + "' was requested");
		}
		if (!clij2Present()) {
			return java(false, "CLIJ2 is not installed; in Fiji, enable the clij and clij2 update sites to use OpenCL");
		}
		final List<String> names;
		try {
			names = OpenClContext.deviceNames();
		}
		catch (final RuntimeException | LinkageError e) {
			return java(false, "no usable OpenCL runtime (" + e + "); install an OpenCL driver for your GPU, " +
				"or pocl-opencl-icd for the CPU");
		}
		if (names.isEmpty()) {
			return java(false, "no OpenCL device found");
		}
		final String device;
		final String why;
		if (requestedDevice.isEmpty()) {
			device = names.get(0);
			why = "first of " + names.size() + " OpenCL device(s); set " + DEVICE_PROPERTY +
				" to part of another device name, or to '" + CPU + "' for Java";
		}
		else {
			device = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(requestedDevice.toLowerCase(
				Locale.ROOT))).findFirst().orElse(null);
			if (device == null) {
				return java(true, "no OpenCL device matches '" + requestedDevice + "'; available: " + names);
			}
			why = "matches the requested '" + requestedDevice + "'";
		}
		try {
			openCl = OpenClContext.open(device);
		}
		catch (final RuntimeException | LinkageError e) {
			return java(true, "OpenCL device '" + device + "' could not be initialised: " + e);
		}
		final Backend chosen = Backend.openCl(device, why);
		log.info(LOG_PREFIX + chosen.name() + ", OpenCL " + openCl.openClVersion() + " (" + why + ").");
		return chosen;
	}

	private Backend java(final boolean warn, final String reason) {
		final Backend chosen = Backend.java(reason);
		final String line = LOG_PREFIX + chosen + ".";
		if (warn) log.warn(line);
		else log.info(line);
		return chosen;
	}

	private static String normalise(final String device) {
		return device == null ? "" : device.trim();
	}

	private static boolean clij2Present() {
		try {
			Class.forName(CLIJ2_CLASS, false, ComputeBackend.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	@Override
	public synchronized String toString() {
		return "ComputeBackend[" + (backend == null ? "not yet chosen" : backend) + "]";
	}
}
