package io.samlad.data.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs the drawing and writing of images on a few threads. Each image depends only on its own seed, so the files do
 * not depend on which thread made them; results (lines of {@code anomalies.csv}) come back in index order.
 */
final class ImageJobs implements AutoCloseable {
    /** One image's work; returns its result line, or null. */
    @FunctionalInterface
    interface Job {
        String run() throws IOException;
    }

    private final ExecutorService pool;

    ImageJobs() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "samlad-generate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs jobs 0..count-1, calls {@code done} after each in index order, and returns their non-null results. */
    List<String> run(int count, IntFunction<Job> job, Runnable done) throws IOException {
        List<Future<String>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Job j = job.apply(i);
            futures.add(pool.submit(() -> {
                try {
                    return j.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        List<String> results = new ArrayList<>(count);
        try {
            for (Future<String> f : futures) {
                String r = f.get();
                if (r != null) {
                    results.add(r);
                }
                done.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating images", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
