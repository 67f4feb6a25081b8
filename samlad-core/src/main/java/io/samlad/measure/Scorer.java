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
}
