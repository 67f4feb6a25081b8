package io.samlad.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.data.DatasetFormat;
import io.samlad.data.Sample;
import io.samlad.data.Split;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {
    static TestImageResult image(String type, double score, float[] map, BitSet... masks) {
        Sample s = new Sample(Path.of(type + score + ".png"), Split.TEST, type, List.of());
        double[] sat = new double[masks.length];
        for (int i = 0; i < masks.length; i++) {
            sat[i] = masks[i].cardinality();
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            max = Math.max(max, v);
        }
        return new TestImageResult(s, score, score, score, max, List.of(), Map.of(), Path.of("x.tiff"), map, 2,
                List.of(masks), sat);
    }

    static BitSet bits(int... on) {
        BitSet b = new BitSet();
        for (int i : on) {
            b.set(i);
        }
        return b;
    }

    @Test
    void anAllGoodSplitHasNoAnomalyMetrics() {
        List<TestImageResult> images = List.of(image("good", 0.1, new float[] {0, 1, 2, 3}),
                image("good", 0.2, new float[] {1, 1, 1, 1}));
        CategoryMetrics m = MetricsCalculator.compute(DatasetFormat.MVTEC_LOCO, images);
        assertThat(m.imageAuroc()).isEmpty();
        assertThat(m.auSpro()).isEmpty();
        assertThat(m.pixelAuroc()).isEmpty();
        assertThat(m.auPro()).isEmpty();
        assertThat(m.f1Max()).isEmpty();
    }

    @Test
    void onlyLogicalAnomaliesGiveLogicalKeysAndAMeanOfOne() {
        // good scores 0.1, 0.5; logical 0.4, 0.9: pairs won 1 + 2 = 3 of 4
        List<TestImageResult> images = List.of(image("good", 0.1, new float[] {0, 0, 0, 0}),
                image("good", 0.5, new float[] {0, 0, 0, 1}),
                image("logical_anomalies", 0.4, new float[] {2, 0, 0, 0}, bits(0)),
                image("logical_anomalies", 0.9, new float[] {0, 3, 0, 0}, bits(1)));
        CategoryMetrics m = MetricsCalculator.compute(DatasetFormat.MVTEC_LOCO, images);
        assertThat(m.imageAuroc()).containsOnlyKeys("logical", "mean");
        assertThat(m.imageAuroc().get("logical")).isCloseTo(0.75, within(1e-12));
        assertThat(m.imageAuroc().get("mean")).isCloseTo(0.75, within(1e-12));
        assertThat(m.auSpro()).containsOnlyKeys("au_spro", "au_spro_logical");
        // Both defect pixels (3, 2) score above every normal pixel (max 1): sPRO reaches 1 at FPR 0.
        assertThat(m.auSpro().get("au_spro").get("0.01")).isCloseTo(1.0, within(1e-12));
        assertThat(m.pixelAuroc().getAsDouble()).isCloseTo(1.0, within(1e-12));
        // map max: good 0 and 1, logical 2 and 3: perfect
        assertThat(m.imageAurocMapMax().get("logical")).isEqualTo(1.0);
    }

    @Test
    void mvtecAdPoolsEveryDefectTypeIntoOneSplit() {
        List<TestImageResult> images = List.of(image("good", 0.1, new float[] {0, 0, 0, 0}),
                image("crack", 0.4, new float[] {2, 0, 0, 0}, bits(0)),
                image("hole", 0.05, new float[] {0, 3, 0, 0}, bits(1)));
        CategoryMetrics m = MetricsCalculator.compute(DatasetFormat.MVTEC_AD, images);
        assertThat(m.imageAuroc()).containsOnlyKeys("all", "mean");
        assertThat(m.imageAuroc().get("all")).isCloseTo(0.5, within(1e-12));
        assertThat(m.auSpro()).isEmpty();
        assertThat(m.auPro().getAsDouble()).isCloseTo(1.0, within(1e-12));
        // F1 at threshold 0.4: TP 1, FP 0, FN 1 -> 2/3; at 0.05: TP 2, FP 1 -> 4/5
        assertThat(m.f1Max().get().f1()).isCloseTo(0.8, within(1e-12));
    }
}
