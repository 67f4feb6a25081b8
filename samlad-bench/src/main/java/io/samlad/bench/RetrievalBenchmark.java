package io.samlad.bench;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Retrieval by global descriptor ({@link TemplateBank#nearest}) in a bank of the juice_bottle subset's size: 300
 * images, descriptors of 4 x 4 cells of 31 channels; k = 16 (the references and the bank-wide ones) and k = 64 (the
 * IDENTITY measure's normal images). Random descriptors: the cost does not depend on their values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RetrievalBenchmark {
    @Param({"16", "64"})
    public int k;

    private TemplateBank bank;
    private float[] query;

    @Setup
    public void setUp() {
        Random r = new Random(4);
        int g = 4 * 4 * 31;
        FeatureMap grid = new FeatureMap(1, 1, 1, new float[] {0});
        List<Scene> scenes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            scenes.add(new Scene(8, 8, random(r, g), grid, grid, List.of()));
            names.add(i + ".png");
        }
        bank = new TemplateBank(BenchInputs.CONFIG, "bench", scenes, names, Calibration.identity(), null);
        query = random(r, g);
    }

    private static float[] random(Random r, int g) {
        float[] v = new float[g];
        for (int i = 0; i < g; i++) {
            v[i] = (float) Math.abs(r.nextGaussian());
        }
        return v;
    }

    @Benchmark
    public List<TemplateBank.Neighbour> nearest() {
        return bank.nearest(query, k, -1);
    }
}
