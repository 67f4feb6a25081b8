package io.samlad.bench;

import io.samlad.features.FeatureMap;
import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import io.samlad.segment.FelzenszwalbSegmenter;
import io.samlad.segment.GaussianBlur;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
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
 * The embedded mask generator: Felzenszwalb-Huttenlocher on the doubled object grid (128 x 256 cells), and the
 * clean-up of its masks (of which the merging of similar neighbours is the loop that keeps each pair's cosine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SegmentationBenchmark {
    private RgbImage working;
    private FelzenszwalbSegmenter segmenter;
    private int gridWidth;
    private int gridHeight;
    private float[] lab;
    private List<ObjectMask> raw;
    private FeatureMap fine;
    private MaskCleanup cleanup;

    @Setup
    public void setUp() {
        working = BenchInputs.workingImage(1);
        var s = BenchInputs.CONFIG.segmentation();
        segmenter = new FelzenszwalbSegmenter(s.scale(), s.sigma(), s.minArea());
        gridWidth = BenchInputs.objectGridWidth(working);
        gridHeight = BenchInputs.objectGridHeight(working);
        lab = LabColour.toLab(working.resize(2 * gridWidth, 2 * gridHeight));
        raw = new ArrayList<>();
        for (ObjectMask m : segmenter.generate(working, gridWidth, gridHeight)) {
            raw.add(m.resample(gridWidth, gridHeight));
        }
        fine = BenchInputs.scene(1).fine();
        cleanup = new MaskCleanup(s, BenchInputs.CONFIG.stability().rimWrap());
    }

    /** The clean-up of one image's raw masks (drops, fills, rims, merges of similar neighbours) on its fine features. */
    @Benchmark
    public List<ObjectMask> cleanMasks() {
        List<ObjectMask> copies = new ArrayList<>(raw.size());
        for (ObjectMask m : raw) {
            copies.add(new ObjectMask(m.width(), m.height(), (java.util.BitSet) m.bits().clone(), m.quality()));
        }
        return cleanup.clean(copies, fine);
    }

    @Benchmark
    public List<ObjectMask> felzenszwalbMasks() {
        return segmenter.generate(working, gridWidth, gridHeight);
    }

    /** The smoothing of one L*a*b* plane before segmenting. */
    @Benchmark
    public float[] gaussianBlurPlane() {
        float[] plane = java.util.Arrays.copyOf(lab, 4 * gridWidth * gridHeight);
        GaussianBlur.blurInPlace(plane, 0, 2 * gridWidth, 2 * gridHeight, BenchInputs.CONFIG.segmentation().sigma());
        return plane;
    }
}
