package io.samlad.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.features.FeatureMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskCleanup#mergeSimilarNeighbours} keeps each mask's dilation and each touching pair's cosine from one
 * merge to the next: it must merge exactly as the loop it replaced, which dilated every mask and compared every
 * touching pair again after each merge (kept below as the reference).
 */
class MaskMergeTest {
    @Test
    void mergesAsThePairByPairLoopOnRandomMasks() {
        Random random = new Random(20261130L);
        int merges = 0;
        for (int trial = 0; trial < 300; trial++) {
            int w = 4 + random.nextInt(30);
            int h = 4 + random.nextInt(30);
            int c = 1 + random.nextInt(6);
            // a few "kinds" of feature so that some neighbours are alike and some are not
            float[][] kinds = new float[1 + random.nextInt(4)][c];
            for (float[] k : kinds) {
                for (int i = 0; i < c; i++) {
                    k[i] = (float) random.nextGaussian();
                }
            }
            float[] data = new float[w * h * c];
            for (int cell = 0; cell < w * h; cell++) {
                float[] k = kinds[(cell % w) * kinds.length / w];
                for (int i = 0; i < c; i++) {
                    data[cell * c + i] = k[i] + 0.3f * (float) random.nextGaussian();
                }
            }
            FeatureMap features = new FeatureMap(c, w, h, data);
            int n = random.nextInt(25);
            List<ObjectMask> masks = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                BitSet bits = new BitSet(w * h);
                int x0 = random.nextInt(w);
                int y0 = random.nextInt(h);
                int x1 = Math.min(w, x0 + 1 + random.nextInt(Math.max(1, w / 3)));
                int y1 = Math.min(h, y0 + 1 + random.nextInt(Math.max(1, h / 3)));
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        if (random.nextInt(10) > 0) {
                            bits.set(y * w + x);
                        }
                    }
                }
                if (bits.isEmpty()) {
                    bits.set(y0 * w + x0);
                }
                masks.add(new ObjectMask(w, h, bits, random.nextDouble()));
            }
            double threshold = trial % 10 == 0 ? 1.0 : -0.5 + 1.4 * random.nextDouble();
            List<ObjectMask> expected = reference(copies(masks), features, threshold);
            List<ObjectMask> actual = MaskCleanup.mergeSimilarNeighbours(copies(masks), features, threshold);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).bits()).isEqualTo(expected.get(i).bits());
                assertThat(actual.get(i).quality()).isEqualTo(expected.get(i).quality());
            }
            merges += masks.size() - expected.size();
        }
        // the random cases do merge, often
        assertThat(merges).isGreaterThan(300);
    }

    private static List<ObjectMask> copies(List<ObjectMask> masks) {
        List<ObjectMask> out = new ArrayList<>();
        for (ObjectMask m : masks) {
            out.add(new ObjectMask(m.width(), m.height(), (BitSet) m.bits().clone(), m.quality()));
        }
        return out;
    }

    /** The loop before: every mask dilated and every touching pair compared again after each merge. */
    private static List<ObjectMask> reference(List<ObjectMask> masks, FeatureMap features, double threshold) {
        if (threshold >= 1.0 || masks.size() < 2) {
            return new ArrayList<>(masks);
        }
        int c = features.channels();
        float[] imageMean = new float[c];
        float[] fd = features.data();
        int cells = features.width() * features.height();
        for (int i = 0; i < cells; i++) {
            for (int k = 0; k < c; k++) {
                imageMean[k] += fd[i * c + k];
            }
        }
        for (int k = 0; k < c; k++) {
            imageMean[k] /= cells;
        }
        List<BitSet> bits = new ArrayList<>();
        List<double[]> sums = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Double> qualities = new ArrayList<>();
        for (ObjectMask m : masks) {
            BitSet b = m.bits();
            bits.add(b);
            double[] s = new double[c];
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                for (int k = 0; k < c; k++) {
                    s[k] += fd[i * c + k];
                }
            }
            sums.add(s);
            counts.add(m.area());
            qualities.add(m.quality());
        }
        int w = features.width();
        int h = features.height();
        while (true) {
            int bestA = -1;
            int bestB = -1;
            double best = threshold;
            for (int a = 0; a < bits.size(); a++) {
                BitSet grown = MaskCleanup.dilate(bits.get(a), w, h);
                for (int b = a + 1; b < bits.size(); b++) {
                    if (!grown.intersects(bits.get(b))) {
                        continue;
                    }
                    double sim = centredCosine(sums.get(a), counts.get(a), sums.get(b), counts.get(b), imageMean);
                    if (sim >= best) {
                        best = sim;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            bits.get(bestA).or(bits.get(bestB));
            double[] sa = sums.get(bestA);
            double[] sb = sums.get(bestB);
            for (int k = 0; k < c; k++) {
                sa[k] += sb[k];
            }
            counts.set(bestA, counts.get(bestA) + counts.get(bestB));
            qualities.set(bestA, Math.max(qualities.get(bestA), qualities.get(bestB)));
            bits.remove(bestB);
            sums.remove(bestB);
            counts.remove(bestB);
            qualities.remove(bestB);
        }
        List<ObjectMask> out = new ArrayList<>();
        for (int i = 0; i < bits.size(); i++) {
            out.add(new ObjectMask(w, h, bits.get(i), qualities.get(i)));
        }
        return out;
    }

    private static double centredCosine(double[] sa, int na, double[] sb, int nb, float[] mean) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < mean.length; k++) {
            double a = sa[k] / na - mean[k];
            double b = sb[k] / nb - mean[k];
            dot += a * b;
            aa += a * a;
            bb += b * b;
        }
        return dot / Math.sqrt(Math.max(1e-12, aa * bb));
    }
}
