package io.samlad.server;

/**
 * What one bank name serves at a moment: the loaded model and the threshold in force. Immutable; a threshold change
 * or a bank swap publishes a new instance, so a request that took one sees a consistent pair from start to end.
 *
 * @param name            the bank's name in URLs
 * @param model           the loaded bank
 * @param threshold       decision threshold in force
 * @param thresholdSource {@code bank} (calibrated at fit time), {@code command line} or {@code api}
 * @param generation      increases by one at every swap or threshold change of this name
 */
public record ServedBank(String name, LoadedModel model, double threshold, String thresholdSource, long generation) {

    ServedBank withThreshold(double t, String source) {
        return new ServedBank(name, model, t, source, generation + 1);
    }
}
