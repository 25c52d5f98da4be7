package org.bonexr.kernels;

/**
 * Runs a probe's {@code main} in a probe JVM and then ends that JVM with
 * {@link System#exit}: exit code 0 when the probe returned, 1 (stack trace
 * printed) when it threw.
 * <p>
 * Why not let the probe's main return: CLIJ's resource cleaner
 * ({@code net.haesleinhuepf.clij.coremem.rgc.RessourceCleaner}) hands the
 * OpenCL objects the garbage collector has freed to a single-thread executor
 * whose thread is not a daemon, so a JVM in which the collector happened to
 * free one does not end after main returns (seen: 1 in 15 probe runs hung).
 * Fiji and {@code bin/bonexr} end with {@code System.exit}, as this does.
 */
public final class ProbeMain {

	private ProbeMain() {}

	/** @param args the probe class's name, then its arguments */
	public static void main(final String[] args) {
		int code = 0;
		try {
			Class.forName(args[0]).getMethod("main", String[].class).invoke(null,
				(Object) java.util.Arrays.copyOfRange(args, 1, args.length));
		}
		catch (final java.lang.reflect.InvocationTargetException e) {
			e.getCause().printStackTrace();
			code = 1;
		}
		catch (final ReflectiveOperationException e) {
			e.printStackTrace();
			code = 1;
		}
		System.out.flush();
		System.exit(code);
	}
}
