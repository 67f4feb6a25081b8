package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.features.FeatureMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NearestPatches} against the plain loop over patch pairs, on random maps: bit-identical. */
class NearestPatchesTest {

    /** The reference: every pair within the window, the full sum over channels in order, the smallest kept. */
    static void reference(FeatureMap from, FeatureMap to, int radius, float[] best) {
        int w = from.width();
        int h = from.height();
        int c = from.channels();
        int tw = to.width();
        int th = to.height();
        for (int y = 0; y < h; y++) {
            int cy = Math.min(th - 1, (int) ((y + 0.5) * th / h));
            for (int x = 0; x < w; x++) {
                int cx = Math.min(tw - 1, (int) ((x + 0.5) * tw / w));
                for (int ny = cy - radius; ny <= cy + radius; ny++) {
                    for (int nx = cx - radius; nx <= cx + radius; nx++) {
                        if (ny < 0 || nx < 0 || ny >= th || nx >= tw) {
                            continue;
                        }
                        float s = 0;
                        for (int k = 0; k < c; k++) {
                            float d = from.data()[(y * w + x) * c + k] - to.data()[(ny * tw + nx) * c + k];
                            s += d * d;
                        }
                        best[y * w + x] = Math.min(best[y * w + x], s);
                    }
                }
            }
        }
    }

    static FeatureMap random(Random r, int c, int w, int h) {
        float[] d = new float[c * w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return new FeatureMap(c, w, h, d);
    }

    @Test
    void equalsThePlainLoopOnRandomMaps() {
        Random r = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            int c = 1 + r.nextInt(40);
            int w = 1 + r.nextInt(20);
            int h = 1 + r.nextInt(20);
            boolean sameGrid = trial % 3 != 0;
            FeatureMap from = random(r, c, w, h);
            FeatureMap to = sameGrid ? random(r, c, w, h) : random(r, c, 1 + r.nextInt(20), 1 + r.nextInt(20));
            int radius = r.nextInt(4);
            float[] seed = new float[w * h];
            for (int i = 0; i < seed.length; i++) {
                // some cells start from a finite best (a seeded search), the rest from infinity
                seed[i] = r.nextBoolean() ? Float.POSITIVE_INFINITY : (float) (r.nextDouble() * 2 * c);
            }
            float[] expected = seed.clone();
            reference(from, to, radius, expected);
            float[] actual = seed.clone();
            NearestPatches.lower(from, to, radius, actual);
            assertThat(actual).as("trial %d: %dx%dx%d, radius %d", trial, c, w, h, radius)
                    .containsExactly(expected);
        }
    }

    @Test
    void bothDirectionsInOnePassEqualEachDirectionByThePlainLoop() {
        Random r = new Random(17);
        for (int trial = 0; trial < 60; trial++) {
            int c = 1 + r.nextInt(40);
            int w = 1 + r.nextInt(20);
            int h = 1 + r.nextInt(20);
            boolean sameGrid = trial % 4 != 0;
            FeatureMap from = random(r, c, w, h);
            FeatureMap to = sameGrid ? random(r, c, w, h) : random(r, c, 1 + r.nextInt(20), 1 + r.nextInt(20));
            if (trial % 5 == 1) {
                // values a real grid never has, whose sums must still agree: infinities (inf - inf is NaN) and -0
                from.data()[r.nextInt(from.data().length)] = Float.POSITIVE_INFINITY;
                to.data()[r.nextInt(to.data().length)] = Float.POSITIVE_INFINITY;
                to.data()[r.nextInt(to.data().length)] = -0f;
            }
            int radius = r.nextInt(4);
            float[] forwardSeed = new float[w * h];
            for (int i = 0; i < forwardSeed.length; i++) {
                forwardSeed[i] = r.nextBoolean() ? Float.POSITIVE_INFINITY : (float) (r.nextDouble() * 2 * c);
            }
            float[] expectedForward = forwardSeed.clone();
            reference(from, to, radius, expectedForward);
            float[] expectedReverse = new float[to.width() * to.height()];
            java.util.Arrays.fill(expectedReverse, Float.POSITIVE_INFINITY);
            reference(to, from, radius, expectedReverse);
            float[] forward = forwardSeed.clone();
            float[] reverse = new float[to.width() * to.height()];
            java.util.Arrays.fill(reverse, Float.POSITIVE_INFINITY);
            NearestPatches.lowerBoth(from, to, radius, forward, reverse, PatchPlanes.memo());
            assertThat(forward).as("trial %d forward", trial).containsExactly(expectedForward);
            assertThat(reverse).as("trial %d reverse", trial).containsExactly(expectedReverse);
        }
    }

    @Test
    void channelPlanesTransposeThePatchMajorMap() {
        FeatureMap m = new FeatureMap(2, 3, 1, new float[] {1, 2, 3, 4, 5, 6});
        float[][] planes = NearestPatches.channelPlanes(m);
        assertThat(planes[0]).containsExactly(1, 3, 5);
        assertThat(planes[1]).containsExactly(2, 4, 6);
    }
}
