package io.samlad.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class AurocTest {
    /** Reference: count every (normal, anomalous) pair, O(n^2), ties one half. */
    static double pairCount(double[] neg, double[] pos) {
        double s = 0;
        for (double p : pos) {
            for (double n : neg) {
                s += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return s / (neg.length * (double) pos.length);
    }

    @Test
    void handWorkedWithoutTies() {
        // 2.5 beats 1 and 2 (2 pairs), 4 beats all three: 5 of 6 pairs
        assertThat(Auroc.of(new double[] {1, 2, 3}, new double[] {2.5, 4})).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void handWorkedWithTies() {
        // positive 2: beats 1, ties 2 -> 1.5; positive 3: beats both -> 2; 3.5 of 4 pairs
        assertThat(Auroc.of(new double[] {1, 2}, new double[] {2, 3})).isCloseTo(0.875, within(1e-12));
        assertThat(Auroc.of(new double[] {5, 5, 5}, new double[] {5, 5})).isCloseTo(0.5, within(1e-12));
        assertThat(Auroc.of(new float[] {1, 2}, new float[] {2, 3})).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void perfectAndReversedSeparation() {
        assertThat(Auroc.of(new double[] {0, 1}, new double[] {2, 3})).isEqualTo(1.0);
        assertThat(Auroc.of(new double[] {2, 3}, new double[] {0, 1})).isEqualTo(0.0);
    }

    @Test
    void agreesWithPairCountingOnRandomTiedData() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] neg = new double[1 + rnd.nextInt(40)];
            double[] pos = new double[1 + rnd.nextInt(40)];
            for (int i = 0; i < neg.length; i++) {
                neg[i] = rnd.nextInt(10); // few distinct values: many ties
            }
            for (int i = 0; i < pos.length; i++) {
                pos[i] = rnd.nextInt(10) + rnd.nextInt(3);
            }
            double expected = pairCount(neg, pos);
            assertThat(Auroc.of(neg, pos)).isCloseTo(expected, within(1e-12));
            float[] nf = new float[neg.length];
            float[] pf = new float[pos.length];
            for (int i = 0; i < neg.length; i++) {
                nf[i] = (float) neg[i];
            }
            for (int i = 0; i < pos.length; i++) {
                pf[i] = (float) pos[i];
            }
            assertThat(Auroc.of(nf, pf)).isCloseTo(expected, within(1e-12));
            // the trapezoidal area under the exact ROC curve is the same statistic
            assertThat(CurveArea.normalised(Roc.curve(neg, pos), 1.0)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void invariantUnderStrictlyIncreasingTransforms() {
        Random rnd = new Random(11);
        DoubleUnaryOperator[] transforms = {v -> 3 * v + 7, Math::exp, v -> v * v * v, v -> Math.atan(v) * 100};
        for (int trial = 0; trial < 30; trial++) {
            double[] neg = new double[5 + rnd.nextInt(50)];
            double[] pos = new double[5 + rnd.nextInt(50)];
            for (int i = 0; i < neg.length; i++) {
                neg[i] = Math.round(rnd.nextGaussian() * 4) / 4.0;
            }
            for (int i = 0; i < pos.length; i++) {
                pos[i] = Math.round((rnd.nextGaussian() + 0.7) * 4) / 4.0;
            }
            double base = Auroc.of(neg, pos);
            for (DoubleUnaryOperator f : transforms) {
                double[] tn = java.util.Arrays.stream(neg).map(f).toArray();
                double[] tp = java.util.Arrays.stream(pos).map(f).toArray();
                assertThat(Auroc.of(tn, tp)).isCloseTo(base, within(1e-12));
            }
            // a decreasing transform mirrors it
            double[] mn = java.util.Arrays.stream(neg).map(v -> -v).toArray();
            double[] mp = java.util.Arrays.stream(pos).map(v -> -v).toArray();
            assertThat(Auroc.of(mn, mp)).isCloseTo(1 - base, within(1e-12));
        }
    }

    @Test
    void rocCurveOfATinyCaseIsExact() {
        // thresholds 3, 2, 1 (descending): (0, .5), (.5, 1), (1, 1)
        Curve c = Roc.curve(new double[] {1, 2}, new double[] {2, 3});
        assertThat(c.x()).containsExactly(0, 0, 0.5, 1);
        assertThat(c.y()).containsExactly(0, 0.5, 1, 1);
    }

    @Test
    void emptySideIsRefused() {
        assertThatThrownBy(() -> Auroc.of(new double[0], new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Auroc.of(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void f1MaxOfATinyCase() {
        // thresholds 0.8: F1 2/3; 0.4: 1/2; 0.35: TP 2, FP 1 -> 4/5; 0.1: 4/6
        F1Max.Result r = F1Max.of(new double[] {0.1, 0.4}, new double[] {0.35, 0.8});
        assertThat(r.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(r.threshold()).isEqualTo(0.35);
    }
}
