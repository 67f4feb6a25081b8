package io.samlad.bench;

import io.samlad.features.FeatureMap;
import io.samlad.measure.NearestPatches;
import io.samlad.measure.PatchPlanes;
import java.util.Arrays;
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
 * The nearest-patch search of structural measuring, one query map against one reference map of the embedded
 * default's patch grid (32 x 64, 31 channels): the offset-major SIMD-friendly kernel against the plain loop over
 * patch pairs it replaced. Radius 2 is the search among the k references, radius 3 the bank-wide one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PatchDistanceBenchmark {
    @Param({"2", "3"})
    public int radius;

    @Param({"31"})
    public int channels;

    private FeatureMap query;
    private FeatureMap reference;
    private float[] best;
    private float[] back;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        query = random(r);
        reference = random(r);
        best = new float[32 * 64];
        back = new float[32 * 64];
    }

    private FeatureMap random(Random r) {
        float[] d = new float[channels * 32 * 64];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextGaussian() * 0.3);
        }
        return new FeatureMap(channels, 32, 64, d);
    }

    @Benchmark
    public float[] offsetMajor() {
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        NearestPatches.lower(query, reference, radius, best);
        return best;
    }

    @Benchmark
    public float[] pairLoop() {
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        NearestPatches.byPairs(query, reference, radius, best);
        return best;
    }

    /** Both directions (query to reference and back) as two searches: what {@code PatchDistances} did before. */
    @Benchmark
    public float[] twoDirections() {
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        Arrays.fill(back, Float.POSITIVE_INFINITY);
        NearestPatches.lower(query, reference, radius, best);
        NearestPatches.lower(reference, query, radius, back);
        return back;
    }

    /** Both directions in one pass over the offsets ({@link NearestPatches#lowerBoth}), the planes made once. */
    @Benchmark
    public float[] bothDirectionsOnePass() {
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        Arrays.fill(back, Float.POSITIVE_INFINITY);
        NearestPatches.lowerBoth(query, reference, radius, best, back, PatchPlanes.memo());
        return back;
    }
}
