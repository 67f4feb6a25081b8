package io.samlad.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the service runs. {@link #defaults} gives the documented defaults; the {@code with...} methods change one.
 *
 * @param host            interface to bind; 127.0.0.1 unless told otherwise
 * @param port            TCP port; 0 picks a free one
 * @param workers         inspections computed at once
 * @param queueCapacity   inspections that may wait for a worker; beyond it requests get 503 at once
 * @param maxBodyBytes    largest image upload
 * @param maxBankBytes    largest bank upload ({@code PUT /v1/banks/{name}})
 * @param maxPixels       largest image, by the pixel count its header declares
 * @param requestTimeout  longest an inspection may wait plus compute before the client gets 504
 * @param token           bearer token required on routes that change state or return images; null: none
 * @param logUrl          JDBC URL of the inspection log
 * @param dataDir         where kept images and uploaded banks live
 * @param keepImages      inspections whose image, map and overlay are kept on disk (0: none)
 * @param shutdownGrace   longest graceful shutdown waits for in-flight inspections
 * @param references      per bank name, the folder holding the bank's training images (shown as references)
 */
public record ServerSettings(String host, int port, int workers, int queueCapacity, long maxBodyBytes,
        long maxBankBytes, long maxPixels, Duration requestTimeout, String token, String logUrl, Path dataDir,
        int keepImages, Duration shutdownGrace, Map<String, Path> references) {

    public static final long MB = 1024L * 1024;

    public ServerSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("--threads must be at least 1: " + workers);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("--queue must be at least 0: " + queueCapacity);
        }
        if (maxBodyBytes < 1 || maxBankBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (keepImages < 0) {
            throw new IllegalArgumentException("--keep-images must be at least 0: " + keepImages);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        references = Map.copyOf(references);
    }

    /** Loopback, port 8080, one worker per core, 32 MB uploads, 50 megapixels, 30 s timeout, SQLite log. */
    public static ServerSettings defaults(Path dataDir) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerSettings("127.0.0.1", 8080, cores, 4 * cores, 32 * MB, 2048 * MB, 50_000_000L,
                Duration.ofSeconds(30), null, "jdbc:sqlite:" + dataDir.resolve("inspections.db"), dataDir, 200,
                Duration.ofSeconds(30), Map.of());
    }

    public ServerSettings withHost(String h) {
        return new ServerSettings(h, port, workers, queueCapacity, maxBodyBytes, maxBankBytes, maxPixels,
                requestTimeout, token, logUrl, dataDir, keepImages, shutdownGrace, references);
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(host, p, workers, queueCapacity, maxBodyBytes, maxBankBytes, maxPixels,
                requestTimeout, token, logUrl, dataDir, keepImages, shutdownGrace, references);
    }

    public ServerSettings withWorkers(int w, int queue) {
        return new ServerSettings(host, port, w, queue, maxBodyBytes, maxBankBytes, maxPixels, requestTimeout, token,
                logUrl, dataDir, keepImages, shutdownGrace, references);
    }

    public ServerSettings withLimits(long body, long pixels, Duration timeout) {
        return new ServerSettings(host, port, workers, queueCapacity, body, maxBankBytes, pixels, timeout, token,
                logUrl, dataDir, keepImages, shutdownGrace, references);
    }

    public ServerSettings withToken(String t) {
        return new ServerSettings(host, port, workers, queueCapacity, maxBodyBytes, maxBankBytes, maxPixels,
                requestTimeout, t, logUrl, dataDir, keepImages, shutdownGrace, references);
    }

    public ServerSettings withLog(String url, int keep) {
        return new ServerSettings(host, port, workers, queueCapacity, maxBodyBytes, maxBankBytes, maxPixels,
                requestTimeout, token, url, dataDir, keep, shutdownGrace, references);
    }

    public ServerSettings withReferences(Map<String, Path> refs) {
        return new ServerSettings(host, port, workers, queueCapacity, maxBodyBytes, maxBankBytes, maxPixels,
                requestTimeout, token, logUrl, dataDir, keepImages, shutdownGrace, refs);
    }
}
