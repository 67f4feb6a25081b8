package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An image of 8-bit samples ({@link RgbImage#ofPlanarBytes}, what the PNG decoder makes) is the image of their
 * floats: the same planes, and every resize the same bit for bit as resizing those floats (whose own kernel is
 * checked against the reference in samlad-bench's FastKernelsTest). And the last shrinking resize kept with an image
 * is the same object, with the values a fresh resize gives.
 */
class RgbImageSamplesTest {
    private static byte[] randomSamples(long seed, int n) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** The float image the samples stand for, made without {@link RgbImage}'s own conversion. */
    private static RgbImage asFloats(int w, int h, byte[] samples) {
        double scale = (float) (1.0 / 255);
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) ((samples[i] & 0xff) * scale);
        }
        return RgbImage.ofPlanar(w, h, f);
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    @Test
    void planesAreTheSamplesFloats() {
        byte[] s = randomSamples(1, 3 * 37 * 21);
        RgbImage image = RgbImage.ofPlanarBytes(37, 21, s);
        assertThat(bits(image.planar())).isEqualTo(bits(asFloats(37, 21, s).planar()));
        assertThat(image.planar()).isSameAs(image.planar());
        assertThat(image.get(2, 36, 20)).isEqualTo(asFloats(37, 21, s).get(2, 36, 20));
        for (int v = 0; v < 256; v++) {
            assertThat(Math.round(RgbImage.level(v) * 255f)).isEqualTo(v);
        }
        assertThatThrownBy(() -> RgbImage.ofPlanarBytes(4, 4, new byte[47])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resizingSamplesIsResizingTheirFloatsBitForBit() {
        // shrinking (the working size from 800x1600 and the overlay's panel), enlarging, mixed, one axis only
        int[][] cases = {{800, 1600, 256, 512}, {800, 1600, 320, 640}, {200, 400, 256, 512}, {37, 21, 11, 40},
            {37, 21, 60, 9}, {37, 21, 37, 9}, {37, 21, 11, 21}, {5, 3, 1, 1}, {1, 7, 3, 2}};
        for (int[] c : cases) {
            byte[] s = randomSamples(c[0] * 31L + c[1], 3 * c[0] * c[1]);
            float[] fromBytes = RgbImage.ofPlanarBytes(c[0], c[1], s).resize(c[2], c[3]).planar();
            float[] fromFloats = asFloats(c[0], c[1], s).resize(c[2], c[3]).planar();
            assertThat(bits(fromBytes)).as("%dx%d -> %dx%d", c[0], c[1], c[2], c[3]).isEqualTo(bits(fromFloats));
        }
        // the samples' own kernel only narrows (the image enlarges, or keeps its width, through its floats)
        assertThatThrownBy(() -> Resampling.resizePlanes(new byte[3 * 16], RgbImage.LEVELS, 4, 4, 3, 4, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resampling.resizePlanes(new byte[3 * 16], RgbImage.LEVELS, 4, 4, 3, 8, 2))
                .isInstanceOf(IllegalArgumentException.class);
        // a constant image stays exactly constant, 0 and 1 included
        for (int v : new int[] {0, 255, 128}) {
            byte[] s = new byte[3 * 40 * 30];
            java.util.Arrays.fill(s, (byte) v);
            float[] r = RgbImage.ofPlanarBytes(40, 30, s).resize(13, 7).planar();
            assertThat(bits(r)).isEqualTo(bits(asFloats(40, 30, s).resize(13, 7).planar()));
        }
    }

    @Test
    void theLastShrinkIsKeptAndEnlargementsAreNot() {
        byte[] s = randomSamples(7, 3 * 80 * 160);
        RgbImage image = RgbImage.ofPlanarBytes(80, 160, s);
        RgbImage working = image.resizeShortSide(32);
        assertThat(image.resize(32, 64)).isSameAs(working);
        assertThat(bits(working.planar())).isEqualTo(bits(asFloats(80, 160, s).resize(32, 64).planar()));
        RgbImage panel = image.resize(40, 80);
        assertThat(panel).isNotSameAs(working);
        assertThat(image.resize(40, 80)).isSameAs(panel);
        assertThat(image.resize(32, 64)).isNotSameAs(working);          // only the last one is kept
        assertThat(bits(image.resize(32, 64).planar())).isEqualTo(bits(working.planar()));
        RgbImage small = RgbImage.ofPlanar(8, 8, new float[3 * 64]);
        assertThat(small.resize(16, 16)).isNotSameAs(small.resize(16, 16));
        assertThat(small.resize(8, 8)).isSameAs(small);
    }
}
