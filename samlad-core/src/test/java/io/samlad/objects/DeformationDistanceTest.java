package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The image distortion model that IDENTITY's deformation term reads: a stroke moved by a pixel or two is near, a
 * stroke the query lacks is far, and the window is what buys the tolerance.
 */
class DeformationDistanceTest {
    static final int N = AppearanceDescriptor.CONTRAST_SIZE;

    /** A descriptor holding only a contrast image (the histogram and holes are not read here). */
    static float[] descriptor(float[] contrast) {
        float[] d = new float[AppearanceDescriptor.contrastOffset() + AppearanceDescriptor.CONTRAST_LENGTH];
        System.arraycopy(contrast, 0, d, AppearanceDescriptor.contrastOffset(), contrast.length);
        return d;
    }

    /** A contrast image with strokes drawn from (x0, y0) to (x1, y1), 2 pixels wide, shifted by (dx, dy). */
    static float[] strokes(int dx, int dy, int[]... lines) {
        float[] c = new float[N * N];
        for (int[] l : lines) {
            int steps = Math.max(Math.abs(l[2] - l[0]), Math.abs(l[3] - l[1]));
            for (int t = 0; t <= steps; t++) {
                double x = l[0] + (l[2] - l[0]) * t / (double) Math.max(1, steps) + dx;
                double y = l[1] + (l[3] - l[1]) * t / (double) Math.max(1, steps) + dy;
                for (int oy = 0; oy <= 1; oy++) {
                    for (int ox = 0; ox <= 1; ox++) {
                        int px = (int) Math.round(x) + ox;
                        int py = (int) Math.round(y) + oy;
                        if (px >= 0 && px < N && py >= 0 && py < N) {
                            c[py * N + px] = 1;
                        }
                    }
                }
            }
        }
        return c;
    }

    static double distance(float[] reference, float[] query, int window) {
        return DeformationDistance.distance(DeformationDistance.context(descriptor(reference), 0),
                DeformationDistance.context(descriptor(query), window), window);
    }

    // a 5: top bar, upper stem, belly
    static final int[][] FIVE = {{7, 4, 16, 4}, {7, 4, 7, 11}, {7, 11, 15, 12}, {15, 12, 15, 18}, {15, 18, 6, 19}};

    @Test
    void anImageIsAtDistanceZeroFromItself() {
        float[] five = strokes(0, 0, FIVE);
        assertThat(distance(five, five, 2)).isZero();
        assertThat(distance(five, five, 0)).isZero();
    }

    @Test
    void theWindowToleratesAStrokeMovedByTwoPixels() {
        float[] five = strokes(0, 0, FIVE);
        float[] moved = strokes(2, 1, FIVE);
        double rigid = distance(five, moved, 0);
        double tolerant = distance(five, moved, 2);
        assertThat(rigid).isPositive();
        assertThat(tolerant).isCloseTo(0, within(1e-9)); // every pixel finds itself two pixels aside
        assertThat(distance(five, moved, 1)).isBetween(tolerant, rigid);
    }

    @Test
    void anExampleStrokeTheQueryLacksCostsMoreThanAQueryStrokeTheExampleLacks() {
        // a 5 without its top bar: the example's bar is found nowhere in it (reference into query), while the
        // query's strokes are all found in the 5 (query into reference)
        float[] five = strokes(0, 0, FIVE);
        float[] noBar = strokes(0, 0, java.util.Arrays.copyOfRange(FIVE, 1, FIVE.length));
        assertThat(distance(five, noBar, 2)).isGreaterThan(0.05);
        assertThat(distance(noBar, five, 2)).isLessThan(distance(five, noBar, 2) / 2);
        // and a wholly other shape (a 0) is farther than a moved 5
        float[] zero = strokes(0, 0, new int[] {8, 4, 15, 4}, new int[] {15, 4, 15, 19}, new int[] {15, 19, 8, 19},
                new int[] {8, 19, 8, 4});
        assertThat(distance(five, zero, 2)).isGreaterThan(distance(five, strokes(1, 1, FIVE), 2) + 0.05);
    }

