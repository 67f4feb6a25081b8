package io.samlad.calibration;

import java.util.Locale;

/**
 * What a calibrated threshold promises: a normal part scores above it with probability at most
 * {@code falsePositiveBound}, with the stated confidence, judged from {@code sampleSize} normal images that the
 * statistics behind their scores had not seen.
 *
 * @param targetFalsePositiveRate the rate asked for
 * @param confidence              the confidence asked for
 * @param falsePositiveBound      the upper confidence bound on the false-positive rate the threshold reaches (may
 *                                exceed the target only when there were too few images and no extrapolation)
 * @param sampleSize              normal scores it was set on
 * @param rank                    the threshold is the {@code rank}-th largest of them (1: the largest), or 0 when it
 *                                lies beyond the largest, extrapolated from the scores' exponential tail
 * @param rule                    how it was set, in words
 */
public record ThresholdPromise(double targetFalsePositiveRate, double confidence, double falsePositiveBound,
        int sampleSize, int rank, String rule) {

    /** One line for people: what rate of false alarms the threshold is expected to keep to. */
    public String describe() {
        return String.format(Locale.ROOT,
                "a normal image scores above it with probability <= %.1f %% (%.0f %% confidence; %s)",
                100 * falsePositiveBound, 100 * confidence, rule);
    }
}
