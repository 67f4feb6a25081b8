package io.samlad.eval;

import static io.samlad.eval.MetricsCalculatorTest.bits;
import static io.samlad.eval.MetricsCalculatorTest.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.util.InvalidInputException;
import io.samlad.data.DatasetFormat;
import io.samlad.eval.metrics.AurocInterval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionMetricsTest {
    private static final Function<TestImageResult, String> SPLIT =
            r -> MetricsCalculator.splitOf(DatasetFormat.MVTEC_LOCO, r.sample());

    @Test
    void countsAtTheThresholdAreStrictlyAboveAndGiveRatesPerSplit() {
        // threshold 0.5: good 0.2 (tn), good 0.5 (tn: not above), good 0.7 (fp);
        // logical 0.6 (tp), 0.4 (fn); structural 0.9 (tp)
        List<TestImageResult> images = List.of(image("good", 0.2, new float[4]), image("good", 0.5, new float[4]),
                image("good", 0.7, new float[4]), image("logical_anomalies", 0.6, new float[4], bits(0)),
                image("logical_anomalies", 0.4, new float[4], bits(0)),
                image("structural_anomalies", 0.9, new float[4], bits(0)));
        DecisionMetrics.AtThreshold at = DecisionMetrics.atThreshold(images, 0.5, SPLIT);
        assertThat(List.of(at.tp(), at.fp(), at.tn(), at.fn())).containsExactly(2L, 1L, 2L, 1L);
        assertThat(at.falsePositiveRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(at.recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(at.recallBySplit()).containsEntry("logical", 0.5).containsEntry("structural", 1.0);
    }

    /** Two good images (0.1, 0.3); kind a: 0.2 and 0.4; kind b: 0.0. */
    private static final TestImageResult A1 = image("logical_anomalies", 0.2, new float[4], bits(0));
    private static final TestImageResult A2 = image("logical_anomalies", 0.4, new float[4], bits(0));
    private static final TestImageResult B1 = image("logical_anomalies", 0.0, new float[4], bits(0));
    private static final List<TestImageResult> KINDS_IMAGES = List.of(image("good", 0.1, new float[4]),
            image("good", 0.3, new float[4]), A1, A2, B1);
    private static final Map<TestImageResult, String> KINDS = Map.of(A1, "a", A2, "a", B1, "b");

    @Test
    void aurocByKindComparesGoodImagesWithEachKindAlone() {
        // kind a: 0.2 wins 1 of 2 pairs, 0.4 wins 2 of 2 -> 0.75; kind b: 0.0 wins 0 of 2 -> 0
        Map<String, Double> byKind = DecisionMetrics.aurocByKind(KINDS_IMAGES, KINDS::get);
        assertThat(byKind).containsOnlyKeys("a", "b");
        assertThat(byKind.get("a")).isCloseTo(0.75, within(1e-12));
        assertThat(byKind.get("b")).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void eachKindsAurocComesWithTheIntervalItsCountsAllow() {
        Map<String, double[]> ci = DecisionMetrics.aurocIntervals(KINDS_IMAGES, KINDS::get);
        assertThat(ci).containsOnlyKeys("a", "b");
        assertThat(ci.get("a")).containsExactly(AurocInterval.around(0.75, 2, 2, AurocInterval.Z95));
        // a perfect inversion from three images proves little: the interval reaches far up from 0
        assertThat(ci.get("b")[0]).isEqualTo(0.0, within(1e-12));
        assertThat(ci.get("b")[1]).isGreaterThan(0.5);
        // no good image: nothing to compare with
        assertThat(DecisionMetrics.aurocIntervals(List.of(A1, B1), KINDS::get)).isEmpty();
    }

    @Test
    void thePeakCountsAsInsideWhenTheMaskHoldsTheMapMaximum() {
        // map 2x2; mask on pixel 1. Peak at 1: hit. Peak at 3: miss. Plateau 1 == 3: hit (it reaches the defect).
        TestImageResult hit = image("structural_anomalies", 1, new float[] {0, 5, 0, 1}, bits(1));
        TestImageResult miss = image("structural_anomalies", 1, new float[] {0, 2, 0, 3}, bits(1));
        TestImageResult plateau = image("logical_anomalies", 1, new float[] {0, 3, 0, 3}, bits(1));
        assertThat(DecisionMetrics.peakInMask(hit)).isTrue();
        assertThat(DecisionMetrics.peakInMask(miss)).isFalse();
        assertThat(DecisionMetrics.peakInMask(plateau)).isTrue();
        Map<String, Double> rate = DecisionMetrics.peakInMaskRate(
                List.of(hit, miss, plateau, image("good", 0, new float[4])), SPLIT);
        assertThat(rate.get("all")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(rate).containsEntry("structural", 0.5).containsEntry("logical", 1.0);
    }

    @Test
    void kindsAreReadFromTheGeneratorsTableAndAbsentWithoutIt(@TempDir Path dir) throws Exception {
        assertThat(AnomalyKinds.read(dir)).isEmpty();
        Files.writeString(dir.resolve("anomalies.csv"), "image,group,kind,defect_types,masks\n"
                + "test/good/000.png,good,good,,0\ntest/logical_anomalies/000.png,logical_anomalies,swapped,x,2\n");
        assertThat(AnomalyKinds.read(dir).orElseThrow()).containsEntry("test/logical_anomalies/000.png", "swapped")
                .hasSize(2);
        Files.writeString(dir.resolve("anomalies.csv"), "image,group\nx,y\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnomalyKinds.read(dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kind");
    }
}
