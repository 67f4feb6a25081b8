package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.Samlad;
import io.samlad.detector.Pipeline;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure and shutdown, made deterministic by a feature stage that holds each inspection until the test lets
 * it go: a full queue answers 503 with Retry-After at once; a request over the timeout gets 504; a graceful stop
 * refuses new work, finishes what is in flight, and leaves every answered inspection in the log.
 */
class QueueAndShutdownTest {
    /** The embedded features, but each extraction waits for a permit. */
    static final class GatedFeatures implements FeatureExtractor {
        final FeatureExtractor inner;
        final Semaphore permits = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);

        GatedFeatures(FeatureExtractor inner) {
            this.inner = inner;
        }

        @Override
        public ExtractedFeatures extract(RgbImage image) {
            entered.release();
            permits.acquireUninterruptibly();
            return inner.extract(image);
        }

        @Override
        public String id() {
            return inner.id();
        }
    }

    private static GatedFeatures gate;

    private static InspectionServer start(Path data, int workers, int queue, Duration timeout) throws Exception {
        ServerSettings s = ServerSettings.defaults(data).withPort(0).withWorkers(workers, queue)
                .withLimits(32 * ServerSettings.MB, 50_000_000, timeout)
                .withLog("jdbc:sqlite:" + data.resolve("log.db"), 0);
        return InspectionServer.start(s, List.of(new InspectionServer.BankSpec("toy", TestBanks.bankA(), null)),
                config -> {
                    Pipeline embedded = Samlad.embeddedPipeline(config);
                    gate = new GatedFeatures(embedded.features());
                    return new Pipeline(gate, embedded.upsampler(), embedded.masks());
                });
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAtOnce(@TempDir Path data) throws Exception {
        byte[] png = TestBanks.png(1, ToyScenes.Defect.NONE);
        try (InspectionServer server = start(data, 1, 1, Duration.ofSeconds(30))) {
            Http api = new Http(server.baseUrl(), null);
            CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/inspect/toy", png, "image/png"));
            assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).as("first request reached a worker").isTrue();
            CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/inspect/toy", png, "image/png"));
            waitFor(() -> server.metricsText().contains("samlad_queue_depth 1.0"));
            long t0 = System.nanoTime();
            Http.Response third = api.post("/v1/inspect/toy", png, "image/png");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.error()).isEqualTo("queue_full");
            assertThat(third.header("Retry-After")).isEqualTo("1");
            assertThat(ms).as("refused without waiting for a worker").isLessThan(2000);
            gate.permits.release(2);
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(server.metricsText()).contains("samlad_refused_total{reason=\"queue_full\"} 1.0");
        }
    }

    @Test
    void aRequestOverTheTimeoutGets504AndIsNotLogged(@TempDir Path data) throws Exception {
        try (InspectionServer server = start(data, 1, 4, Duration.ofMillis(300))) {
            Http api = new Http(server.baseUrl(), null);
            Http.Response r = api.post("/v1/inspect/toy", TestBanks.png(2, ToyScenes.Defect.NONE), "image/png");
            assertThat(r.status()).isEqualTo(504);
            assertThat(r.error()).isEqualTo("timeout");
            gate.permits.release(1);
            Thread.sleep(300);
            assertThat(api.get("/v1/inspections").json().get("count").asInt()).isZero();
        }
    }

    @Test
    void aGracefulStopFinishesInFlightWorkRefusesNewWorkAndFlushesTheLog(@TempDir Path data) throws Exception {
        byte[] png = TestBanks.png(3, ToyScenes.Defect.MISSING);
        InspectionServer server = start(data, 1, 4, Duration.ofSeconds(30));
        Http api = new Http(server.baseUrl(), null);
        CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(
                () -> api.post("/v1/inspect/toy", png, "image/png"));
        assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Http.Response> queued = CompletableFuture.supplyAsync(
                () -> api.post("/v1/inspect/toy", png, "image/png"));
        waitFor(() -> server.metricsText().contains("samlad_queue_depth 1.0"));
        CountDownLatch stopping = new CountDownLatch(1);
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            stopping.countDown();
            return server.stop();
        });
        stopping.await();
        waitFor(() -> api.get("/ready").status() == 503);
        Http.Response refused = api.post("/v1/inspect/toy", png, "image/png");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("shutting_down");
        assertThat(refused.header("Retry-After")).isNotNull();
        gate.permits.release(2);
        Http.Response a = running.get(30, TimeUnit.SECONDS);
        Http.Response b = queued.get(30, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(stopped.get(30, TimeUnit.SECONDS)).as("stopped cleanly").isTrue();
        assertThatThrownBy(() -> api.get("/health")).as("no longer listening").isInstanceOf(UncheckedIOException.class);
        try (InspectionLog log = InspectionLog.open("jdbc:sqlite:" + data.resolve("log.db"))) {
            assertThat(log.find(a.json().get("id").asLong())).isPresent();
            assertThat(log.find(b.json().get("id").asLong())).isPresent();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
