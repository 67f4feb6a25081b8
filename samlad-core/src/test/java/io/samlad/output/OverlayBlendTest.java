package io.samlad.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The overlay's heat blend, read from a table of 1025 levels, against the direct computation it replaced: at most one
 * unit apart per channel, equal on the levels themselves, and clamped like it outside [0, 1].
 */
class OverlayBlendTest {
    /** The per-pixel computation before the table, kept as the reference. */
    private static int direct(int b, double t) {
        int heat = HeatColours.rgb(t);
        double alpha = 0.35 + 0.5 * Math.max(0, Math.min(1, t));
        int r = (int) ((1 - alpha) * ((b >> 16) & 0xff) + alpha * ((heat >> 16) & 0xff));
        int g = (int) ((1 - alpha) * ((b >> 8) & 0xff) + alpha * ((heat >> 8) & 0xff));
        int bb = (int) ((1 - alpha) * (b & 0xff) + alpha * (heat & 0xff));
        return (r << 16) | (g << 8) | bb;
    }

    @Test
    void tableBlendIsWithinOneUnitOfTheDirectBlend() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            int pixel = rnd.nextInt(1 << 24);
            double t = rnd.nextDouble() * 1.4 - 0.2;
            int fast = OverlayRenderer.blend(pixel, t);
            int slow = direct(pixel, t);
            for (int shift = 0; shift <= 16; shift += 8) {
                assertThat(Math.abs(((fast >> shift) & 0xff) - ((slow >> shift) & 0xff))).as("t %s", t)
                        .isLessThanOrEqualTo(1);
            }
        }
        for (int k = 0; k <= 1024; k += 7) {
            assertThat(OverlayRenderer.blend(0x336699, k / 1024.0)).isEqualTo(direct(0x336699, k / 1024.0));
        }
        assertThat(OverlayRenderer.blend(0x336699, -3)).isEqualTo(direct(0x336699, 0));
        assertThat(OverlayRenderer.blend(0x336699, 7)).isEqualTo(direct(0x336699, 1));
        assertThat(OverlayRenderer.blend(0x336699, Double.NaN)).isEqualTo(direct(0x336699, 0));
    }
}
