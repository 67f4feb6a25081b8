package io.samlad.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Maps a list on a bounded thread pool, keeping the input order, and reports progress. */
public final class ParallelMap {
    private ParallelMap() {
    }

    /** The function applied to each item, with its index. */
    @FunctionalInterface
    public interface IndexedFunction<T, R> {
        R apply(int index, T item);
    }

    /**
     * Applies {@code f} to every item using up to {@code threads} threads. The first failure is rethrown (as the
     * original unchecked exception) after the pool has stopped.
     */
    public static <T, R> List<R> map(List<T> items, int threads, IndexedFunction<T, R> f, ProgressListener progress,
            String task) {
        int n = items.size();
        AtomicInteger done = new AtomicInteger();
        if (threads <= 1 || n <= 1) {
            List<R> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(f.apply(i, items.get(i)));
                progress.update(task, done.incrementAndGet(), n);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "samlad-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    R r = f.apply(index, items.get(index));
                    progress.update(task, done.incrementAndGet(), n);
                    return r;
                }));
            }
            List<R> out = new ArrayList<>(n);
            for (Future<R> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Number of threads to use by default: every core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
