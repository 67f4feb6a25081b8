package io.samlad.config;

import java.util.EnumMap;
import java.util.Map;

/** Wall-clock nanoseconds spent per stage on one image. Mutable while a prediction runs; read-only after. */
public final class StageTimings {
    private final EnumMap<Stage, Long> nanos = new EnumMap<>(Stage.class);

    public void add(Stage stage, long elapsedNanos) {
        nanos.merge(stage, elapsedNanos, Long::sum);
    }

    /** Runs {@code work}, charging its time to {@code stage}. */
    public <T> T time(Stage stage, java.util.function.Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, System.nanoTime() - t0);
        }
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
