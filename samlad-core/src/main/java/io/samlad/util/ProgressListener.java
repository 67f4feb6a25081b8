package io.samlad.util;

/** Receives progress of long work (fitting a bank, predicting a batch). Implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    /** Called after each unit of work: {@code done} of {@code total} units of {@code task} are finished. */
    void update(String task, int done, int total);

    ProgressListener NONE = (task, done, total) -> { };
}
