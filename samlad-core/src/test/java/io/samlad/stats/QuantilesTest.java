package io.samlad.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        // Sorted 1,2,3,4: position q*(n-1) -> 0.5 at 1.5 (2.5), 0.9 at 2.7 (3 + 0.7 * 1).
        assertThat(Quantiles.of(v, 0.5)).isCloseTo(2.5, within(1e-12));
        assertThat(Quantiles.of(v, 0.9)).isCloseTo(3.7, within(1e-12));
        assertThat(Quantiles.of(v, 0.0)).isEqualTo(1.0);
        assertThat(Quantiles.of(v, 1.0)).isEqualTo(4.0);
        assertThat(Quantiles.of(new double[] {7}, 0.9)).isEqualTo(7.0);
        assertThat(v).containsExactly(4, 1, 3, 2); // input left as it was
        assertThat(Quantiles.ofSorted(new double[] {0, 10, 20, 30, 40}, 0.9)).isCloseTo(36, within(1e-12));
    }

    @Test
    void noValuesHaveNoQuantile() {
        assertThat(Quantiles.of(new double[0], 0.5)).isNaN();
        assertThat(Quantiles.ofSorted(new double[0], 0.5)).isNaN();
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnesAndTheMadItsDeviations() {
        double[] even = {4, 1, 3, 2};
        assertThat(Quantiles.median(even)).isEqualTo(2.5);
        assertThat(Quantiles.median(new double[] {5, 1, 9})).isEqualTo(5.0);
        assertThat(even).containsExactly(4, 1, 3, 2); // input left as it was
        // deviations from 2.5: 1.5, 1.5, 0.5, 0.5 -> median 1.0
        assertThat(Quantiles.mad(even, 2.5)).isEqualTo(1.0);
        assertThat(Quantiles.mad(new double[] {1, 2, 10}, 2)).isEqualTo(1.0);
    }
}
