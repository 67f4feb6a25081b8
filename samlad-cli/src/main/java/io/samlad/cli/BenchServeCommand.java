package io.samlad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.image.ImageFiles;
import io.samlad.server.BadUploads;
import io.samlad.server.InspectionServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code samlad bench-serve}: a bounded load test of the service. Starts {@code samlad serve} in this JVM on a free
 * loopback port, measures the single-image latency with one client, then runs N clients for a fixed time, mixing in
 * a fraction of bad uploads (not an image, truncated, empty, wrong content type, huge header). Reports throughput,
 * latency percentiles, answers by kind, peak heap, and checks that every good answer is in the log, identical.
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = {"Load-test `samlad serve` on loopback: N clients for a fixed time with a share of bad uploads;",
            "throughput, p50/p99 latency, errors by kind, heap, and a log-versus-answers check."})
public class BenchServeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bank", required = true, paramLabel = "BANK.samlad", description = "the bank to serve")
    Path bank;

    @Option(names = "--images", required = true, arity = "1..*", paramLabel = "PATH",
            description = "images to send, files or folders (searched recursively), sent in turn")
    List<Path> images;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration-s", defaultValue = "60", description = "load phase length (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--bad-fraction", defaultValue = "0.05",
            description = "share of requests that are bad uploads (default: ${DEFAULT-VALUE})")
    double badFraction;

    @Option(names = "--single-requests", defaultValue = "30",
            description = "requests timed one at a time for the single-image median (default: ${DEFAULT-VALUE})")
    int singleRequests;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the bad-upload draw (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Mixin
    ServeOptions serve;

    @Mixin
    ModelOptions models;

    /** One answer as seen by a client. */
    record Outcome(BadUploads bad, int status, String code, long nanos, JsonNode answer) {
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || durationSeconds < 1 || badFraction < 0 || badFraction > 1) {
            throw new IllegalArgumentException("--clients and --duration-s must be positive, --bad-fraction in [0, 1]");
        }
        List<byte[]> bodies = new ArrayList<>();
        for (ImageFiles.Input in : ImageFiles.collect(images)) {
            bodies.add(Files.readAllBytes(in.file()));
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no images found in " + images);
        }
        Path data = Files.createTempDirectory("samlad-bench-serve");
        serve.data = serve.data == null || serve.data.toString().equals("samlad-serve") ? data : serve.data;
        InspectionServer.BankSpec spec = new InspectionServer.BankSpec("bench", bank, null);
        InspectionServer server = InspectionServer.start(serve.settings("127.0.0.1", 0, null, List.of(spec)),
                List.of(spec), models::createPipeline);
        ObjectNode report = JSON.createObjectNode();
        try {
            String url = server.baseUrl() + "/v1/inspect/bench";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // Single stream: warm up, then time requests one at a time.
            for (int i = 0; i < Math.min(10, bodies.size() * 2); i++) {
                send(http, url, bodies.get(i % bodies.size()), "image/png");
            }
            List<Long> single = new ArrayList<>();
            for (int i = 0; i < singleRequests; i++) {
                Outcome o = send(http, url, bodies.get(i % bodies.size()), "image/png");
                if (o.status() != 200) {
                    throw new IllegalStateException("single-stream request failed: " + o.status() + " " + o.code());
                }
                single.add(o.nanos());
            }
            double singleMedianMs = percentile(single, 50) / 1e6;

            // Load phase.
            List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            AtomicLong next = new AtomicLong();
            AtomicLong peakHeap = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                    0, 200, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Random random = new Random(seed * 1000 + c);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long n = next.getAndIncrement();
                        try {
                            if (random.nextDouble() < badFraction) {
                                BadUploads kind = BadUploads.values()[(int) (n % BadUploads.values().length)];
                                outcomes.add(send(client, url, kind.body(bodies.get((int) (n % bodies.size()))),
                                        kind.contentType(), kind));
                            } else {
                                outcomes.add(send(client, url, bodies.get((int) (n % bodies.size())), "image/png"));
                            }
                        } catch (IOException e) {
                            outcomes.add(new Outcome(null, -1, "io: " + e.getClass().getSimpleName(), 0, null));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-client-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            sampler.shutdownNow();

            // Every good answer must be in the log, identical to what the client got.
            int missing = 0;
            int differing = 0;
            List<Long> goodNanos = new ArrayList<>();
            Map<String, Integer> byKind = new TreeMap<>();
            int goodOk = 0;
            int goodFailed = 0;
            int badAsExpected = 0;
            int badUnexpected = 0;
            for (Outcome o : outcomes) {
                String key = (o.bad() != null ? "bad " + o.bad().name().toLowerCase(Locale.ROOT) : "good") + " -> "
                        + o.status() + (o.code() == null ? "" : " " + o.code());
                byKind.merge(key, 1, Integer::sum);
                if (o.bad() == null) {
                    if (o.status() == 200) {
                        goodOk++;
                        goodNanos.add(o.nanos());
                        long id = o.answer().get("id").asLong();
                        var row = server.log().find(id);
                        if (row.isEmpty()) {
                            missing++;
                        } else if (!JSON.readTree(row.get().record()).equals(o.answer())) {
                            differing++;
                        }
                    } else {
                        goodFailed++;
                    }
                } else if (o.status() == o.bad().status() && o.bad().code().equals(o.code())) {
                    badAsExpected++;
                } else {
                    badUnexpected++;
                }
            }
            report.put("clients", clients);
            report.put("durationS", elapsed);
            report.put("workers", serve.threads == null ? Runtime.getRuntime().availableProcessors() : serve.threads);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("requests", outcomes.size());
            report.put("goodOk", goodOk);
            report.put("goodFailed", goodFailed);
            report.put("badAnsweredAsExpected", badAsExpected);
            report.put("badUnexpected", badUnexpected);
            report.put("throughputImagesPerS", goodOk / elapsed);
            report.put("latencyP50Ms", percentile(goodNanos, 50) / 1e6);
            report.put("latencyP90Ms", percentile(goodNanos, 90) / 1e6);
            report.put("latencyP99Ms", percentile(goodNanos, 99) / 1e6);
            report.put("latencyMaxMs", percentile(goodNanos, 100) / 1e6);
            report.put("singleImageMedianMs", singleMedianMs);
            report.put("p99OverSingleMedian", percentile(goodNanos, 99) / 1e6 / singleMedianMs);
            report.put("peakHeapMiB", peakHeap.get() / (1024.0 * 1024));
            report.put("maxHeapMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                    / (1024.0 * 1024));
            report.put("logRowsMissing", missing);
            report.put("logRowsDiffering", differing);
            report.set("answersByKind", JSON.valueToTree(byKind));
        } finally {
            server.stop();
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(report));
        } else {
            System.out.println(text(report));
        }
        boolean pass = report.get("goodFailed").asInt() == 0 && report.get("badUnexpected").asInt() == 0
                && report.get("logRowsMissing").asInt() == 0 && report.get("logRowsDiffering").asInt() == 0;
        return pass ? 0 : 1;
    }

    static String text(ObjectNode r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bench-serve: %d clients for %.1f s, %d requests%n",
                r.get("clients").asInt(), r.get("durationS").asDouble(), r.get("requests").asInt()));
        b.append(String.format(Locale.ROOT, "throughput     %.2f good images/s%n", r.get("throughputImagesPerS")
                .asDouble()));
        b.append(String.format(Locale.ROOT, "latency        p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                r.get("latencyP50Ms").asDouble(), r.get("latencyP90Ms").asDouble(), r.get("latencyP99Ms").asDouble(),
                r.get("latencyMaxMs").asDouble()));
        b.append(String.format(Locale.ROOT, "single image   median %.1f ms (p99 under load = %.2f x)%n",
                r.get("singleImageMedianMs").asDouble(), r.get("p99OverSingleMedian").asDouble()));
        b.append(String.format(Locale.ROOT, "heap           peak %.0f MiB of %.0f MiB%n",
                r.get("peakHeapMiB").asDouble(), r.get("maxHeapMiB").asDouble()));
        b.append(String.format(Locale.ROOT,
                "good requests  %d ok, %d failed; bad uploads %d refused as expected, %d otherwise%n",
                r.get("goodOk").asInt(), r.get("goodFailed").asInt(), r.get("badAnsweredAsExpected").asInt(),
                r.get("badUnexpected").asInt()));
        b.append(String.format(Locale.ROOT, "log check      %d rows missing, %d differing from their answer%n",
                r.get("logRowsMissing").asInt(), r.get("logRowsDiffering").asInt()));
        b.append("answers by kind:\n");
        r.get("answersByKind").fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT, "  %-45s %d%n",
                e.getKey(), e.getValue().asInt())));
        return b.toString();
    }

    static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static Outcome send(HttpClient http, String url, byte[] body, String type)
            throws IOException, InterruptedException {
        return send(http, url, body, type, null);
    }

    /** One request; {@code bad} is the kind of bad upload it is, or null for a good one. */
    private static Outcome send(HttpClient http, String url, byte[] body, String type, BadUploads bad)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .header("X-Samlad-Client", "bench").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - t0;
        JsonNode answer = JSON.readTree(res.body());
        String code = res.statusCode() == 200 ? null : answer.path("error").asText(null);
        return new Outcome(bad, res.statusCode(), code, nanos, res.statusCode() == 200 ? answer : null);
    }
}
