package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.StageTimings;
import io.samlad.objects.Scene;

/** Compares one analysed query with a template bank and returns the raw, uncalibrated measures. */
public interface Scorer {
    /**
     * @param exclude bank index of the query itself (leave-one-out calibration), else -1
     */
    RawMeasurement score(Scene query, TemplateBank bank, int exclude, StageTimings timings);

    /** Whether this scorer uses objects (masks); the analyzer skips mask generation otherwise. */
    boolean needsObjects();

    /**
     * Computes ahead what the first {@link #score} against {@code bank} would compute about the bank alone (kept in
     * the bank's cache), so that a caller with a spare moment (a batch starting to decode its first images) can take
     * it off the first queries. Optional: {@link #score} does the same work when it is not done. Thread-safe with
     * {@link #score}, which waits for a computation under way instead of repeating it.
     */
    default void prepare(TemplateBank bank) {
    }
}
