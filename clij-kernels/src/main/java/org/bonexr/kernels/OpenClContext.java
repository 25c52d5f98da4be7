package org.bonexr.kernels;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.haesleinhuepf.clij.CLIJ;
import net.haesleinhuepf.clij.clearcl.ClearCLBuffer;
import net.haesleinhuepf.clij.clearcl.exceptions.OpenCLException;
import net.haesleinhuepf.clij.coremem.enums.NativeTypeEnum;
import net.haesleinhuepf.clij2.CLIJ2;

/**
 * A CLIJ2 context on one OpenCL device, owned by a {@link ComputeBackend}.
 * <p>
 * It is a private {@link CLIJ2} instance, not CLIJ2's shared singleton
 * ({@code CLIJ2.getInstance}), so that choosing a device here never closes the
 * context a user's CLIJ2 macro works in, and closing it releases only our
 * buffers.
 * <p>
 * This is the only class besides the operation classes that touches CLIJ
 * types; {@link ComputeBackend} loads it only after checking that CLIJ2 is on
 * the class path. An operation locks on the context for its whole
 * push–execute–pull sequence (CLIJ2 kernels cache their arguments).
 */
public final class OpenClContext implements AutoCloseable {

	private final CLIJ2 clij2;
	private final String deviceName;

	private OpenClContext(final CLIJ2 clij2, final String deviceName) {
		this.clij2 = clij2;
		this.deviceName = deviceName;
	}

	/**
	 * @return the names of all OpenCL devices, in CLIJ's order (empty when
	 *         there is an OpenCL runtime without devices)
	 * @throws RuntimeException when no OpenCL runtime can be queried
	 * @throws LinkageError when CLIJ2 or the OpenCL library is missing
	 */
	public static List<String> deviceNames() {
		return new ArrayList<>(CLIJ.getAvailableDeviceNames());
	}

	/**
	 * Creates a context on the device with exactly this name.
	 *
	 * @param deviceName one of {@link #deviceNames()}
	 * @return the context; close it to release the device
	 * @throws IllegalArgumentException when no device has this name (CLIJ itself
	 *           would silently take another device)
	 */
	public static OpenClContext open(final String deviceName) {
		if (!deviceNames().contains(deviceName)) {
			throw new IllegalArgumentException("No OpenCL device is named '" + deviceName + "'; available: " +
				deviceNames() + ".");
		}
		final CLIJ clij = new CLIJ(deviceName);
		final String opened = clij.getGPUName();
		if (!deviceName.equals(opened)) {
			clij.close();
			throw new IllegalStateException("CLIJ opened OpenCL device '" + opened + "' when '" + deviceName +
				"' was asked for.");
		}
		return new OpenClContext(new CLIJ2(clij), opened);
	}

	/** @return the CLIJ2 instance operations run on */
	public CLIJ2 clij2() {
		return clij2;
	}

	/** @return the OpenCL device name */
	public String deviceName() {
		return deviceName;
	}

	/** @return the OpenCL version of the device, e.g. 1.2 */
	public double openClVersion() {
		return clij2.getOpenCLVersion();
	}

	/**
	 * Uploads pixels into a new float buffer.
	 *
	 * @param pixels pixels in flat iteration order
	 * @param dims buffer dimensions (1 to 3), product equal to the array length
	 * @return the buffer; release it with {@link CLIJ2#release}
	 */
	public ClearCLBuffer push(final float[] pixels, final long... dims) {
		if (dims.length < 1 || dims.length > 3 || Arrays.stream(dims).reduce(1, Math::multiplyExact) != pixels.length) {
			throw new IllegalArgumentException("Buffer dimensions " + Arrays.toString(dims) + " do not fit " +
				pixels.length + " pixels in 1 to 3 dimensions.");
		}
		final ClearCLBuffer buffer = clij2.create(dims, NativeTypeEnum.Float);
		try {
			buffer.readFrom(FloatBuffer.wrap(pixels), true);
		}
		catch (final RuntimeException e) {
			clij2.release(buffer);
			throw e;
		}
		return buffer;
	}

