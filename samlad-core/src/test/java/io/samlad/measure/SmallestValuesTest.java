package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmallestValuesTest {

    /** The one-pass insertion list gives exactly the mean of a sorted prefix, the way the three measures computed it. */
    @Test
    void theMeanOfTheSmallestEqualsTheMeanOfTheSortedPrefixBitForBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] v = new double[n + 5];
            for (int i = 0; i < v.length; i++) {
                // ties and infinities too: a place that no normal image holds is at +infinity
                v[i] = rnd.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rnd.nextInt(20) / 4.0 + rnd.nextDouble();
            }
            int m = 1 + rnd.nextInt(Math.min(n, 8));
            double[] sorted = Arrays.copyOf(v, n);
            Arrays.sort(sorted);
            double sum = 0;
            for (int t = 0; t < m; t++) {
                sum += sorted[t];
            }
            assertThat(SmallestValues.mean(v, n, m)).isEqualTo(sum / m);
        }
    }

    @Test
    void fewerValuesThanAskedAverageAllAndNoneGiveZero() {
        assertThat(SmallestValues.mean(new double[] {3, 1}, 5)).isEqualTo(2.0);
        assertThat(SmallestValues.mean(new double[] {4, 1, 2}, 2)).isEqualTo(1.5);
        assertThat(SmallestValues.mean(new double[0], 3)).isZero();
    }
}
