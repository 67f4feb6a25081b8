package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TemplateBank#nearest} (similarities four bank images at a time) against the plain computation kept here as
 * the reference (one image's dot product at a time, then the most similar first, ties to the lower index): the same
 * neighbours with the same similarities, bit for bit.
 */
class TemplateBankNearestTest {

    /** The reference: centred unit descriptors, one dot product per image, selection of the largest in turn. */
    static List<TemplateBank.Neighbour> reference(List<float[]> globals, float[] query, int k, int exclude) {
        int n = globals.size();
        int g = query.length;
        float[] mean = new float[g];
        for (float[] s : globals) {
            for (int i = 0; i < g; i++) {
                mean[i] += s[i] / n;
            }
        }
        float[] q = unit(query, mean);
        double[] sims = new double[n];
        for (int i = 0; i < n; i++) {
            float[] b = unit(globals.get(i), mean);
            double s = 0;
            for (int j = 0; j < g; j++) {
                s += q[j] * b[j];
            }
            sims[i] = i == exclude ? Double.NEGATIVE_INFINITY : s;
        }
        int want = Math.min(k, exclude >= 0 ? n - 1 : n);
        List<TemplateBank.Neighbour> out = new ArrayList<>();
        boolean[] taken = new boolean[n];
        for (int r = 0; r < want; r++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || sims[i] > sims[best])) {
                    best = i;
                }
            }
            if (best < 0 || sims[best] == Double.NEGATIVE_INFINITY) {
                break;
            }
            taken[best] = true;
            out.add(new TemplateBank.Neighbour(best, sims[best]));
        }
        return out;
    }

    private static float[] unit(float[] global, float[] mean) {
        float[] v = new float[global.length];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = global[i] - mean[i];
            n += v[i] * (double) v[i];
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }

    @Test
    void theSameNeighboursAndSimilaritiesAsOneImageAtATime() {
        Random r = new Random(23);
        FeatureMap grid = new FeatureMap(1, 1, 1, new float[] {0});
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(23);
            int g = 1 + r.nextInt(60);
            List<float[]> globals = new ArrayList<>();
            List<Scene> scenes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[] v = new float[g];
                for (int j = 0; j < g; j++) {
                    // a few repeated descriptors make ties, which must go to the lower index
                    v[j] = trial % 3 == 0 && i % 2 == 1 ? globals.get(i - 1)[j] : (float) r.nextGaussian();
                }
                globals.add(v);
                scenes.add(new Scene(8, 8, v, grid, grid, List.of()));
                names.add("n" + i);
            }
            TemplateBank bank = new TemplateBank(SamladConfig.defaults(), "test", scenes, names,
                    Calibration.identity(), null);
            float[] query = new float[g];
            for (int j = 0; j < g; j++) {
                query[j] = (float) r.nextGaussian();
            }
            int k = 1 + r.nextInt(n + 2);
            int exclude = r.nextBoolean() ? -1 : r.nextInt(n);
            assertThat(bank.nearest(query, k, exclude)).as("trial %d: %d images of %d values, k %d", trial, n, g, k)
                    .isEqualTo(reference(globals, query, k, exclude));
        }
    }
}
