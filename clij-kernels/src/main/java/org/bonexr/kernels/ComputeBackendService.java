package org.bonexr.kernels;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.scijava.service.SciJavaService;

/**
 * SciJava service that runs BoneXR's image operations on an OpenCL device
 * through CLIJ2, or on their Java twins. It holds one {@link ComputeBackend}
 * (device choice, fallback rules and the one log line are described there),
 * created at first use with the device named by the system property
 * {@value ComputeBackend#DEVICE_PROPERTY} (unset: the first OpenCL device;
 * {@value ComputeBackend#CPU}: Java), and releases its GPU context when the
 * SciJava context is disposed.
 * <p>
 * A new operation is a method on {@link ComputeBackend}, reached through
 * {@link #compute()}.
 */
public interface ComputeBackendService extends SciJavaService {

	/**
	 * @return the one {@link ComputeBackend} of this context; every operation
	 *         is a method there (those below are shortcuts)
	 */
	ComputeBackend compute();

	/** @return the backend operations run on; chosen (and logged) at the first call */
	default Backend backend() {
		return compute().backend();
	}

	/** @return true when operations run on an OpenCL device */
	default boolean isOpenCL() {
		return backend().isOpenCL();
	}

	/**
	 * Changes the device for later operations; releases the current GPU context.
	 *
	 * @param device null or blank for the first OpenCL device,
	 *          {@value ComputeBackend#CPU} for Java, or part of a device name
	 */
	default void selectDevice(final String device) {
		compute().selectDevice(device);
	}

	/** @return names of the OpenCL devices there are (empty without CLIJ2 or OpenCL) */
	default List<String> openClDeviceNames() {
		return ComputeBackend.openClDeviceNames();
	}

	/**
	 * Attenuation transform with normalisation, per pixel: A = -ln(max(I,
	 * floorIntensity) / i0), out = (A - offset) * scale (details and physics in
	 * {@link AttenuationParameters}).
	 *
	 * @param intensity raw intensity image (not modified)
	 * @param p transform parameters
	 * @return a new image with the same dimensions (min 0)
	 */
	default Img<FloatType> attenuation(final RandomAccessibleInterval<FloatType> intensity,
		final AttenuationParameters p)
	{
		return compute().attenuation(intensity, p);
	}

	/**
	 * DRRs by trilinear ray marching on the chosen backend; arguments and
	 * conventions in {@link ComputeBackend#drrTrilinear}.
	 *
	 * @return one DRR per ray family, columns × rows, row-major
	 */
	default float[][] drrTrilinear(final float[] padded, final int[] dims,
		final int[] lo, final int[] hi, final double[] spacingMm,
		final double[][] rays, final int[] columns, final int[] rows,
		final double stepMm, final double scale)
	{
		return compute().drrTrilinear(padded, dims, lo, hi, spacingMm, rays,
			columns, rows, stepMm, scale);
	}
}
