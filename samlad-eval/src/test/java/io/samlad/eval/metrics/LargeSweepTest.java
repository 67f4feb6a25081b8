package io.samlad.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact sweep on a full category's worth of pixels (100 maps of 200x400, 8M pixels): one threshold per distinct
 * score, a thinned curve, and the AUROC of two known distributions. How fast it runs is the JMH benchmark's business
 * ({@code samlad-bench}), not a unit test's: a wall-clock limit fails on a loaded machine and passes on a slow sweep.
 */
class LargeSweepTest {
    @Test
    void eightMillionPixelsSweepExactly() {
        Random rnd = new Random(1);
        int n = 100 * 200 * 400;
        int inRegions = 200_000;
        float[] ok = new float[n - inRegions];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = rnd.nextFloat();
        }
        float[][] regions = new float[100][inRegions / 100];
        double[] sat = new double[100];
        for (int r = 0; r < regions.length; r++) {
            for (int i = 0; i < regions[r].length; i++) {
                regions[r][i] = rnd.nextFloat() + 0.3f;
            }
            sat[r] = regions[r].length / 2.0;
        }
        Spro.Result r = Spro.evaluate(ok, regions, sat, new double[] {0.01, 0.05, 0.1, 0.3, 1.0}, 1e-3);
        double auroc = Auroc.of(ok, concat(regions));
        assertThat(r.thresholds()).isGreaterThan(1_000_000); // exact: one per distinct score
        assertThat(r.curve().size()).isLessThan(5_000); // thinned for plotting only
        // P(U(0.3,1.3) > U(0,1)) = P(N - X < 0.3) for a triangular difference = 1 - 0.7^2 / 2 = 0.755
        assertThat(auroc).isCloseTo(0.755, org.assertj.core.api.Assertions.within(0.005));
    }

    private static float[] concat(float[][] a) {
        int n = 0;
        for (float[] x : a) {
            n += x.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] x : a) {
            System.arraycopy(x, 0, out, k, x.length);
            k += x.length;
        }
        return out;
    }
}
