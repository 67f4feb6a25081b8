package io.samlad.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HungarianTest {
    @Test
    void solvesAHandWorkedThreeByThree() {
        // Rows take columns 1, 0, 2: cost 1 + 2 + 2 = 5; every other permutation costs more (by enumeration:
        // 012 -> 4+4+2=10, 021 -> 4+3+3=10, 102 -> 1+2+2=5, 120 -> 1+3+5=9, 201 -> 3+2+3=8, 210 -> 3+4+5=12).
        double[][] cost = {{4, 1, 3}, {2, 4, 3}, {5, 3, 2}};
        assertThat(Hungarian.solve(cost)).containsExactly(1, 0, 2);
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(6);
            double[][] c = new double[n][n];
            for (double[] row : c) {
                for (int j = 0; j < n; j++) {
                    row[j] = rnd.nextInt(20);
                }
            }
            int[] a = Hungarian.solve(c);
            assertThat(total(c, a)).isEqualTo(bruteForce(c, new int[n], new boolean[n], 0));
        }
    }

    private static double total(double[][] c, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += c[i][a[i]];
        }
        return s;
    }

    private static double bruteForce(double[][] c, int[] perm, boolean[] used, int row) {
        if (row == c.length) {
            return total(c, perm);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            if (!used[j]) {
                used[j] = true;
                perm[row] = j;
                best = Math.min(best, bruteForce(c, perm, used, row + 1));
                used[j] = false;
            }
        }
        return best;
    }
}
