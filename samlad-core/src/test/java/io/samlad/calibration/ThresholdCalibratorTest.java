package io.samlad.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdCalibratorTest {
    @Test
    void binomialAndBetaBoundsMatchHandWorkedValues() {
        // P(Bin(3, 0.5) <= 1) = (1 + 3) / 8
        assertThat(ThresholdCalibrator.binomialCdf(3, 0.5, 1)).isCloseTo(0.5, within(1e-12));
        // the largest of n: exceedance ~ Beta(1, n), whose c-quantile is 1 - (1 - c)^(1/n)
        assertThat(ThresholdCalibrator.exceedanceBound(20, 1, 0.9)).isCloseTo(1 - Math.pow(0.1, 1 / 20.0),
                within(1e-9));
        assertThat(ThresholdCalibrator.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-5));
        // chi-square(10) 0.1 quantile is 4.865
        assertThat(ThresholdCalibrator.chiSquareQuantile(0.1, 10)).isCloseTo(4.865, within(0.05));
    }

    @Test
    void takesTheLowestOrderStatisticThatKeepsTheRateWithTheConfidence() {
        double[] scores = new double[120];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i; // largest 119, then 118, ...
        }
        // n = 120, 5 % at 90 %: P(Bin(120, 0.05) <= 2) = 0.05 <= 0.1 but P(<= 3) = 0.14 > 0.1, so the 3rd largest
        ThresholdCalibrator.Result r = ThresholdCalibrator.calibrate(scores, 0.05, 0.9);
        assertThat(r.promise().rank()).isEqualTo(3);
        assertThat(r.threshold()).isEqualTo(117);
        assertThat(r.promise().falsePositiveBound()).isLessThanOrEqualTo(0.05);
        assertThat(r.promise().describe()).contains("3rd largest of 120");
    }

    @Test
    void extrapolatesBeyondTheLargestWhenThereAreTooFewScores() {
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ThresholdCalibrator.Result r = ThresholdCalibrator.calibrate(scores, 0.05, 0.9);
        assertThat(r.promise().rank()).isZero();
        assertThat(r.threshold()).isGreaterThan(10);
    }

    @Test
    void thePromiseHoldsOnFreshNormalScores() {
        // Many repetitions: calibrate on 100 exponential scores, measure the rate on fresh ones; the rate may exceed
        // 5 % in at most about 10 % of the repetitions.
        SplittableRandom rnd = new SplittableRandom(7);
        int broken = 0;
        int reps = 300;
        for (int rep = 0; rep < reps; rep++) {
            double[] cal = new double[100];
            for (int i = 0; i < cal.length; i++) {
                cal[i] = -Math.log(1 - rnd.nextDouble());
            }
            double t = ThresholdCalibrator.calibrate(cal, 0.05, 0.9).threshold();
            double trueRate = Math.exp(-t); // P(Exp(1) > t)
            broken += trueRate > 0.05 ? 1 : 0;
        }
        assertThat(broken / (double) reps).isLessThan(0.14);
    }
}
