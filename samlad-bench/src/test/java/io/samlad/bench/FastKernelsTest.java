package io.samlad.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.LabColour;
import io.samlad.image.Resampling;
import io.samlad.image.RgbImage;
import io.samlad.segment.GaussianBlur;
import io.samlad.toy.ToyScenes;
import io.samlad.upsample.JointBilateralUpsampler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sped-up kernels against {@link ReferenceKernels}, the code they replaced: bit-for-bit where only the order of
 * memory accesses changed, within float rounding where an exp or a cube root is now computed differently.
 */
class FastKernelsTest {
    private static float[] noise(long seed, int n, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (float) r.nextDouble() * (hi - lo);
        }
        return v;
    }

    /** The IEEE bits of every value, so that -0 and +0 (and NaN payloads) count as different. */
    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void resamplingIsBitIdenticalForShrinkingEnlargingAndMixedSizes() {
        int[][] cases = {{200, 400, 256, 512}, {256, 512, 64, 128}, {256, 512, 128, 256}, {256, 512, 32, 64},
            {7, 5, 3, 11}, {13, 9, 13, 4}, {5, 5, 1, 1}, {1, 1, 6, 3}, {100, 37, 37, 100}, {64, 128, 200, 400},
            // MVTec LOCO's original size to the working size and to the overlay's panels; line counts that are not
            // a multiple of the four lines the horizontal pass takes at once
            {800, 1600, 256, 512}, {800, 1600, 320, 640}, {803, 1601, 257, 515}, {30, 7, 9, 2}, {30, 3, 9, 3}};
        for (int[] c : cases) {
            int w = c[0];
            int h = c[1];
            // A plane behind an unrelated prefix checks the offset too; negative values check signed sums.
            float[] src = noise(w * 31L + h, 17 + w * h, -1f, 2f);
            assertThat(bits(Resampling.resize(src, 17, w, h, c[2], c[3])))
                    .as("%dx%d -> %dx%d", w, h, c[2], c[3])
                    .isEqualTo(bits(ReferenceKernels.resize(src, 17, w, h, c[2], c[3]))); // O(n), unlike containsExactly
        }
        // Negative zeros: a sum that starts at +0 turns them into +0, and so must the fast code.
        float[] zeros = new float[8 * 6];
        java.util.Arrays.fill(zeros, -0f);
        for (int[] size : new int[][] {{4, 3}, {16, 12}, {16, 6}, {4, 6}, {8, 6}, {3, 2}}) {
            assertThat(bits(Resampling.resize(zeros, 0, 8, 6, size[0], size[1])))
                    .containsExactly(bits(ReferenceKernels.resize(zeros, 0, 8, 6, size[0], size[1])));
        }
    }

    @Test
    void planarResizingIsThePlaneByPlaneReference() {
        int[][] cases = {{800, 1600, 256, 512}, {200, 400, 256, 512}, {37, 21, 37, 9}, {37, 21, 11, 21}, {9, 9, 9, 9},
            {6, 5, 2, 2}};
        for (int[] c : cases) {
            int w = c[0];
            int h = c[1];
            int plane = w * h;
            float[] src = noise(w * 13L + h, 3 * plane, 0f, 1f);
            float[] expected = new float[3 * c[2] * c[3]];
            for (int p = 0; p < 3; p++) {
                float[] one = ReferenceKernels.resize(src, p * plane, w, h, c[2], c[3]);
                System.arraycopy(one, 0, expected, p * one.length, one.length);
            }
            assertThat(bits(Resampling.resizePlanes(src, w, h, 3, c[2], c[3])))
                    .as("%dx%d -> %dx%d", w, h, c[2], c[3]).isEqualTo(bits(expected));
            assertThat(bits(RgbImage.ofPlanar(w, h, src).resize(c[2], c[3]).planar()))
                    .as("RgbImage %dx%d -> %dx%d", w, h, c[2], c[3]).isEqualTo(bits(expected));
        }
    }

    /** An image of 8-bit samples (what the PNG decoder makes) resized from its bytes: the reference on its floats. */
    @Test
    void resizingEightBitSamplesIsTheReferenceOnTheirFloats() {
        int[][] cases = {{800, 1600, 256, 512}, {800, 1600, 320, 640}, {803, 1601, 257, 515}, {200, 400, 256, 512},
            {37, 21, 11, 40}, {37, 21, 60, 9}, {37, 21, 37, 9}};
        for (int[] c : cases) {
            int w = c[0];
            int h = c[1];
            int plane = w * h;
            byte[] samples = new byte[3 * plane];
            new SplittableRandom(w * 7L + h).nextBytes(samples);
            float[] src = new float[3 * plane];
            for (int i = 0; i < src.length; i++) {
                src[i] = RgbImage.level(samples[i]);
            }
            float[] expected = new float[3 * c[2] * c[3]];
            for (int p = 0; p < 3; p++) {
                float[] one = ReferenceKernels.resize(src, p * plane, w, h, c[2], c[3]);
                System.arraycopy(one, 0, expected, p * one.length, one.length);
            }
            assertThat(bits(RgbImage.ofPlanarBytes(w, h, samples).resize(c[2], c[3]).planar()))
                    .as("%dx%d -> %dx%d", w, h, c[2], c[3]).isEqualTo(bits(expected));
        }
    }

    @Test
    void gaussianBlurIsBitIdenticalIncludingNarrowPlanes() {
        int[][] sizes = {{128, 256}, {3, 40}, {40, 2}, {1, 1}, {9, 9}};
        for (double sigma : new double[] {0.6, 1.0, 2.5}) {
            for (int[] s : sizes) {
                float[] data = noise(s[0] * 7L + s[1], 5 + s[0] * s[1], 0f, 1f);
                float[] expected = data.clone();
                ReferenceKernels.blurInPlace(expected, 5, s[0], s[1], sigma);
                GaussianBlur.blurInPlace(data, 5, s[0], s[1], sigma);
                assertThat(bits(data)).as("sigma %s, %dx%d", sigma, s[0], s[1]).containsExactly(bits(expected));
            }
        }
    }

    @Test
    void labColourAgreesToTheLastFloatBitOrOne() {
        // Toy scenes (flat colours and edges) and uniform noise (every colour) at the working size.
        RgbImage toy = ToyScenes.scene(3, ToyScenes.Defect.RECOLOURED).resize(256, 512);
        RgbImage random = RgbImage.ofPlanar(300, 200, noise(9, 3 * 300 * 200, 0f, 1f));
        for (RgbImage image : new RgbImage[] {toy, random}) {
            float[] fast = LabColour.toLab(image);
            float[] ref = ReferenceKernels.toLab(image);
            assertThat(fast).hasSameSizeAs(ref);
            int differing = 0;
            for (int i = 0; i < ref.length; i++) {
                assertThat(Math.abs(fast[i] - ref[i])).as("value %d", i).isLessThanOrEqualTo(Math.ulp(ref[i]));
                if (fast[i] != ref[i]) {
                    differing++;
                }
            }
            assertThat(differing).as("values differing in the last bit").isLessThan(ref.length / 1000 + 1);
        }
    }

    @Test
    void jointBilateralUpsamplingAgreesWithinFloatRounding() {
        RgbImage guide = ToyScenes.scene(5, ToyScenes.Defect.SCRATCH).resize(256, 512);
        FeatureMap coarse = new EmbeddedFeatureExtractor(8).extract(guide).patches();
        int[][] targets = {{64, 128}, {100, 77}, {32, 64}};
        for (int radius : new int[] {0, 2, 3}) {
            for (int[] t : targets) {
                FeatureMap fast = new JointBilateralUpsampler(radius, 1.0, 0.12).upsample(coarse, guide, t[0], t[1]);
                FeatureMap ref = ReferenceKernels.jointBilateral(coarse, guide, t[0], t[1], radius, 1.0, 0.12);
                assertThat(fast.width()).isEqualTo(t[0]);
                assertThat(fast.height()).isEqualTo(t[1]);
                float[] a = fast.data();
                float[] b = ref.data();
                assertThat(a).hasSameSizeAs(b);
                for (int i = 0; i < b.length; i++) {
                    assertThat(Math.abs(a[i] - b[i])).as("r=%d value %d", radius, i)
                            .isLessThanOrEqualTo(1e-5f * Math.max(1f, Math.abs(b[i])));
                }
            }
        }
    }
}
