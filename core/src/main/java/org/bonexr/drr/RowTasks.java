package org.bonexr.drr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs a task for every detector row on a fixed pool of threads that pull rows in turn. */
final class RowTasks {

	private RowTasks() {}

	/** Calls {@code row} for 0 … rows−1 on {@code threads} threads; returns when all are done. */
	static void forEachRow(final int rows, final int threads,
		final IntConsumer row)
	{
		final int n = Math.max(1, Math.min(threads, rows));
		if (n == 1) {
			for (int r = 0; r < rows; r++)
				row.accept(r);
			return;
		}
		final AtomicInteger next = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(n, runnable -> {
			final Thread t = new Thread(runnable, "BoneXR DRR");
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					for (int r = next.getAndIncrement(); r < rows; r = next
						.getAndIncrement())
						row.accept(r);
				}));
			}
			for (final Future<?> f : futures)
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("DRR computation interrupted", e);
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e
				.getCause();
			throw new IllegalStateException(e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Default thread count: the available processors. */
	static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}
}
