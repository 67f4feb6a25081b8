package io.samlad.objects;

import io.samlad.config.SamladConfig;
import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.FelzenszwalbSegmenter;
import io.samlad.segment.ObjectMask;
import io.samlad.toy.ToyScenes;
import io.samlad.upsample.JointBilateralUpsampler;
import java.util.ArrayList;
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

/**
 * A query's objects described (mean feature, appearance, form: the {@code encoding} stage of {@code predict}) at the
 * juice_bottle sizes: a 200 x 400 toy scene worked on at 256 x 512, object grid 64 x 128, its cleaned masks. Every
 * other object goes to a spare core when there is one; {@code -jvmArgs -Dsamlad.sideWork=false} gives the time of
 * the same work on one thread. In this package because the method it times is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryObjectsBenchmark {
    private static final SamladConfig CONFIG = SamladConfig.defaults();
    private List<ObjectMask> masks;
    private FeatureMap fine;
    private RgbImage image;
    private double forms;

    @Setup
    public void setUp() {
        image = ToyScenes.scene(100, ToyScenes.Defect.NONE).resize(200, 400).resizeShortSide(CONFIG.workingShortSide());
        int gw = Math.round(image.width() / (float) CONFIG.objectStride());
        int gh = Math.round(image.height() / (float) CONFIG.objectStride());
        FeatureMap patches = new EmbeddedFeatureExtractor(CONFIG.featureStride()).extract(image).patches();
        SamladConfig.Upsampling u = CONFIG.upsampling();
        fine = new JointBilateralUpsampler(u.radius(), u.spatialSigma(), u.rangeSigma()).upsample(patches, image, gw,
                gh);
        SamladConfig.Segmentation s = CONFIG.segmentation();
        List<ObjectMask> raw = new ArrayList<>();
        for (ObjectMask m : new FelzenszwalbSegmenter(s.scale(), s.sigma(), s.minArea()).generate(image, gw, gh)) {
            raw.add(m.resample(gw, gh));
        }
        masks = new MaskCleanup(s, CONFIG.stability().rimWrap()).clean(raw, fine);
        forms = 1.0 / (CONFIG.peers().minPeers() + 1);
    }

    @Benchmark
    public List<SceneObject> describeQueryObjects() {
        return SceneAnalyzer.means(masks, fine, image, CONFIG.identity().descriptor(), forms);
    }
}
