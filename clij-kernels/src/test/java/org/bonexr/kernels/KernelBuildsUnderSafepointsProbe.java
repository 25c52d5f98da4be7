package org.bonexr.kernels;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run by {@link KernelBuildSafepointTest} in its own JVM: builds an OpenCL
 * kernel {@value #BUILDS} times (PoCL's kernel cache off, so LLVM compiles
 * each time) while two threads run compiled loops and a third keeps asking
 * the JVM for safepoints ({@code System.gc()}); a safepoint stops the loops
 * through a SIGSEGV that only the JVM's own handler may take. Prints
 * {@code builds=N} and exits 0 when the JVM survived.
 */
public final class KernelBuildsUnderSafepointsProbe {

	static final int BUILDS = 40;
	private static volatile double sink;

	private KernelBuildsUnderSafepointsProbe() {}

	public static void main(final String[] args) {
		final AtomicBoolean stop = new AtomicBoolean();
		for (int t = 0; t < 2; t++) {
			daemon(() -> {
				double s = 0;
				while (!stop.get()) {
					for (int i = 0; i < 1_000_000; i++) s += Math.sqrt(i);
					sink = s;
				}
			});
		}
		daemon(() -> {
			while (!stop.get()) {
				System.gc();
				try {
					Thread.sleep(1);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		});
		final String device = ComputeBackend.openClDeviceNames().get(0);
		int builds = 0;
		for (int k = 0; k < BUILDS; k++) {
			try (ComputeBackend backend = new ComputeBackend(device)) {
				if (!backend.isOpenCL()) throw new IllegalStateException("no OpenCL on " + device);
				backend.channelAffineInPlace(new float[2 * 32 * 32], 32, 32, ChannelAffineParameters.uniform(2,
					0, 1, k));
				builds++;
			}
		}
		stop.set(true);
		System.out.println("builds=" + builds);
		System.exit(0);
	}

	private static void daemon(final Runnable r) {
		final Thread t = new Thread(r);
		t.setDaemon(true);
		t.start();
	}
}
