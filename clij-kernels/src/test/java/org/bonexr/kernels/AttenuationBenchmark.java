package org.bonexr.kernels;

import java.util.Arrays;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.scijava.log.StderrLogService;

/**
 * Times the attenuation transform end to end (image in, new image out; for
 * OpenCL including upload and download) on the Java twin and the first OpenCL
 * device. Not a test. Prints key=value lines.
 * <p>
 * Run (from clij-kernels, after {@code mvn -o -q test-compile}):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.bonexr.kernels.AttenuationBenchmark [size] [repeats]}
 * with cp.txt from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class AttenuationBenchmark {

	private AttenuationBenchmark() {}

	public static void main(final String[] args) {
		final int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
		final int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
		final double i0 = 60000;
		final Img<FloatType> image = TestImages.radiograph(i0, 1, size, size);
		final AttenuationParameters p = new AttenuationParameters(i0, 1, 0.5, 0.8);
		System.out.println("image=" + size + "x" + size);
		System.out.println("cores=" + Runtime.getRuntime().availableProcessors());
		try (ComputeBackend java = new ComputeBackend(ComputeBackend.CPU, new StderrLogService());
			ComputeBackend openCl = new ComputeBackend("", new StderrLogService()))
		{
			final Img<FloatType> reference = java.attenuation(image, p);
			System.out.println("java_median_ms=" + medianMs(() -> java.attenuation(image, p), repeats));
			if (openCl.isOpenCL()) {
				System.out.println("opencl_device=" + openCl.backend().deviceName().get());
				System.out.println("opencl_median_ms=" + medianMs(() -> openCl.attenuation(image, p), repeats));
				System.out.println("max_relative_difference=" + ImageComparison.maxRelativeDifference(openCl
					.attenuation(image, p), reference));
			}
		}
	}

	private static double medianMs(final Runnable work, final int repeats) {
		work.run(); // warm-up (JIT, kernel build)
		final double[] ms = new double[repeats];
		for (int i = 0; i < repeats; i++) {
			final long t0 = System.nanoTime();
			work.run();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[repeats / 2];
	}
}
