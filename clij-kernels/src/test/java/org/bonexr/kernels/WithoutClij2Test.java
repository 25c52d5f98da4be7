package org.bonexr.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;
import org.scijava.log.Logger;

/**
 * Plain ImageJ, Fiji without the CLIJ2 update site, and the command line have
 * no CLIJ2 classes: {@link ComputeBackend} must load, run the Java twin and
 * say so in one log line, without ever loading a class that touches CLIJ.
 * The test loads our classes in a class loader that hides every
 * {@code net.haesleinhuepf} class.
 */
class WithoutClij2Test {

	@Test
	void javaTwinRunsAndOneLineSaysClij2IsMissing() throws Exception {
		final HidingClassLoader loader = new HidingClassLoader(getClass().getClassLoader());
		final Class<?> backendClass = loader.loadClass(ComputeBackend.class.getName());
		final Class<?> parametersClass = loader.loadClass(AttenuationParameters.class.getName());
		final LogCapture log = new LogCapture();

		final Object backend = backendClass.getConstructor(String.class, Logger.class).newInstance("", log.logger);
		final Object parameters = parametersClass.getConstructor(double.class, double.class, double.class,
			double.class).newInstance(30000, 1, 0.2, 2);
		final Img<FloatType> in = TestImages.radiograph(30000, 8, 64, 48);
		@SuppressWarnings("unchecked")
		final Img<FloatType> out = (Img<FloatType>) backendClass.getMethod("attenuation", RandomAccessibleInterval.class,
			parametersClass).invoke(backend, in, parameters);
		final Object chosen = backendClass.getMethod("backend").invoke(backend);

		assertFalse((Boolean) chosen.getClass().getMethod("isOpenCL").invoke(chosen));
		assertTrue(chosen.toString().startsWith("Java (CLIJ2 is not installed"), chosen.toString());
		final LogMessage line = log.single();
		assertEquals(LogLevel.INFO, line.level());
		assertTrue(line.text().contains("CLIJ2 is not installed"), line.text());
		assertTrue(((java.util.List<?>) backendClass.getMethod("openClDeviceNames").invoke(null)).isEmpty());
		assertEquals(0, ImageComparison.maxRelativeDifference(out, AttenuationTransformJava.attenuation(in,
			new AttenuationParameters(30000, 1, 0.2, 2))));
		// the DRR operation too: a 1-voxel volume of 2 seen along x by one ray of 10 index units (1 mm voxels)
		final float[] padded = new float[27];
		padded[13] = 2;
		final float[][] drr = (float[][]) backendClass.getMethod("drrTrilinear", float[].class, int[].class,
			int[].class, int[].class, double[].class, double[][].class, int[].class, int[].class, double.class,
			double.class).invoke(backend, padded, new int[] { 1, 1, 1 }, new int[] { 0, 0, 0 }, new int[] { 0, 0,
				0 }, new double[] { 1, 1, 1 }, new double[][] { { -5, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0,
					0 } }, new int[] { 1 }, new int[] { 1 }, 0.01, 1.0);
		// the hat function of the voxel integrates to 2 × 1 mm along the ray through its centre
		assertEquals(2.0, drr[0][0], 1e-3);
		// model normalisation: (x - shift) * factor + add per channel
		final Class<?> affineClass = loader.loadClass(ChannelAffineParameters.class.getName());
		final Object affine = affineClass.getConstructor(double[].class, double[].class, double[].class).newInstance(
			new double[] { 1, 0 }, new double[] { 2, 3 }, new double[] { 0, 1 });
		final float[] stack = { 1, 2, 3, 4 };
		backendClass.getMethod("channelAffineInPlace", float[].class, int.class, int.class, affineClass).invoke(
			backend, stack, 2, 1, affine);
		org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] { 0, 2, 10, 13 }, stack);
		// tile blending: two one-pixel-high tiles overlapping in the middle pixel, equal weights there
		final Object tiles = backendClass.getMethod("tileAccumulator", int.class, int.class, int.class).invoke(
			backend, 1, 1, 3);
		final java.lang.reflect.Method add = tiles.getClass().getMethod("add", float[].class, int.class, int.class,
			int.class, int.class, float[].class, float[].class);
		add.setAccessible(true);
		add.invoke(tiles, new float[] { 1, 2 }, 1, 2, 0, 0, new float[] { 1 }, new float[] { 1, 1 });
		add.invoke(tiles, new float[] { 4, 3 }, 1, 2, 0, 1, new float[] { 1 }, new float[] { 1, 1 });
		org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] { 1, 3, 3 }, (float[]) tiles.getClass()
			.getMethod("result").invoke(tiles));
		assertEquals(1, log.messages.size(), "still one log line");
		for (final String onDevice : new String[] { "ChannelAffine", "TileBlend" }) {
			assertFalse(loader.defined.contains("org.bonexr.kernels." + onDevice), onDevice + " must not be loaded");
		}
		assertFalse(loader.defined.contains(OpenClContext.class.getName()), "OpenClContext must not be loaded");
		assertFalse(loader.defined.contains("org.bonexr.kernels.drr.DrrTrilinear"), "DrrTrilinear must not be loaded");
		assertFalse(loader.defined.contains(AttenuationTransform.class.getName()),
			"AttenuationTransform must not be loaded");
		backendClass.getMethod("close").invoke(backend);
	}

	/** Defines org.bonexr.kernels classes itself, hides CLIJ, delegates the rest. */
	private static final class HidingClassLoader extends ClassLoader {

		final Set<String> defined = ConcurrentHashMap.newKeySet();

		HidingClassLoader(final ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("net.haesleinhuepf.")) throw new ClassNotFoundException(name + " (hidden)");
			if (!name.startsWith("org.bonexr.kernels.")) return super.loadClass(name, resolve);
			synchronized (getClassLoadingLock(name)) {
				Class<?> c = findLoadedClass(name);
				if (c == null) {
					final byte[] bytes = classBytes(name);
					c = defineClass(name, bytes, 0, bytes.length);
					defined.add(name);
				}
				if (resolve) resolveClass(c);
				return c;
			}
		}

		@Override
		public URL getResource(final String name) {
			return name.startsWith("net/haesleinhuepf/") ? null : super.getResource(name);
		}

		private byte[] classBytes(final String name) throws ClassNotFoundException {
			try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) throw new ClassNotFoundException(name);
				return in.readAllBytes();
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
