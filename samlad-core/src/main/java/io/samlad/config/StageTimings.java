package io.samlad.config;

import io.samlad.util.SideWork;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wall-clock nanoseconds spent per stage on one image, and the CPU time of the timing thread in each (which, unlike
 * wall time, does not count waiting for a core on a busy machine), plus the CPU time of side work a stage handed to
 * a helper thread and joined ({@code util.SideWork}), counted as off-thread time.
 * Mutable while a prediction runs; read-only after.
 */
public final class StageTimings {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
    private final EnumMap<Stage, Long> nanos = new EnumMap<>(Stage.class);
    private final EnumMap<Stage, Long> cpuNanos = new EnumMap<>(Stage.class);
    private long offThreadCpuNanos;

    public void add(Stage stage, long elapsedNanos) {
        nanos.merge(stage, elapsedNanos, Long::sum);
    }

    /** Runs {@code work}, charging its time to {@code stage}. */
    public <T> T time(Stage stage, java.util.function.Supplier<T> work) {
        long c0 = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
        long h0 = SideWork.joinedHelperCpuNanos();
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, System.nanoTime() - t0);
            if (CPU_TIME) {
                cpuNanos.merge(stage, THREADS.getCurrentThreadCpuTime() - c0, Long::sum);
                addJoinedHelperCpu(stage, h0);
            }
        }
    }

    /**
     * Charges to {@code stage} the CPU time helper threads spent on the side work this thread has joined since
     * {@code mark} (a reading of {@code SideWork.joinedHelperCpuNanos()}): the part of the stage that ran elsewhere,
     * for stages timed outside {@link #time}.
     */
    public void addJoinedHelperCpu(Stage stage, long mark) {
        long helper = SideWork.joinedHelperCpuNanos() - mark;
        if (helper > 0) {
            addOffThreadCpu(stage, helper);
        }
    }

    /** Charges {@code cpuNanos} of CPU time to {@code stage} (for work timed outside {@link #time}). */
    public void addCpu(Stage stage, long cpuNanos) {
        this.cpuNanos.merge(stage, cpuNanos, Long::sum);
    }

    /**
     * Charges {@code cpuNanos} of CPU time spent on another thread (a stage run beside the others, see
     * {@code util.SideWork}) to {@code stage}, and counts it in {@link #offThreadCpuNanos()}: the timing thread's own
     * CPU time does not include it.
     */
    public void addOffThreadCpu(Stage stage, long cpuNanos) {
        addCpu(stage, cpuNanos);
        offThreadCpuNanos += cpuNanos;
    }

    /** CPU nanoseconds of stages that ran on other threads than the timing one (already in the stages' CPU time). */
    public long offThreadCpuNanos() {
        return offThreadCpuNanos;
    }

    /** CPU nanoseconds charged to all stages together. */
    public long totalCpuNanos() {
        long t = 0;
        for (long v : cpuNanos.values()) {
            t += v;
        }
        return t;
    }

    /** CPU time of the calling thread in nanoseconds, or 0 where the JVM cannot measure it. */
    public static long threadCpuNanos() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU milliseconds of the timing thread in {@code stage} (0 where the JVM cannot measure it). */
    public double cpuMillis(Stage stage) {
        return cpuNanos.getOrDefault(stage, 0L) / 1e6;
    }

    public double millis(Stage stage) {
        return nanos.getOrDefault(stage, 0L) / 1e6;
    }

    public double totalMillis() {
        long t = 0;
        for (long v : nanos.values()) {
            t += v;
        }
        return t / 1e6;
    }

    /** Milliseconds per measured stage, in stage order. */
    public Map<Stage, Double> asMillis() {
        EnumMap<Stage, Double> out = new EnumMap<>(Stage.class);
        nanos.forEach((k, v) -> out.put(k, v / 1e6));
        return out;
    }
}
