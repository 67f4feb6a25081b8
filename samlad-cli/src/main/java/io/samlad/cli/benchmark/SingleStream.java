package io.samlad.cli.benchmark;

import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.detector.FittedDetector;
import io.samlad.output.PredictionWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-stream pass: every image in turn on this thread, with its stage timings, the wall time of predict
 * alone, and the CPU time (the thread's and its helpers') and allocation (the thread's) for the whole image (on a
 * shared machine wall time also counts waiting for a core; allocation is what keeps the collector, and so the other
 * core, busy). NaN where the JVM cannot measure CPU time or allocation per thread.
 */
public record SingleStream(List<StageTimings> timings, double[] predictMs, double[] cpuMs, double[] allocatedMb,
        double seconds) {
    public static SingleStream run(FittedDetector detector, List<Path> images, PredictionWriter writer) {
        int n = images.size();
        List<StageTimings> timings = new ArrayList<>(n);
        double[] predictMs = new double[n];
        double[] cpuMs = new double[n];
        double[] allocatedMb = new double[n];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        com.sun.management.ThreadMXBean alloc = threads instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() ? t : null;
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long p0 = System.nanoTime();
            long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
            long a0 = alloc != null ? alloc.getCurrentThreadAllocatedBytes() : 0;
            StageTimings t = TimedPrediction.run(detector, images.get(i), writer, i);
            // this thread's time plus what ran on helper threads for this image (the masks, see SideWork)
            cpuMs[i] = cpu ? (threads.getCurrentThreadCpuTime() - c0 + t.offThreadCpuNanos()) / 1e6 : Double.NaN;
            allocatedMb[i] = alloc != null ? (alloc.getCurrentThreadAllocatedBytes() - a0) / (1024.0 * 1024.0)
                    : Double.NaN;
            predictMs[i] = (System.nanoTime() - p0) / 1e6 - t.millis(Stage.DECODE) - t.millis(Stage.WRITING);
            timings.add(t);
        }
        return new SingleStream(timings, predictMs, cpuMs, allocatedMb, (System.nanoTime() - s0) / 1e9);
    }
}
