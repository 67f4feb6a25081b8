package io.samlad.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.samlad.data.DefectConfig;
import io.samlad.segment.ConnectedComponents;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SproTest {
    static final double[] LIMITS = {0.1, 0.3, 1.0};

    @Test
    void singleRegionWithAbsoluteSaturation() {
        // Normal pixels: 0.1 0.2 0.3 0.4 (good image) and 0.15 (defect-free part of the anomalous image): 5.
        // One region of 3 pixels (0.5, 0.35, 0.05) saturating at min(2, 3) = 2 pixels.
        // Descending thresholds: 0.5 -> (0, .5); 0.4 -> (.2, .5); 0.35 -> (.2, 1); then FPR grows at sPRO 1.
        double saturation = new DefectConfig("a", 255, 2, false).saturationArea(3);
        assertThat(saturation).isEqualTo(2);
        Spro.Result r = Spro.evaluate(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.15f},
                new float[][] {{0.5f, 0.35f, 0.05f}}, new double[] {saturation}, LIMITS, 0);
        assertThat(r.curve().x()).containsExactly(new double[] {0, 0, 0.2, 0.2, 0.4, 0.6, 0.8, 1, 1}, within(1e-12));
        assertThat(r.curve().y()).containsExactly(new double[] {0, 0.5, 0.5, 1, 1, 1, 1, 1, 1}, within(1e-12));
        assertThat(r.thresholds()).isEqualTo(8);
        assertThat(r.area(0.1)).isCloseTo(0.5, within(1e-12)); // 0.5 * 0.1 / 0.1
        assertThat(r.area(0.3)).isCloseTo((0.1 + 0.1) / 0.3, within(1e-12)); // 0.5*0.2 + 1*0.1
        assertThat(r.area(1.0)).isCloseTo(0.9, within(1e-12)); // 0.5*0.2 + 1*0.8
    }

    @Test
    void twoRegionsWithRelativeSaturation() {
        // Region A: 4 pixels, relative 0.5 -> floor(2) = 2; region B: 3 pixels, relative 0.6 -> floor(1.8) = 1.
        double sA = new DefectConfig("a", 1, 0.5, true).saturationArea(4);
        double sB = new DefectConfig("b", 2, 0.6, true).saturationArea(3);
        assertThat(sA).isEqualTo(2);
        assertThat(sB).isEqualTo(1);
        // Normal pixels 0.85 and 0.6. Thresholds: 0.9 A=1/2 -> mean .25 at FPR 0; 0.85 -> FPR .5;
        // 0.8 A full -> .5; 0.7 B full -> 1; 0.6 -> FPR 1.
        Spro.Result r = Spro.evaluate(new float[] {0.85f, 0.6f},
                new float[][] {{0.9f, 0.8f, 0.2f, 0.1f}, {0.7f, 0.05f, 0.05f}}, new double[] {sA, sB}, LIMITS, 0);
        assertThat(r.curve().x()).startsWith(0, 0, 0.5, 0.5, 0.5, 1);
        assertThat(r.curve().y()).startsWith(0, 0.25, 0.25, 0.5, 1, 1);
        assertThat(r.area(0.3)).isCloseTo(0.25, within(1e-12));
        assertThat(r.area(1.0)).isCloseTo(0.5 * 0.25 + 0.5 * 1, within(1e-12));
    }

    @Test
    void aTieBetweenNormalAndDefectPixelsIsOneThreshold() {
        // Both pixels flip together: the curve jumps from (0, 0) straight to (1, 1): half the unit square.
        Spro.Result r = Spro.evaluate(new float[] {0.5f}, new float[][] {{0.5f}}, new double[] {1}, LIMITS, 0);
        assertThat(r.curve().x()).containsExactly(0, 1);
        assertThat(r.curve().y()).containsExactly(0, 1);
        assertThat(r.area(1.0)).isCloseTo(0.5, within(1e-12));
        assertThat(r.area(0.1)).isCloseTo(0.05, within(1e-12)); // y(0.1) = 0.1: 0.5 * 0.1 * 0.1 / 0.1
    }

    @Test
    void undefinedCasesAreRefused() {
        assertThatThrownBy(() -> Spro.evaluate(new float[] {1}, new float[0][], new double[0], LIMITS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no defect region");
        assertThatThrownBy(() -> Spro.evaluate(new float[0], new float[][] {{1}}, new double[] {1}, LIMITS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("false positive rate");
    }

    @Test
    void matchesABruteForceSweepOnRandomMaps() {
        Random rnd = new Random(5);
        float[] ok = new float[300];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = rnd.nextInt(40) / 10f;
        }
        float[][] regions = new float[4][];
        double[] sat = {3, 10, 1, 6};
        for (int r = 0; r < regions.length; r++) {
            regions[r] = new float[5 + 3 * r];
            for (int i = 0; i < regions[r].length; i++) {
                regions[r][i] = (rnd.nextInt(40) + 15) / 10f;
            }
        }
        Spro.Result fast = Spro.evaluate(ok, regions, sat, LIMITS, 0);
        // brute force: for every distinct score t descending, count scores >= t
        java.util.TreeSet<Float> ts = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (float v : ok) {
            ts.add(v);
        }
        for (float[] reg : regions) {
            for (float v : reg) {
                ts.add(v);
            }
        }
        CurveArea area = new CurveArea(LIMITS);
        area.add(0, 0);
        for (float t : ts) {
            int fp = 0;
            for (float v : ok) {
                fp += v >= t ? 1 : 0;
            }
            double mean = 0;
            for (int r = 0; r < regions.length; r++) {
                int tp = 0;
                for (float v : regions[r]) {
                    tp += v >= t ? 1 : 0;
                }
                mean += Math.min(tp / sat[r], 1);
            }
            area.add(fp / (double) ok.length, mean / regions.length);
        }
        for (int l = 0; l < LIMITS.length; l++) {
            assertThat(fast.areas()[l]).isCloseTo(area.normalisedArea(l), within(1e-9));
        }
    }

    @Test
    void proUsesEightConnectedComponents() {
        // 3x2 map; defects at (0,0) and (2,0): not adjacent, so two regions of one pixel each.
        BitSet d = new BitSet();
        d.set(0);
        d.set(2);
        Pro.Image a = new Pro.Image(new float[] {0.9f, 0.1f, 0.35f, 0.2f, 0.3f, 0.7f}, 3, d);
        Pro.Image good = new Pro.Image(new float[] {0.4f, 0.6f}, 2, new BitSet());
        // Normal pixels 0.1 0.2 0.3 0.7 0.4 0.6. 0.9 -> PRO .5 at FPR 0; PRO stays .5 until 0.35 (FPR 3/6) -> 1.
        Spro.Result r = Pro.evaluate(List.of(a, good), new double[] {0.3, 1.0}, 0);
        assertThat(r.area(0.3)).isCloseTo(0.5, within(1e-12));
        assertThat(r.area(1.0)).isCloseTo(0.5 * 0.5 + 0.5 * 1, within(1e-12));
    }

    @Test
    void diagonalNeighboursFormOneComponent() {
        BitSet m = new BitSet();
        m.set(0); // (0,0)
        m.set(4); // (1,1) on a 3-wide grid: diagonal neighbour
        m.set(2 * 3 + 0); // (0,2) touches (1,1) diagonally
        m.set(2); // (2,0) touches (1,1) diagonally
        assertThat(ConnectedComponents.of(m, 3, 3)).hasSize(1);
        BitSet apart = new BitSet();
        apart.set(0);
        apart.set(2);
        apart.set(8);
        assertThat(ConnectedComponents.of(apart, 3, 3)).hasSize(3);
    }
}
