package io.samlad.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The segmenter's radix sort of edges against a comparison sort of (weight, index) pairs. */
class EdgeOrderTest {
    /** The independent answer: sort (weight, index) pairs, lightest first, ties by index. */
    private static int[] bySortingPairs(float[] w) {
        Integer[] idx = new Integer[w.length];
        for (int i = 0; i < w.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> w[a] != w[b] ? Float.compare(w[a], w[b]) : Integer.compare(a, b));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void handWorkedTiesKeepIndexOrder() {
        float[] w = {0.5f, 0f, 0.5f, 0.25f, 0f};
        assertThat(FelzenszwalbSegmenter.sortedEdgeOrder(w, w.length)).containsExactly(1, 4, 3, 0, 2);
    }

    @Test
    void matchesAComparisonSortOnManyTiesAndWideRanges() {
        SplittableRandom r = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(5000);
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values (ties), the extremes, tiny and huge magnitudes, zeros.
                w[i] = switch (r.nextInt(5)) {
                    case 0 -> 0f;
                    case 1 -> r.nextBoolean() ? Float.MAX_VALUE : Float.MIN_VALUE;
                    case 2 -> r.nextInt(8) / 8f;
                    case 3 -> (float) (r.nextDouble() * 1e-30);
                    default -> (float) (r.nextDouble() * 1e30);
                };
            }
            assertThat(FelzenszwalbSegmenter.sortedEdgeOrder(w, n)).containsExactly(bySortingPairs(w));
        }
    }

    @Test
    void onlyTheFirstMWeightsAreSortedAndNoneIsFine() {
        float[] w = {3f, 1f, 2f, -7f, 9f};
        assertThat(FelzenszwalbSegmenter.sortedEdgeOrder(w, 3)).containsExactly(1, 2, 0);
        assertThat(FelzenszwalbSegmenter.sortedEdgeOrder(w, 0)).isEmpty();
    }
}
