package org.bonexr.kernels;

import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/**
 * Default {@link ComputeBackendService}: one {@link ComputeBackend}, created
 * at first use (no GPU work while the SciJava context starts), logging
 * through the context's {@link LogService}, closed when the context is
 * disposed.
 */
@Plugin(type = Service.class)
public class DefaultComputeBackendService extends AbstractService implements ComputeBackendService {

	@Parameter
	private LogService log;

	private ComputeBackend compute;

	@Override
	public synchronized ComputeBackend compute() {
		if (compute == null) compute = new ComputeBackend(System.getProperty(ComputeBackend.DEVICE_PROPERTY), log);
		return compute;
	}

	@Override
	public synchronized void dispose() {
		if (compute != null) compute.close();
	}
}
