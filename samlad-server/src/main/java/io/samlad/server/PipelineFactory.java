package io.samlad.server;

import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;

/**
 * Builds the stages a bank is served with (embedded, or ONNX models chosen on the command line). The server owns
 * and closes what it returns when the bank is replaced or the server stops.
 */
@FunctionalInterface
public interface PipelineFactory {
    Pipeline create(SamladConfig config);
}
