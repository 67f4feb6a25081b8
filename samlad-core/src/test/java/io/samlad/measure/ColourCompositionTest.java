package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
import io.samlad.objects.ColourHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * COLOURS on small generated images: a grey bench with two dark connectors joined by a cable, blue between small
 * connectors and red between large ones, bent and placed anew in every image. A query that breaks the pairing (large
 * connectors, blue cable) or has the connectors of two sizes is farther from every normal image's colour shares than
 * unseen normal images are, whatever its pose; the measure sees no place, so moving everything changes nothing.
 */
class ColourCompositionTest {
    private static final SamladConfig.Colours CONFIG = SamladConfig.Colours.DEFAULTS;
    private static final float[] BENCH = {0.78f, 0.77f, 0.74f};
    private static final float[] DARK = {0.15f, 0.15f, 0.17f};
    private static final float[] BLUE = {0.15f, 0.35f, 0.85f};
    private static final float[] RED = {0.85f, 0.15f, 0.12f};

    /** One image: connectors of half-sides {@code left} and {@code right}, a cable of colour {@code cable}. */
    static RgbImage cable(Random r, int left, int right, float[] cable) {
        int w = 96;
        int h = 96;
        float[] p = new float[3 * w * h];
        int cy = 44 + r.nextInt(8);
        int x0 = 14 + r.nextInt(4);
        int x1 = 80 - r.nextInt(4);
        double sag = 6 + 10 * r.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] c = BENCH;
                double t = (x - x0) / (double) (x1 - x0);
                double yc = cy + sag * Math.sin(Math.PI * t);
                if (t > 0 && t < 1 && Math.abs(y - yc) < 2.5) {
                    c = cable;
                }
                if (Math.abs(x - x0) <= left && Math.abs(y - cy) <= left * 0.8) {
                    c = DARK;
                }
                if (Math.abs(x - x1) <= right && Math.abs(y - cy) <= right * 0.8) {
                    c = DARK;
                }
                float noise = (float) (0.02 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * w * h + y * w + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return RgbImage.ofPlanar(w, h, p);
    }

    static RgbImage normal(Random r) {
        return r.nextBoolean() ? cable(r, 5, 5, BLUE) : cable(r, 8, 8, RED);
    }

    private static double[] raws(ColourComposition.Model model, List<float[]> queries) {
        return queries.stream().mapToDouble(q -> ColourComposition.raw(model.vector(q), model.vectors(), -1,
                CONFIG.neighbours())).toArray();
    }

    @Test
    void aPairingNoNormalImageHasIsFartherThanUnseenNormals() {
        Random r = new Random(3);
        List<float[]> bank = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bank.add(ColourHistogram.of(normal(r)));
        }
        ColourComposition.Model model = ColourComposition.fit(bank, CONFIG);
        List<float[]> good = new ArrayList<>();
        List<float[]> wrongColour = new ArrayList<>();
        List<float[]> sizeMismatch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            good.add(ColourHistogram.of(normal(r)));
            wrongColour.add(ColourHistogram.of(i % 2 == 0 ? cable(r, 8, 8, BLUE) : cable(r, 5, 5, RED)));
            sizeMismatch.add(ColourHistogram.of(i % 2 == 0 ? cable(r, 5, 8, BLUE) : cable(r, 8, 5, RED)));
        }
        double worstGood = Arrays.stream(raws(model, good)).max().orElseThrow();
        assertThat(Arrays.stream(raws(model, wrongColour)).min().orElseThrow()).isGreaterThan(worstGood);
        assertThat(Arrays.stream(raws(model, sizeMismatch)).min().orElseThrow()).isGreaterThan(worstGood);
    }

    @Test
    void theBanksOwnImageIsLeftOutAndTheNearestCount() {
        double[][] vectors = {{0, 0}, {3, 4}, {6, 8}};
        // excluding the image itself, its nearest is 5 away; with it, 0
        assertThat(ColourComposition.raw(new double[] {0, 0}, vectors, 0, 1)).isEqualTo(5.0);
        assertThat(ColourComposition.raw(new double[] {0, 0}, vectors, -1, 1)).isEqualTo(0.0);
        assertThat(ColourComposition.raw(new double[] {0, 0}, vectors, 0, 2)).isEqualTo(7.5);
    }

    @Test
    void kMeansFindsTheWeightedColoursDeterministically() {
        float[][] points = {{0, 0, 0}, {0.01f, 0, 0}, {1, 0, 0}, {1.01f, 0, 0}, {5, 5, 5}};
        double[] weight = {1, 1, 2, 2, 0};
        double[][] means = ColourComposition.kMeans(points, weight, 2);
        assertThat(means).hasNumberOfRows(2);
        // the point of no weight pulls no mean
        assertThat(means[0][0]).isCloseTo(1.005, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(means[1][0]).isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ColourComposition.kMeans(points, weight, 2)).isDeepEqualTo(means);
    }
}
