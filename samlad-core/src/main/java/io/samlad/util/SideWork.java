package io.samlad.util;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A piece of work that may run on an idle core while its caller does something else, then is joined. One image on
 * a line camera leaves all cores but one idle unless its independent stages overlap; a batch on every core has no
 * idle core to give. So the work goes to a helper thread only while fewer side tasks are pending than there are
 * spare cores, and whoever comes first runs it: a helper that picks it up, or the caller at {@link #join()} if no
 * helper has started it yet. It thus never waits for a busy helper, and never runs twice.
 *
 * @param <T> the result
 */
public final class SideWork<T> {
    /**
     * Spare cores; {@code -Dsamlad.sideWork=false} makes it 0 (everything on the caller's thread: the setting for
     * measuring CPU time per image on one thread, or for a process that must keep to one core).
     */
    private static final int HELPERS = Boolean.parseBoolean(System.getProperty("samlad.sideWork", "true"))
            ? Runtime.getRuntime().availableProcessors() - 1 : 0;
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static volatile ExecutorService helpers;

    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final boolean counted;

    private SideWork(Supplier<T> work, boolean counted) {
        this.work = work;
        this.counted = counted;
    }

    /** Starts {@code work} on a helper thread if a core is spare, else leaves it for {@link #join()}. */
    public static <T> SideWork<T> start(Supplier<T> work) {
        if (HELPERS < 1 || PENDING.incrementAndGet() > HELPERS) {
            if (HELPERS >= 1) {
                PENDING.decrementAndGet();
            }
            return new SideWork<>(work, false);
        }
        SideWork<T> side = new SideWork<>(work, true);
        helpers().execute(side::runIfUnclaimed);
        return side;
    }

    /** The result: runs the work here unless a helper has started it, then waits for it; rethrows its failure. */
    public T join() {
        runIfUnclaimed();
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Runs the work if nobody has; whether this call ran it. */
    private boolean runIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        try {
            result.complete(work.get());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        } finally {
            if (counted) {
                PENDING.decrementAndGet();
            }
        }
        return true;
    }

    private static ExecutorService helpers() {
        ExecutorService h = helpers;
        if (h == null) {
            synchronized (SideWork.class) {
                h = helpers;
                if (h == null) {
                    AtomicInteger n = new AtomicInteger();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(HELPERS, HELPERS, 30, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, "samlad-side-" + n.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    // idle helpers end after 30 s: nothing stays behind in a library user's process
                    pool.allowCoreThreadTimeOut(true);
                    helpers = h = pool;
                }
            }
        }
        return h;
    }
}
