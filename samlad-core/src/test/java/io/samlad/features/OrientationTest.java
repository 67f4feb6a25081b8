package io.samlad.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Orientation} against the reference, {@code Math.atan2} folded into [0, pi]. */
class OrientationTest {

    static double reference(float gx, float gy) {
        double theta = Math.atan2(gy, gx);
        return theta < 0 ? theta + Math.PI : theta;
    }

    @Test
    void equalsFoldedAtan2OnRandomGradients() {
        Random r = new Random(9);
        double worst = 0;
        String where = "";
        for (int i = 0; i < 200_000; i++) {
            float gx = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 3));
            float gy = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 3));
            if (i % 10 == 0) {
                gx = i % 20 == 0 ? 0f : -0f;
            } else if (i % 10 == 1) {
                gy = 0f;
            }
            if (gx == 0 && gy == 0) {
                continue;
            }
            double expected = reference(gx, gy);
            double error = Math.abs(Orientation.unsigned(gx, gy) - expected) / (1 + expected);
            if (error > worst) {
                worst = error;
                where = "(" + gx + ", " + gy + ")";
            }
        }
        // one assertion over all cases: 200 000 AssertJ assertions would cost seconds of the suite
        assertThat(worst).as("worst at %s", where).isLessThanOrEqualTo(1e-15);
    }

    /** The branching form {@link Orientation#unsigned} replaced: the bits must not change. */
    static double branching(float gx, float gy) {
        double base = Orientation.atan(Math.abs(gy) / (double) Math.abs(gx));
        return (gx >= 0) == (gy >= 0) ? base : Math.PI - base;
    }

    @Test
    void branchFreeFormGivesTheBitsOfTheBranchingOne() {
        Random r = new Random(21);
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 0.66f, 2.4142137f, 1f, -1f,
            Float.MAX_VALUE, -Float.MAX_VALUE};
        int differences = 0;
        String first = "";
        for (int i = 0; i < 300_000; i++) {
            float gx = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 4));
            float gy = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 4));
            if (i % 7 == 0) {
                gx = specials[r.nextInt(specials.length)];
            } else if (i % 7 == 1) {
                gy = specials[r.nextInt(specials.length)];
            } else if (i % 7 == 2) {
                // ratios right at the range borders 0.66 and tan(3 pi / 8)
                gy = (float) (gx * (r.nextBoolean() ? 0.66 : 2.414213562373095) * (1 + (r.nextInt(5) - 2) * 1e-7));
            }
            if (gx == 0 && gy == 0) {
                continue;
            }
            long fast = Double.doubleToRawLongBits(Orientation.unsigned(gx, gy));
            if (fast != Double.doubleToRawLongBits(branching(gx, gy))) {
                if (differences++ == 0) {
                    first = "(" + gx + ", " + gy + ")";
                }
            }
        }
        assertThat(differences).as("first at %s", first).isZero();
    }

    @Test
    void axesAndDiagonals() {
        assertThat(Orientation.unsigned(1f, 0f)).isZero();
        assertThat(Orientation.unsigned(-1f, 0f)).isEqualTo(Math.PI);
        assertThat(Orientation.unsigned(0f, 1f)).isEqualTo(Math.PI / 2);
        assertThat(Orientation.unsigned(0f, -1f)).isEqualTo(Math.PI / 2);
        assertThat(Orientation.unsigned(1f, 1f)).isCloseTo(Math.PI / 4, within(1e-16));
        assertThat(Orientation.unsigned(1f, -1f)).isCloseTo(3 * Math.PI / 4, within(1e-15));
        assertThat(Orientation.atan(Double.POSITIVE_INFINITY)).isEqualTo(Math.PI / 2);
    }
}
