package io.samlad.output;

import io.samlad.util.ThreadNice;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs file-writing jobs on one background thread so that encoding and writing overlap with the next prediction.
 *
 * <p>The queue is bounded: when it is full, the job runs on the caller's thread instead of waiting (back pressure
 * that never idles a core, and memory stays bounded by {@code capacity} queued images). No job is ever dropped:
 * {@link #drain()} returns only when every job submitted so far has finished, and rethrows the first failure. Jobs
 * write atomically (temporary file, then rename), so a process killed with jobs in the queue leaves only complete
 * files behind (and temporary files that the next run removes, see {@link OutputFolder}).
 *
 * <p>The thread lowers its own CPU priority to {@code nice} first ({@link ThreadNice}): it then takes the cores only
 * where the predicting threads leave them idle, so the previous image's files stop lengthening the next image's
 * prediction; what it cannot keep up with comes back to the callers through the full queue.
 */
final class BackgroundWriter implements AutoCloseable {
    /** A unit of writing. */
    @FunctionalInterface
    interface Job {
        void run() throws IOException;
    }

    private final int capacity;
    private final int nice;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Thread worker;
    private int pending;            // submitted to the queue and not finished
    private Throwable failure;
    private boolean closed;
    /** CPU time the background thread spent in jobs (0 where the JVM cannot tell). */
    private final AtomicLong workerCpuNanos = new AtomicLong();

    /** A writer whose thread keeps the caller's priority. */
    BackgroundWriter(int capacity) {
        this(capacity, 0);
    }

    /**
     * @param capacity jobs that may wait; 0 runs every job on the caller's thread
     * @param nice     the writer thread's Linux nice value, 0 (the callers' priority) to 19 (the lowest)
     */
    BackgroundWriter(int capacity, int nice) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        if (nice < 0 || nice > ThreadNice.LOWEST) {
            throw new IllegalArgumentException("writer nice must be in 0.." + ThreadNice.LOWEST + ", got " + nice);
        }
        this.capacity = capacity;
        this.nice = nice;
        if (capacity == 0) {
            worker = null;
        } else {
            worker = new Thread(this::loop, "samlad-writer");
            // Daemon: a crash of the main thread must not hang the JVM; normal exits drain first.
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Queues the job, or runs it here when the queue is full. */
    void submit(Job job) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("writer closed");
            }
            rethrow();
            if (worker != null && queue.size() < capacity) {
                queue.addLast(job);
                pending++;
                notifyAll();
                return;
            }
        }
        job.run();
    }

    /** Waits until every job submitted so far has finished; rethrows the first failure of any of them. */
    void drain() throws IOException {
        synchronized (this) {
            boolean interrupted = false;
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Files must not be lost: finish draining, then restore the flag.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            rethrow();
        }
    }

    private void rethrow() throws IOException {
        if (failure instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (failure instanceof RuntimeException re) {
            throw new IllegalStateException(re.getMessage(), re);
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    private void loop() {
        // best effort, before the first job: queued jobs wait for it (a few ms, once), nothing fails with it
        ThreadNice.lowerCurrentThread(nice);
        while (true) {
            Job job;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only close() ends the loop, so that queued files are never lost
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                job = queue.pollFirst();
            }
            Throwable t = null;
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            boolean timed = cpu.isCurrentThreadCpuTimeSupported();
            long c0 = timed ? cpu.getCurrentThreadCpuTime() : 0;
            try {
                job.run();
            } catch (IOException | RuntimeException | Error e) {
                t = e;
            }
            if (timed) {
                workerCpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - c0);
            }
            synchronized (this) {
                if (t != null && failure == null) {
                    failure = t;
                }
                pending--;
                notifyAll();
            }
        }
    }

    /**
     * CPU time the background thread has spent in jobs so far (jobs that ran on the caller's thread, when the queue
     * was full, are the caller's); for {@code samlad benchmark}.
     */
    long workerCpuNanos() {
        return workerCpuNanos.get();
    }

    /** Drains, then stops the thread. */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }
    }
}