	/**
	 * Downloads a float buffer.
	 *
	 * @param buffer a float buffer
	 * @return its pixels in flat iteration order
	 */
	public float[] pull(final ClearCLBuffer buffer) {
		if (buffer.getNativeType() != NativeTypeEnum.Float) {
			throw new IllegalArgumentException("Expected a float buffer, got " + buffer.getNativeType() + ".");
		}
		final long length = buffer.getLength();
		if (length > FloatImages.MAX_PIXELS) {
			throw new IllegalArgumentException("Buffer of " + length + " pixels does not fit one Java array.");
		}
		final float[] pixels = new float[(int) length];
		buffer.writeTo(FloatBuffer.wrap(pixels), true);
		return pixels;
	}

	/**
	 * Maps an image to the 2D or 3D buffer shape CLIJ kernels work on, keeping
	 * the flat pixel order: a 1D image becomes one row, dimensions beyond the
	 * third are merged into the third. For per-pixel operations.
	 *
	 * @param dims image dimensions
	 * @return buffer dimensions with the same product
	 */
	public static long[] bufferDimensions(final long... dims) {
		if (dims.length == 1) return new long[] { dims[0], 1 };
		if (dims.length <= 3) return dims.clone();
		long depth = 1;
		for (int d = 2; d < dims.length; d++) depth = Math.multiplyExact(depth, dims[d]);
		return new long[] { dims[0], dims[1], depth };
	}

	/**
	 * OpenCL error codes that mean "this does not fit the device's memory":
	 * CL_MEM_OBJECT_ALLOCATION_FAILURE (-4), CL_OUT_OF_RESOURCES (-5),
	 * CL_OUT_OF_HOST_MEMORY (-6), CL_INVALID_BUFFER_SIZE (-61, larger than the
	 * device's largest allocation).
	 */
	private static final int[] OUT_OF_MEMORY_CODES = { -4, -5, -6, -61 };

	/**
	 * @param e an exception from a device operation
	 * @return true when it, or one of its causes, is an OpenCL out-of-memory
	 *         error (smaller buffers may succeed)
	 */
	public static boolean isOutOfMemory(final Throwable e) {
		return outOfMemoryCause(e) != null;
	}

	/**
	 * @param e an exception from a device operation
	 * @return the OpenCL name of its out-of-memory error, or its class name
	 */
	static String errorName(final Throwable e) {
		final OpenCLException cl = outOfMemoryCause(e);
		return cl == null ? e.getClass().getSimpleName() : OpenCLException.getErrorString(cl.getErrorCode());
	}

	private static OpenCLException outOfMemoryCause(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof OpenCLException) {
				final int code = ((OpenCLException) t).getErrorCode();
				for (final int c : OUT_OF_MEMORY_CODES)
					if (c == code) return (OpenCLException) t;
			}
		}
		return null;
	}

	/**
	 * OpenCL error codes that mean "this program or kernel cannot be built or
	 * created here": CL_COMPILER_NOT_AVAILABLE (-3), CL_BUILD_PROGRAM_FAILURE
	 * (-11), CL_INVALID_PROGRAM (-44), CL_INVALID_PROGRAM_EXECUTABLE (-45).
	 */
	private static final int[] BUILD_FAILURE_CODES = { -3, -11, -44, -45 };

	/**
	 * A kernel that could not be built: CLIJ2 prints the compiler's error
	 * (with the kernel's source) and then fails with a
	 * {@link NullPointerException} inside its own code, the kernel it could
	 * not create being null; other paths throw an {@link OpenCLException}
	 * with a build code. Seen when the device's compiler is broken or was
	 * disturbed (PoCL's LLVM under a JVM without signal chaining, see
	 * docs/update-site.md).
	 *
	 * @param e an exception from a device operation
	 * @return true when it, or one of its causes, says that a kernel could
	 *         not be built on the device
	 */
	public static boolean isKernelBuildFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof NullPointerException && t.getStackTrace().length > 0 && t.getStackTrace()[0]
				.getClassName().startsWith("net.haesleinhuepf."))
			{
				return true;
			}
			if (t instanceof OpenCLException) {
				final int code = ((OpenCLException) t).getErrorCode();
				for (final int c : BUILD_FAILURE_CODES)
					if (c == code) return true;
			}
		}
		return false;
	}

	/** Releases every buffer of this context and the device context itself. */
	@Override
	public void close() {
		clij2.close();
	}

	@Override
	public String toString() {
		return "OpenCL: " + deviceName;
	}
}
