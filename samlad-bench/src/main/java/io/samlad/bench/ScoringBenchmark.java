package io.samlad.bench;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.features.FeatureMap;
import io.samlad.matching.ObjectMatcher;
import io.samlad.measure.PatchDistances;
import io.samlad.measure.PatchMaps;
import io.samlad.measure.PatchPlanes;
import io.samlad.objects.ObjectEncoder;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.stats.Gaussian;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The scoring kernels that run per query against its k = 4 references: patch distances in both directions,
 * Mahalanobis distances of fine features to an object's Gaussian, object encoding and matching.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoringBenchmark {
    private Scene query;
    private List<Scene> references;
    private Gaussian gaussian;
    private ObjectEncoder encoder;
    private ObjectMatcher matcher;
    private List<List<SceneObject>> objectsOfScenes;
    private List<float[][]> vectors;
    private TemplateBank bank;
    private int[] allCells;
    private double[] cellDistances;

    @Setup
    public void setUp() {
        query = BenchInputs.scene(100);
        references = List.of(BenchInputs.scene(1), BenchInputs.scene(2), BenchInputs.scene(3), BenchInputs.scene(4));
        SceneObject largest = references.get(0).objects().get(0);
        float[] stored = largest.covariance().values();
        double[] cov = new double[stored.length];
        for (int i = 0; i < cov.length; i++) {
            cov[i] = stored[i];
        }
        gaussian = Gaussian.of(largest.meanFeature(), cov, 1e-3).orElseThrow();
        encoder = new ObjectEncoder(BenchInputs.CONFIG.encoding());
        matcher = new ObjectMatcher(BenchInputs.CONFIG.matching());
        objectsOfScenes = List.of(query.objects(), references.get(0).objects());
        vectors = encoder.encode(objectsOfScenes);
        bank = new TemplateBank(BenchInputs.CONFIG, "bench", references, List.of("1", "2", "3", "4"),
                Calibration.identity(), null);
        int n = query.fine().width() * query.fine().height();
        allCells = new int[n];
        for (int i = 0; i < n; i++) {
            allCells[i] = i;
        }
        cellDistances = new double[n];
    }

    @Benchmark
    public PatchMaps patchDistances() {
        return PatchDistances.between(query.patches(), references, BenchInputs.CONFIG.measuring().neighbourhood(),
                true);
    }

    /**
     * {@link #patchDistances} as the scorer runs it: the references' planes kept by their bank (made once, on the
     * first call), the query's made per call.
     */
    @Benchmark
    public PatchMaps patchDistancesBankPlanes() {
        return PatchDistances.between(query.patches(), references, BenchInputs.CONFIG.measuring().neighbourhood(),
                true, PatchPlanes.forQuery(bank, query.patches()));
    }

    /** {@link #mahalanobisFineGrid} with the cells solved a block at a time ({@link Gaussian#distances}). */
    @Benchmark
    public double[] mahalanobisFineGridBlocked() {
        gaussian.distances(query.fine().data(), allCells, allCells.length, cellDistances);
        return cellDistances;
    }

    /** Mahalanobis distance of every fine feature of the query to one object's Gaussian, one cell at a time. */
    @Benchmark
    public void mahalanobisFineGrid(Blackhole bh) {
        FeatureMap fine = query.fine();
        int c = fine.channels();
        int n = fine.width() * fine.height();
        for (int i = 0; i < n; i++) {
            bh.consume(gaussian.distance(fine.data(), i * c));
        }
    }

    @Benchmark
    public List<float[][]> encodeObjects() {
        return encoder.encode(objectsOfScenes);
    }

    @Benchmark
    public ObjectMatcher.Match matchObjects() {
        return matcher.match(objectsOfScenes.get(0), vectors.get(0), objectsOfScenes.get(1), vectors.get(1));
    }
}
