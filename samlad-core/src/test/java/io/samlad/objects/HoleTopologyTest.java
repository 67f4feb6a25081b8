package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig.Identity.Descriptor;
import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The holes that tell a 0 from a 6, an 8 or a 9 whatever the writing: drawn digit-like shapes (rings of stroke width
 * 3 on a 96 x 96 image) read through the whole NORMALISED descriptor, as the IDENTITY measure reads them.
 */
class HoleTopologyTest {
    static final int SIZE = 96;

    /** White strokes: ellipse rings (cx, cy, rx, ry) and vertical bars (x, y0, y1), width 3, on black. */
    static RgbImage draw(double[][] rings, int[][] bars) {
        float[] p = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean ink = false;
                for (double[] r : rings) {
                    double d = Math.hypot((x - r[0]) / r[2], (y - r[1]) / r[3]);
                    ink |= Math.abs(d - 1) * Math.min(r[2], r[3]) < 1.6;
                }
                for (int[] b : bars) {
                    ink |= Math.abs(x - b[0]) <= 1 && y >= b[1] && y <= b[2];
                }
                if (ink) {
                    for (int c = 0; c < 3; c++) {
                        p[c * SIZE * SIZE + y * SIZE + x] = 1;
                    }
                }
            }
        }
        return RgbImage.ofPlanar(SIZE, SIZE, p);
    }

    static float[] holes(RgbImage image) {
        BitSet b = new BitSet();
        for (int y = 20; y < 76; y++) {
            for (int x = 30; x < 66; x++) {
                b.set(y * SIZE + x);
            }
        }
        float[] d = AppearanceDescriptor.of(image, new ObjectMask(SIZE, SIZE, b), Descriptor.NORMALISED);
        return java.util.Arrays.copyOfRange(d, AppearanceDescriptor.NORMALISED_LENGTH, d.length);
    }

    static final RgbImage ZERO = draw(new double[][] {{48, 48, 10, 18}}, new int[0][]);
    static final RgbImage SIX = draw(new double[][] {{48, 58, 9, 8}}, new int[][] {{40, 30, 58}});
    static final RgbImage NINE = draw(new double[][] {{48, 38, 9, 8}}, new int[][] {{56, 38, 66}});
    static final RgbImage EIGHT = draw(new double[][] {{48, 38, 8, 8}, {48, 57, 9, 9}}, new int[0][]);
    static final RgbImage ONE = draw(new double[0][], new int[][] {{48, 28, 68}});

    @Test
    void countsTheLoops() {
        assertThat(holes(ONE)[0]).isZero();
        assertThat(holes(ZERO)[0]).isEqualTo(0.5f);
        assertThat(holes(SIX)[0]).isEqualTo(0.5f);
        assertThat(holes(EIGHT)[0]).isEqualTo(1f);
        assertThat(holes(ONE)).containsOnly(0f);
    }

    @Test
    void tellsAHighHoleFromALowOneAndATallOne() {
        float[] six = holes(SIX);
        float[] nine = holes(NINE);
        float[] zero = holes(ZERO);
        assertThat(six[2]).isGreaterThan(six[1] + 0.2f); // lower half
        assertThat(nine[1]).isGreaterThan(nine[2] + 0.2f); // upper half
        assertThat(zero[3]).isGreaterThan(1.5f * six[3]); // a 0's hole spans far more rows
        // so a 0 is farther from a 6 by its holes than a slightly larger or shifted 6 is
        float[] otherSix = holes(draw(new double[][] {{46, 60, 10, 9}}, new int[][] {{37, 28, 60}}));
        assertThat(dist(zero, six)).isGreaterThan(3 * dist(otherSix, six));
    }

    @Test
    void aZeroIsMostlyHoleAnEightOrASixLessAndAOneNot() {
        float zero = holes(ZERO)[HoleTopology.FILL];
        float eight = holes(EIGHT)[HoleTopology.FILL];
        float six = holes(SIX)[HoleTopology.FILL];
        assertThat(holes(ONE)[HoleTopology.FILL]).isZero();
        // one tall loop encloses more than two small ones, and far more than one loop beside a stem
        assertThat(zero).isGreaterThan(eight).isGreaterThan(six + 0.1f).isLessThan(1f);
        assertThat(eight).isPositive();
        // a 0 whose top is open is no loop at all: nothing filled
        RgbImage open = draw(new double[][] {{48, 48, 10, 18}}, new int[0][]);
        float[] p = open.planar();
        for (int y = 28; y < 34; y++) {
            for (int x = 44; x < 53; x++) {
                for (int c = 0; c < 3; c++) {
                    p[c * SIZE * SIZE + y * SIZE + x] = 0;
                }
            }
        }
        assertThat(holes(RgbImage.ofPlanar(SIZE, SIZE, p))[HoleTopology.FILL]).isLessThan(zero / 4);
    }

    @Test
    void theFillIsComparedOnlyWhereBothDescriptorsHoldIt() {
        float[] zero = AppearanceDescriptor.of(ZERO, new ObjectMask(SIZE, SIZE, full()), Descriptor.NORMALISED);
        float[] six = AppearanceDescriptor.of(SIX, new ObjectMask(SIZE, SIZE, full()), Descriptor.NORMALISED);
        // as a bank of round 7 stored it: the histogram and the four values of count, place and height
        float[] roundSeven = java.util.Arrays.copyOf(six, AppearanceDescriptor.NORMALISED_LENGTH + HoleTopology.SHAPE);
        assertThat(AppearanceDescriptor.hasTopology(roundSeven)).isTrue();
        assertThat(AppearanceDescriptor.hasFill(roundSeven)).isFalse();
        assertThat(AppearanceDescriptor.topologyDistance(zero, roundSeven))
                .isEqualTo(AppearanceDescriptor.topologyDistance(zero, six));
        assertThat(AppearanceDescriptor.fillDistance(zero, roundSeven)).isNaN();
        int f = AppearanceDescriptor.NORMALISED_LENGTH + HoleTopology.FILL;
        assertThat(AppearanceDescriptor.fillDistance(zero, six)).isCloseTo(Math.abs(zero[f] - six[f]),
                org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void doesNotChangeWhenMirrored() {
        float[] d = AppearanceDescriptor.of(SIX, new ObjectMask(SIZE, SIZE, full()), Descriptor.NORMALISED);
        float[] m = AppearanceDescriptor.mirrored(d);
        assertThat(java.util.Arrays.copyOfRange(m, AppearanceDescriptor.NORMALISED_LENGTH, m.length))
                .containsExactly(java.util.Arrays.copyOfRange(d, AppearanceDescriptor.NORMALISED_LENGTH, d.length));
    }

    @Test
    void histogramDistancesIgnoreTheHolesAndOldDescriptorsStayComparable() {
        float[] zero = AppearanceDescriptor.of(ZERO, new ObjectMask(SIZE, SIZE, full()), Descriptor.NORMALISED);
        float[] six = AppearanceDescriptor.of(SIX, new ObjectMask(SIZE, SIZE, full()), Descriptor.NORMALISED);
        float[] oldSix = AppearanceDescriptor.histogramPart(six); // as a bank written before the holes stored it
        assertThat(oldSix).hasSize(AppearanceDescriptor.NORMALISED_LENGTH);
        assertThat(AppearanceDescriptor.comparable(zero, oldSix)).isTrue();
        assertThat(AppearanceDescriptor.distance(zero, oldSix)).isEqualTo(AppearanceDescriptor.distance(zero, six));
        assertThat(AppearanceDescriptor.topologyDistance(zero, oldSix)).isNaN();
        assertThat(AppearanceDescriptor.topologyDistance(zero, six)).isGreaterThan(0.2);
    }

    private static BitSet full() {
        BitSet b = new BitSet();
        for (int y = 20; y < 76; y++) {
            for (int x = 30; x < 66; x++) {
                b.set(y * SIZE + x);
            }
        }
        return b;
    }

    private static double dist(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
