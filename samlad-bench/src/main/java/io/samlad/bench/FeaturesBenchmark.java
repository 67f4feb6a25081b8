package io.samlad.bench;

import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.upsample.JointBilateralUpsampler;
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

/** The embedded backbone (hand-crafted patch descriptors) and the joint bilateral upsampler. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeaturesBenchmark {
    private RgbImage working;
    private EmbeddedFeatureExtractor extractor;
    private JointBilateralUpsampler upsampler;
    private FeatureMap patches;
    private int gridWidth;
    private int gridHeight;

    @Setup
    public void setUp() {
        working = BenchInputs.workingImage(1);
        extractor = new EmbeddedFeatureExtractor(BenchInputs.CONFIG.featureStride());
        var u = BenchInputs.CONFIG.upsampling();
        upsampler = new JointBilateralUpsampler(u.radius(), u.spatialSigma(), u.rangeSigma());
        patches = extractor.extract(working).patches();
        gridWidth = BenchInputs.objectGridWidth(working);
        gridHeight = BenchInputs.objectGridHeight(working);
    }

    @Benchmark
    public ExtractedFeatures extractFeatures() {
        return extractor.extract(working);
    }

    /** 32 x 64 x 31 patch features onto the 64 x 128 object grid. */
    @Benchmark
    public FeatureMap jointBilateralUpsampling() {
        return upsampler.upsample(patches, working, gridWidth, gridHeight);
    }
}
