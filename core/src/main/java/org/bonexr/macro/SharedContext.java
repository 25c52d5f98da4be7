package org.bonexr.macro;

import ij.IJ;

import org.scijava.Context;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;

/**
 * The SciJava context that ImageJ 1 entry points (macro extension, sample
 * opener) use: Fiji's own context when running in Fiji, else one context
 * created on first use for this ImageJ session, with plugins found through
 * the class loader that loaded BoneXR (ImageJ's plugin class loader).
 */
final class SharedContext {

	private static Context own;

	private SharedContext() {}

	static synchronized Context get() {
		if (inFiji()) {
			// Fiji's legacy layer answers this call with its own context.
			final Object fiji = IJ.runPlugIn("org.scijava.Context", "");
			if (fiji instanceof Context) return (Context) fiji;
		}
		if (own == null) {
			final ClassLoader loader = SharedContext.class.getClassLoader();
			final Thread t = Thread.currentThread();
			final ClassLoader previous = t.getContextClassLoader();
			t.setContextClassLoader(loader);
			try {
				own = new Context(new PluginIndex(new DefaultPluginFinder(loader)));
			}
			finally {
				t.setContextClassLoader(previous);
			}
		}
		return own;
	}

	private static boolean inFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false,
				SharedContext.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException e) {
			return false;
		}
	}
}
