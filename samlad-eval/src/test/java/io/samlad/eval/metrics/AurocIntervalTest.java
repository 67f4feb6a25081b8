package io.samlad.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 95 % interval of an image AUROC: it holds the measured value, stays open at a perfect separation, narrows as
 * the counts grow, and covers the true AUROC at least 95 % of the time on samples of the size samlad's benchmarks have.
 */
class AurocIntervalTest {

    @Test
    void aPerfectSeparationOfTenAgainstFortyLeavesRoomBelowOne() {
        double[] good = new double[40];
        double[] bad = new double[10];
        for (int i = 0; i < 40; i++) {
            good[i] = i;
        }
        for (int i = 0; i < 10; i++) {
            bad[i] = 100 + i;
        }
        double[] ci = AurocInterval.of(good, bad);
        assertThat(ci[1]).isEqualTo(1.0, within(1e-12));
        // ten anomalies cannot prove an AUROC of 1: well below it, yet far above chance
        assertThat(ci[0]).isBetween(0.80, 0.95);
        // ten times the images: the same perfect separation says much more
        assertThat(AurocInterval.around(1, 100, 400, AurocInterval.Z95)[0]).isGreaterThan(ci[0]).isGreaterThan(0.98);
    }

    @Test
    void theIntervalHoldsTheMeasuredValueAndIsSymmetricInChance() {
        for (double auc : new double[] {0, 0.3, 0.5, 0.88, 0.97, 1}) {
            double[] ci = AurocInterval.around(auc, 10, 40, AurocInterval.Z95);
            assertThat(ci[0]).isBetween(0.0, auc + 1e-12);
            assertThat(ci[1]).isBetween(auc - 1e-12, 1.0);
        }
        // at chance the two limits lie about equally far on either side
        double[] half = AurocInterval.around(0.5, 20, 20, AurocInterval.Z95);
        assertThat(0.5 - half[0]).isCloseTo(half[1] - 0.5, within(0.02));
    }

    @Test
    void itCoversTheTrueAurocAtLeastNineteenTimesInTwenty() {
        // binormal scores: anomalies N(d, 1), good N(0, 1), true AUROC Phi(d / sqrt 2); ten against forty, as
        // DigitAnatomy has per kind
        SplittableRandom rng = new SplittableRandom(11);
        for (double[] truth : new double[][] {{0.75, 0.9539}, {0.9, 1.8124}, {0.97, 2.6593}}) {
            int covered = 0;
            double width = 0;
            int runs = 2000;
            for (int r = 0; r < runs; r++) {
                double[] good = new double[40];
                double[] bad = new double[10];
                for (int i = 0; i < good.length; i++) {
                    good[i] = gaussian(rng);
                }
                for (int i = 0; i < bad.length; i++) {
                    bad[i] = truth[1] + gaussian(rng);
                }
                double[] ci = AurocInterval.of(good, bad);
                covered += ci[0] <= truth[0] && truth[0] <= ci[1] ? 1 : 0;
                width += (ci[1] - ci[0]) / runs;
            }
            // a little conservative (the model's variance exceeds the binormal one's: 0.97 to 0.985 measured), but
            // not by being wide: a third of the unit interval at most
            assertThat(covered / (double) runs).as("coverage at AUROC %s", truth[0]).isBetween(0.94, 0.995);
            assertThat(width).as("mean width at AUROC %s", truth[0]).isLessThan(0.35);
        }
    }

    @Test
    void wilsonsIntervalOfARateStaysOpenAtZero() {
        double[] none = WilsonInterval.of(0, 40);
        assertThat(none[0]).isZero();
        assertThat(none[1]).isCloseTo(3.8415 / 43.8415, within(1e-4)); // z² / (n + z²)
        double[] all = WilsonInterval.of(40, 40);
        assertThat(all[1]).isEqualTo(1.0);
        assertThat(all[0]).isCloseTo(1 - 3.8415 / 43.8415, within(1e-4));
        double[] some = WilsonInterval.of(34, 40);
        assertThat(some[0]).isBetween(0.70, 0.85);
        assertThat(some[1]).isBetween(0.85, 0.97);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: the JDK's nextGaussian is not on SplittableRandom in Java 17
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
