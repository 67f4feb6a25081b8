package io.samlad.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.config.Stage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's metrics in the Prometheus text format (Micrometer's Prometheus registry): HTTP requests by route
 * and status, inspection latency histograms per bank and stage, inspections by label, objects by verdict,
 * refusals by reason, queue depth and in-flight work, and the JVM's heap, GC, threads and CPU.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(Supplier<Number> queueDepth, Supplier<Number> inFlight) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("samlad.queue.depth", () -> queueDepth.get())
                .description("inspections waiting for a worker").register(registry);
        Gauge.builder("samlad.inspections.in.flight", () -> inFlight.get())
                .description("inspections being computed").register(registry);
    }

    /** One HTTP request, by route template (not the raw path: ids would explode the series). */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder("samlad.http.requests").description("HTTP requests by route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One finished inspection: total, queue wait and per-stage times, label and object verdicts. */
    public void inspection(String bank, Prediction p, String label, long queueNanos, long totalNanos) {
        stageTimer(bank, "queue").record(queueNanos, TimeUnit.NANOSECONDS);
        stageTimer(bank, "total").record(totalNanos, TimeUnit.NANOSECONDS);
        for (Map.Entry<Stage, Double> e : p.timings().asMillis().entrySet()) {
            stageTimer(bank, e.getKey().label()).record(Duration.ofNanos((long) (e.getValue() * 1e6)));
        }
        Counter.builder("samlad.inspections").description("inspections by bank and label")
                .tags("bank", bank, "label", label).register(registry).increment();
        for (DetectedObject o : p.objects()) {
            Counter.builder("samlad.objects").description("objects by bank and verdict")
                    .tags("bank", bank, "verdict", o.verdict().label()).register(registry).increment();
        }
    }

    /** A request refused before or during inspection, by the error code it got. */
    public void refused(String reason) {
        Counter.builder("samlad.refused").description("requests refused, by reason (error code)")
                .tags("reason", reason).register(registry).increment();
    }

    private Timer stageTimer(String bank, String stage) {
        return Timer.builder("samlad.inspection").description("inspection time per bank and stage")
                .tags("bank", bank, "stage", stage).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
