package io.samlad.server;

import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bank loaded with its pipeline, shared by every request that uses it. Reference-counted: the registry holds one
 * reference while the bank is served and each request holds one while it predicts, so a replaced bank is closed
 * (its ONNX sessions freed) only after its last in-flight request has finished.
 */
public final class LoadedModel {
    private final FittedDetector detector;
    private final Pipeline pipeline;
    private final TemplateBank bank;
    private final Path file;
    private final String sha256;
    private final long sizeBytes;
    private final Instant loadedAt;
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedModel(FittedDetector detector, Pipeline pipeline, TemplateBank bank, Path file, String sha256,
            long sizeBytes) {
        this.detector = detector;
        this.pipeline = pipeline;
        this.bank = bank;
        this.file = file;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.loadedAt = Instant.now();
    }

    /** The same loaded bank, named after the file it was moved to (before it is published). */
    LoadedModel movedTo(Path newFile) {
        return new LoadedModel(detector, pipeline, bank, newFile, sha256, sizeBytes);
    }

    public FittedDetector detector() {
        return detector;
    }

    public TemplateBank bank() {
        return bank;
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the bank file: names the exact bank that produced an answer. */
    public String sha256() {
        return sha256;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Takes a reference; false when the model is already closed (the caller looks the bank up again). */
    boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the detector and its pipeline. */
    void release() {
        if (references.decrementAndGet() == 0) {
            try (pipeline) {
                detector.close();
            }
        }
    }

    boolean isClosed() {
        return references.get() == 0;
    }
}
