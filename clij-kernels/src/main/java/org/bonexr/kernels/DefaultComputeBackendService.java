package org.bonexr.kernels;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/**
 * Default {@link ComputeBackendService}: a {@link ComputeBackend} created
 * lazily (no GPU work while the SciJava context starts), logging through the
 * context's {@link LogService}.
 */
@Plugin(type = Service.class)
public class DefaultComputeBackendService extends AbstractService implements ComputeBackendService {

	@Parameter
	private LogService log;

	private ComputeBackend compute;

	@Override
	public Backend backend() {
		return compute().backend();
	}

	@Override
	public synchronized void selectDevice(final String device) {
		if (compute != null) compute.close();
		compute = new ComputeBackend(device, log);
	}

	@Override
	public List<String> openClDeviceNames() {
		return ComputeBackend.openClDeviceNames();
	}

	@Override
	public Img<FloatType> attenuation(final RandomAccessibleInterval<FloatType> intensity,
		final AttenuationParameters p)
	{
		return compute().attenuation(intensity, p);
	}

	@Override
	public synchronized void dispose() {
		if (compute != null) compute.close();
		compute = null;
	}

	private synchronized ComputeBackend compute() {
		if (compute == null) compute = new ComputeBackend(System.getProperty(ComputeBackend.DEVICE_PROPERTY), log);
		return compute;
	}
}
