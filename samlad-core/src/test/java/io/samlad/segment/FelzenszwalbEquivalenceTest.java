package io.samlad.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The faster segmenter gives exactly the labels of {@link ReferenceFelzenszwalb}, the code it replaced. */
class FelzenszwalbEquivalenceTest {
    /** Blocks of random colour plus noise: many segments, many of them small, so the small-component pass works. */
    private static RgbImage blocks(long seed, int w, int h, int block, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] colours = new float[64][3];
        for (float[] c : colours) {
            for (int k = 0; k < 3; k++) {
                c[k] = (float) r.nextDouble();
            }
        }
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] c = colours[((y / block) * 7 + (x / block) * 3) % colours.length];
                for (int k = 0; k < 3; k++) {
                    double value = c[k] + noise * (r.nextDouble() - 0.5);
                    v[k * w * h + y * w + x] = (float) Math.max(0, Math.min(1, value));
                }
            }
        }
        return RgbImage.ofPlanar(w, h, v);
    }

    private static void assertSame(RgbImage image, double scale, double sigma, double minArea, int gw, int gh) {
        FelzenszwalbSegmenter fast = new FelzenszwalbSegmenter(scale, sigma, minArea);
        ReferenceFelzenszwalb reference = new ReferenceFelzenszwalb(scale, sigma, minArea);
        String what = image.width() + "x" + image.height() + " k=" + scale + " sigma=" + sigma + " min=" + minArea;
        assertThat(Arrays.equals(fast.segment(image, 2 * gw, 2 * gh), reference.segment(image, 2 * gw, 2 * gh)))
                .as(what).isTrue();
        List<ObjectMask> a = fast.generate(image, gw, gh);
        List<ObjectMask> b = reference.generate(image, gw, gh);
        assertThat(a).as(what).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).bits()).as(what + ", mask " + i).isEqualTo(b.get(i).bits());
        }
    }

    @Test
    void sameLabelsOnNoisyBlocksWithSmallComponentsToMerge() {
        for (int seed = 0; seed < 4; seed++) {
            RgbImage image = blocks(seed, 256, 512, 16 + 8 * seed, 0.05 + 0.1 * seed);
            assertSame(image, 1.5, 0.6, 0.003, 64, 128);
            assertSame(image, 0.3, 0, 0.02, 64, 128);
        }
        assertSame(blocks(9, 37, 23, 5, 0.3), 1.0, 0.8, 0.05, 9, 6);
        assertSame(blocks(10, 3, 3, 1, 0.5), 1.0, 0, 0.5, 1, 1);
    }

    @Test
    void sameLabelsOnToyScenes() {
        for (ToyScenes.Defect d : ToyScenes.Defect.values()) {
            assertSame(ToyScenes.scene(7, d).resize(256, 512), 1.5, 0.6, 0.003, 64, 128);
        }
    }

    @Test
    void edgeOrderIsTheOrderOfSortingWeightThenIndex() {
        SplittableRandom r = new SplittableRandom(4);
        int m = 20_000;
        float[] w = new float[m];
        for (int i = 0; i < m; i++) {
            // ties, zeros, tiny and huge values
            int kind = r.nextInt(5);
            w[i] = kind == 0 ? 0f : kind == 1 ? r.nextInt(8) / 4f : kind == 2 ? Float.MIN_VALUE * r.nextInt(3)
                    : kind == 3 ? Float.MAX_VALUE / (1 + r.nextInt(3)) : (float) r.nextDouble();
        }
        Integer[] expected = new Integer[m];
        for (int i = 0; i < m; i++) {
            expected[i] = i;
        }
        Arrays.sort(expected, (p, q) -> w[p] != w[q] ? Float.compare(w[p], w[q]) : Integer.compare(p, q));
        int[] order = FelzenszwalbSegmenter.sortedEdgeOrder(w, m);
        assertThat(Arrays.equals(order, Arrays.stream(expected).mapToInt(Integer::intValue).toArray())).isTrue();
    }
}
