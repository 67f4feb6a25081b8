package io.samlad.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.samlad.stats.PrincipalComponents;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The projection a wide backbone's features go through: orthonormal rows, equal to the plain matrix product, never
 * lengthening a distance, keeping the features' mean part, and keeping most of the distances between patches when
 * the features vary in few directions (as a backbone's do).
 */
class ChannelProjectionTest {

    /** A feature map whose 48 channels vary along 6 directions, on a non-negative offset (rectified features). */
    static FeatureMap lowRankMap(int channels, int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] dirs = new double[6][channels];
        for (double[] d : dirs) {
            for (int c = 0; c < channels; c++) {
                d[c] = rnd.nextGaussian();
            }
        }
        float[] data = new float[w * h * channels];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < channels; c++) {
                data[p * channels + c] = (float) (1 + 0.05 * rnd.nextGaussian() + (c % 5 == 0 ? 0 : 0.5));
            }
            for (int l = 0; l < dirs.length; l++) {
                double s = rnd.nextGaussian() / (1 + l);
                for (int c = 0; c < channels; c++) {
                    data[p * channels + c] += (float) (s * dirs[l][c]);
                }
            }
        }
        return new FeatureMap(channels, w, h, data);
    }

    static ChannelProjection fitted(FeatureMap map, int width) {
        return ChannelProjection.fromComponents(PrincipalComponents.fit(map.data(), map.width() * map.height(),
                map.channels(), width), width);
    }

    @Test
    void rowsAreOrthonormalAndIncludeTheMeanDirection() {
        FeatureMap map = lowRankMap(48, 16, 8, 1);
        ChannelProjection p = fitted(map, 8);
        float[] b = p.basis();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int c = 0; c < 48; c++) {
                    dot += b[i * 48 + c] * (double) b[j * 48 + c];
                }
                assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-6));
            }
        }
        // the mean vector lies in the span of the rows: projecting keeps its length
        float[] mean = new float[48];
        for (int i = 0; i < 16 * 8; i++) {
            for (int c = 0; c < 48; c++) {
                mean[c] += map.data()[i * 48 + c] / 128f;
            }
        }
        FeatureMap m = p.apply(new FeatureMap(48, 1, 1, mean));
        assertThat(norm(m.data(), 0, 8)).isCloseTo(norm(mean, 0, 48), within(1e-4 * norm(mean, 0, 48)));
    }

    @Test
    void applyIsTheMatrixProductAndNeverLengthensADistance() {
        FeatureMap map = lowRankMap(48, 16, 8, 2);
        ChannelProjection p = fitted(map, 8);
        FeatureMap y = p.apply(map);
        assertThat(y.channels()).isEqualTo(8);
        assertThat(y.width()).isEqualTo(16);
        assertThat(y.height()).isEqualTo(8);
        float[] b = p.basis();
        for (int cell = 0; cell < 128; cell++) {
            for (int j = 0; j < 8; j++) {
                double s = 0;
                for (int c = 0; c < 48; c++) {
                    s += b[j * 48 + c] * (double) map.data()[cell * 48 + c];
                }
                assertThat((double) y.data()[cell * 8 + j]).isCloseTo(s, within(1e-5 * (1 + Math.abs(s))));
            }
        }
        double kept = 0;
        double all = 0;
        for (int a = 0; a < 128; a += 3) {
            for (int c = a + 1; c < 128; c += 7) {
                double dx = distance(map.data(), a, c, 48);
                double dy = distance(y.data(), a, c, 8);
                assertThat(dy).isLessThanOrEqualTo(dx * (1 + 1e-5));
                kept += dy * dy;
                all += dx * dx;
            }
        }
        // six directions of variation, seven components: almost all of every distance is kept
        assertThat(kept / all).isGreaterThan(0.98);
    }

    @Test
    void theBlockedKernelIsThePlainFloatLoopBitForBit() {
        // 7 x 3 cells: four-patch blocks and a tail of one
        FeatureMap map = lowRankMap(48, 7, 3, 4);
        ChannelProjection p = fitted(map, 5);
        float[] b = p.basis();
        float[] y = p.apply(map).data();
        for (int cell = 0; cell < 21; cell++) {
            for (int j = 0; j < 5; j++) {
                float s = 0f;
                for (int c = 0; c < 48; c++) {
                    s += map.data()[cell * 48 + c] * b[j * 48 + c];
                }
                assertThat(y[cell * 5 + j]).isEqualTo(s);
            }
        }
    }

    @Test
    void aMapOfOtherWidthIsRefusedAndBadShapesToo() {
        ChannelProjection p = fitted(lowRankMap(48, 8, 8, 3), 4);
        assertThatThrownBy(() -> p.apply(new FeatureMap(31, 2, 2, new float[124])))
                .hasMessage("projection expects 48 feature channels, the backbone gave 31");
        assertThatThrownBy(() -> new ChannelProjection(8, 9, new float[72])).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelProjection(8, 2, new float[15])).isInstanceOf(
                IllegalArgumentException.class);
    }

    private static double norm(float[] v, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += v[i] * (double) v[i];
        }
        return Math.sqrt(s);
    }

    private static double distance(float[] d, int a, int b, int c) {
        double s = 0;
        for (int k = 0; k < c; k++) {
            double x = d[a * c + k] - (double) d[b * c + k];
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
