package org.bonexr.kernels;

import java.util.Objects;
import java.util.Optional;

/**
 * Which backend runs the operations of a {@link ComputeBackend}: an OpenCL
 * device through CLIJ2, or the Java twins, and why. Immutable.
 */
public final class Backend {

	private final String deviceName;
	private final String reason;

	private Backend(final String deviceName, final String reason) {
		this.deviceName = deviceName;
		this.reason = Objects.requireNonNull(reason);
	}

	static Backend openCl(final String deviceName, final String reason) {
		return new Backend(Objects.requireNonNull(deviceName), reason);
	}

	static Backend java(final String reason) {
		return new Backend(null, reason);
	}

	/** @return true when operations run on an OpenCL device */
	public boolean isOpenCL() {
		return deviceName != null;
	}

	/** @return the OpenCL device name, empty for the Java backend */
	public Optional<String> deviceName() {
		return Optional.ofNullable(deviceName);
	}

	/** @return "OpenCL: &lt;device name&gt;" or "Java" */
	public String name() {
		return isOpenCL() ? "OpenCL: " + deviceName : "Java";
	}

	/** @return why this backend was chosen, e.g. "no OpenCL device found" */
	public String reason() {
		return reason;
	}

	/** @return "OpenCL: &lt;device name&gt;" or "Java (&lt;reason&gt;)" */
	@Override
	public String toString() {
		return isOpenCL() ? name() : name() + " (" + reason + ")";
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Backend)) return false;
		final Backend b = (Backend) o;
		return Objects.equals(deviceName, b.deviceName) && reason.equals(b.reason);
	}

	@Override
	public int hashCode() {
		return Objects.hash(deviceName, reason);
	}
}
