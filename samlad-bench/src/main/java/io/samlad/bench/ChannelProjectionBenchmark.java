package io.samlad.bench;

import io.samlad.features.ChannelProjection;
import io.samlad.features.FeatureMap;
import io.samlad.stats.PrincipalComponents;
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
 * The channel projection of a wide backbone's patch grid (32 x 64 patches, the grid of a 256 x 512 working image
 * for a stride-8 CNN or a DINOv2 ViT at 448 x 896) to 64 channels, per image at predict; and the fit-time PCA
 * (covariance of 8192 sampled patches and its eigen decomposition), once per bank.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChannelProjectionBenchmark {
    @Param({"256", "768"})
    public int channels;

    private FeatureMap map;
    private float[] samples;
    private ChannelProjection projection;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        map = rectified(r, 32 * 64);
        samples = rectified(r, 8192).data();
        projection = ChannelProjection.fromComponents(PrincipalComponents.fit(samples, 8192, channels, 64), 64);
    }

    /** Rectified random features (about half zeros, as after a ReLU), with some shared structure across channels. */
    private FeatureMap rectified(Random r, int cells) {
        float[] d = new float[channels * cells];
        for (int i = 0; i < cells; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            for (int c = 0; c < channels; c++) {
                d[i * channels + c] = (float) Math.max(0, 0.3 * r.nextGaussian() + a * Math.sin(c) + b * Math.cos(c));
            }
        }
        return new FeatureMap(channels, cells, 1, d);
    }

    @Benchmark
    public FeatureMap projectPatchGrid() {
        return projection.apply(map);
    }

    @Benchmark
    public ChannelProjection fitOnSampledPatches() {
        return ChannelProjection.fromComponents(PrincipalComponents.fit(samples, 8192, channels, 64), 64);
    }
}