    @Test
    void contrastIsScaledByItsMaximum() {
        float[] five = strokes(0, 0, FIVE);
        float[] faint = five.clone();
        for (int i = 0; i < faint.length; i++) {
            faint[i] *= 0.3f;
        }
        assertThat(distance(five, faint, 2)).isCloseTo(0, within(1e-6));
    }

    @Test
    void aDescriptorCarriesItsContrastOnlyWhenAskedAndReadsAsBeforeWithout() {
        float[] d = descriptor(strokes(0, 0, FIVE));
        assertThat(AppearanceDescriptor.hasContrast(d)).isTrue();
        assertThat(AppearanceDescriptor.hasTopology(d)).isTrue();
        assertThat(AppearanceDescriptor.hasFill(d)).isTrue();
        float[] without = AppearanceDescriptor.withoutContrast(d);
        assertThat(without).hasSize(AppearanceDescriptor.NORMALISED_LENGTH + HoleTopology.LENGTH);
        assertThat(AppearanceDescriptor.hasContrast(without)).isFalse();
        assertThat(AppearanceDescriptor.hasFill(without)).isTrue();
        // the histograms compare as they did, with or without the contrast
        assertThat(AppearanceDescriptor.comparable(d, without)).isTrue();
        float[] other = without.clone();
        other[3] = 0.5f;
        assertThat(AppearanceDescriptor.distance(d, other)).isEqualTo(AppearanceDescriptor.distance(without, other));
        assertThat(AppearanceDescriptor.fillDistance(d, other)).isEqualTo(AppearanceDescriptor.fillDistance(without,
                other));
    }

    @Test
    void theMirrorImageMirrorsTheContrast() {
        float[] five = strokes(0, 0, FIVE);
        float[] m = AppearanceDescriptor.mirrored(descriptor(five));
        int off = AppearanceDescriptor.contrastOffset();
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                assertThat(m[off + y * N + x]).isEqualTo(five[y * N + N - 1 - x]);
            }
        }
        // a 5 is not its own mirror image
        float[] mirroredFive = java.util.Arrays.copyOfRange(m, off, off + N * N);
        assertThat(distance(five, mirroredFive, 2)).isGreaterThan(0.05);
    }

    /** The distance as defined, every shift of every pixel summed in full: the reference for the kernel. */
    static double reference(float[] reference, float[] query, int window) {
        int side = N + 2 * window;
        int c = DeformationDistance.CONTEXT;
        double sum = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double best = Double.POSITIVE_INFINITY;
                for (int sy = 0; sy <= 2 * window; sy++) {
                    for (int sx = 0; sx <= 2 * window; sx++) {
                        double d = 0;
                        for (int k = 0; k < c; k++) {
                            float e = reference[(y * N + x) * c + k] - query[((y + sy) * side + x + sx) * c + k];
                            d += e * e;
                        }
                        best = Math.min(best, d);
                    }
                }
                sum += best;
            }
        }
        return sum / (N * N);
    }

    @Test
    void theKernelEqualsTheDefinitionOnRandomShapes() {
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 20; trial++) {
            float[][] images = new float[2][N * N];
            for (float[] image : images) {
                // sparse strokes on a flat ground, as digits are: the kernel's shortcuts for flat pixels must hold
                for (int i = 0; i < image.length; i++) {
                    image[i] = random.nextDouble() < 0.15 ? random.nextFloat() : 0;
                }
            }
            int window = trial % 4;
            float[] r = DeformationDistance.context(descriptor(images[0]), 0);
            float[] q = DeformationDistance.context(descriptor(images[1]), window);
            double exact = reference(r, q, window);
            assertThat(DeformationDistance.distance(r, q, window)).isEqualTo(exact);
            // with a bound: the same value below it, abandoned (infinite) at or above it
            assertThat(DeformationDistance.distance(r, q, window, exact * 1.5 + 1e-9)).isEqualTo(exact);
            assertThat(DeformationDistance.distance(r, q, window, exact)).isInfinite();
            assertThat(DeformationDistance.distance(r, q, window, exact / 2)).isInfinite();
        }
    }
}
