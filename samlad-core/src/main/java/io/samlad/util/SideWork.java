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

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
    /** Per joining thread: CPU nanoseconds helpers spent on the side work it joined (a running total). */
    private static final ThreadLocal<long[]> JOINED_HELPER_CPU = ThreadLocal.withInitial(() -> new long[1]);

    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** The thread that ran the work and its CPU time there (read after {@link #result} completes). */
    private volatile Thread ranOn;
    private volatile long cpuNanos;
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
            T value = result.join();
            if (ranOn != Thread.currentThread()) {
                JOINED_HELPER_CPU.get()[0] += cpuNanos;
            }
            return value;
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

    /**
     * CPU nanoseconds that helper threads spent on side work the calling thread has joined so far (a running total,
     * 0 where the JVM cannot measure CPU time): the difference across a stage is that stage's work done elsewhere,
     * which the caller's own CPU time does not hold.
     */
    public static long joinedHelperCpuNanos() {
        return JOINED_HELPER_CPU.get()[0];
    }

    /** Runs the work if nobody has; whether this call ran it. */
    private boolean runIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        long c0 = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
        try {
            T value = work.get();
            cpuNanos = CPU_TIME ? THREADS.getCurrentThreadCpuTime() - c0 : 0;
            ranOn = Thread.currentThread();
            result.complete(value);
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
