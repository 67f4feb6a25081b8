package io.samlad.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.detector.Prediction;
import io.samlad.config.Stage;
import io.samlad.detector.Verdict;
import io.samlad.output.PredictionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inspections on a fixed pool of workers behind a bounded queue: a request that finds the queue full is refused at
 * once (503 with {@code Retry-After}) rather than piling up; one that waits longer than the timeout gets 504. Each
 * inspection decodes the upload, predicts with the bank in force when it started, logs the answer, keeps the
 * image and map, and counts itself in the metrics.
 */
public final class InspectionService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSettings settings;
    private final BankRegistry banks;
    private final InspectionLog log;
    private final ImageStore store;
    private final ImageUpload upload;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ServerMetrics metrics;
    private volatile boolean draining;

    /** One upload to inspect. */
    public record Request(String bank, byte[] body, String contentType, String fileName, String client) {
    }

    public InspectionService(ServerSettings settings, BankRegistry banks, InspectionLog log, ImageStore store) {
        this.settings = settings;
        this.banks = banks;
        this.log = log;
        this.store = store;
        this.upload = new ImageUpload(new ImagePixelLimit(settings.maxPixels()));
        AtomicInteger n = new AtomicInteger();
        // A queue of capacity 0 means "no waiting": hand-off only.
        java.util.concurrent.BlockingQueue<Runnable> queue = settings.queueCapacity() == 0
                ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queueCapacity());
        this.pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "samlad-inspect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.metrics = new ServerMetrics(() -> pool.getQueue().size(), inFlight::get);
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public ImageUpload upload() {
        return upload;
    }

    /**
     * Inspects one upload, waiting at most the request timeout.
     *
     * @return the answer: the {@code predictions.jsonl} record plus the inspection id, bank and image facts
     * @throws ApiError 404 unknown bank, 400/413 bad upload, 503 queue full or shutting down, 504 timeout
     */
    public ObjectNode inspect(Request r) {
        if (draining) {
            throw new ApiError(503, "shutting_down", "the server is shutting down", 5);
        }
        if (banks.get(r.bank()) == null) {
            throw ApiError.notFound("no bank named " + r.bank() + " (served: " + String.join(", ", banks.names())
                    + ")");
        }
        // Cheap checks on the request thread; the full decode is work for the pool.
        upload.precheck(r.body(), r.contentType());
        long enqueued = System.nanoTime();
        long deadline = enqueued + settings.requestTimeout().toNanos();
        Future<ObjectNode> f;
        try {
            f = pool.submit(() -> run(r, enqueued, deadline));
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, draining ? "shutting_down" : "queue_full", draining
                    ? "the server is shutting down"
                    : "all " + settings.workers() + " workers busy and " + settings.queueCapacity()
                            + " inspections waiting; retry shortly", 1);
        }
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ApiError(504, "timeout", "inspection took longer than the "
                    + settings.requestTimeout().toMillis() + " ms request timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "shutting_down", "interrupted", 5);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiError a) {
                throw a;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ObjectNode run(Request r, long enqueued, long deadline) throws IOException, SQLException {
        long start = System.nanoTime();
        if (start > deadline) {
            throw new ApiError(504, "timeout", "waited longer than the request timeout for a worker");
        }
        inFlight.incrementAndGet();
        try (BankRegistry.Lease lease = banks.acquire(r.bank())) {
            ServedBank bank = lease.bank();
            long d0 = System.nanoTime();
            ImageUpload.Decoded image = upload.decode(r.body(), r.contentType());
            long decodeNanos = System.nanoTime() - d0;
            Prediction p = bank.model().detector().predict(image.image());
            p.timings().add(Stage.DECODE, decodeNanos);
            Instant now = Instant.now();
            long id = log.nextId();
            PredictionRecord rec = PredictionRecord.of(r.fileName(), p, bank.threshold(), bank.model().bank().names());
            String imageSha = BankRegistry.sha256(r.body());
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", id);
            answer.put("bank", bank.name());
            answer.put("bankSha256", bank.model().sha256());
            answer.put("receivedAt", now.toString());
            answer.setAll((ObjectNode) JSON.valueToTree(rec));
            ObjectNode img = answer.putObject("image");
            img.put("sha256", imageSha);
            img.put("bytes", r.body().length);
            img.put("width", image.image().width());
            img.put("height", image.image().height());
            img.put("format", image.format());
            answer.put("queueMs", (start - enqueued) / 1e6);
            if (Thread.currentThread().isInterrupted()) {
                // The client was told 504; do not log an answer nobody received.
                throw new ApiError(504, "timeout", "cancelled after the request timeout");
            }
            store.save(id, r.body(), p.anomalyMap());
            log.insert(new InspectionLog.Row(id, now.toString(), now.toEpochMilli(), bank.name(),
                    bank.model().sha256(), imageSha, r.body().length, image.image().width(),
                    image.image().height(), p.score(), p.logicalScore(), p.structuralScore(), rec.label(),
                    bank.threshold(), p.objects().size(), count(p, Verdict.MISSING), count(p, Verdict.EXTRA),
                    count(p, Verdict.MISMATCHED), count(p, Verdict.STRUCTURAL), p.timings().totalMillis(),
                    clip(r.client(), 100), JSON.writeValueAsString(answer)));
            metrics.inspection(bank.name(), p, rec.label(), start - enqueued, System.nanoTime() - enqueued);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static int count(Prediction p, Verdict v) {
        return (int) PredictionRecord.count(p, v);
    }

    static String clip(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }

    public int queueDepth() {
        return pool.getQueue().size();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Refuses new inspections and waits for the queued and running ones to finish.
     *
     * @return true when all finished within {@code grace}
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        pool.shutdown();
        return pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        draining = true;
        pool.shutdownNow();
        metrics.close();
    }
}
