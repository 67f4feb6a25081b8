package io.samlad.bench;

import io.samlad.eval.metrics.Auroc;
import io.samlad.eval.metrics.Spro;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exact sPRO and pixel AUROC sweeps of {@code samlad evaluate} over a category's worth of pixels: 100 maps of
 * 200 x 400 (8M scores, 200k of them in 100 defect regions). The sweep sorts once, so its time should grow as
 * n log n; this is where that is watched (the unit test {@code LargeSweepTest} checks only what it computes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SweepBenchmark {
    private static final double[] LIMITS = {0.01, 0.05, 0.1, 0.3, 1.0};

    private float[] ok;
    private float[][] regions;
    private float[] positives;
    private double[] saturation;

    @Setup
    public void setUp() {
        Random rnd = new Random(1);
        int inRegions = 200_000;
        ok = new float[100 * 200 * 400 - inRegions];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = rnd.nextFloat();
        }
        regions = new float[100][inRegions / 100];
        saturation = new double[regions.length];
        positives = new float[inRegions];
        for (int r = 0, k = 0; r < regions.length; r++) {
            for (int i = 0; i < regions[r].length; i++) {
                regions[r][i] = rnd.nextFloat() + 0.3f;
                positives[k++] = regions[r][i];
            }
            saturation[r] = regions[r].length / 2.0;
        }
    }

    @Benchmark
    public Spro.Result spro() {
        return Spro.evaluate(ok, regions, saturation, LIMITS, 1e-3);
    }

    @Benchmark
    public double pixelAuroc() {
        return Auroc.of(ok, positives);
    }
}
