package io.samlad.objects;

/**
 * A distance between two normalised contrast images ({@link NormalisedShape}) that tolerates small local
 * deformations: the image distortion model of nearest-neighbour digit classifiers. Each pixel {@code p} of the
 * reference may match the best pixel of the query within a window of {@code ±w} pixels around {@code p}, and pixels
 * are compared by their local context (the central-difference gradients of the 3 x 3 pixels around them), not their
 * value alone, so that a stroke matches a stroke of the same direction a pixel or two aside:
 * <pre>
 *   C(p)  = ( g(p + e) : e ∈ {-1, 0, 1}² ),  g = (∂x, ∂y) of c / max c    (18 values; 0 outside the image)
 *   D(R → Q) = (1 / SIZE²) Σ_p min_{|s|∞ ≤ w} | C_R(p) - C_Q(p + s) |²
 * </pre>
 * The direction is the reference's into the query: every stroke of a normal example must be found in the query,
 * within a slant's or a flag's displacement. A 0 where a 5 belongs lacks the 5's top bar and its open belly; a 1
 * written with a flag still finds the example's upright stroke. A piece of a digit lacks most of the example's
 * strokes and lies far (as it does by every descriptor).
 *
 * <p>Cost: {@code (2w + 1)² · SIZE² · 18} multiply-adds per pair (about 260 000 at {@code w} = 2).
 */
public final class DeformationDistance {
    /** Values of a pixel's context: 3 x 3 pixels, two gradient components each. */
    static final int CONTEXT = 18;
    /** After this many of a pixel's context values a shift already worse than the best so far is abandoned. */
    private static final int HALF = CONTEXT / 2;

    private DeformationDistance() {
    }

    /**
     * The context image of a descriptor's contrast (from {@link AppearanceDescriptor#contrastOffset}), padded by
     * {@code pad} pixels of zeros on every side: {@code (SIZE + 2 pad)² · CONTEXT} values, pixel-major.
     */
    public static float[] context(float[] descriptor, int pad) {
        int n = AppearanceDescriptor.CONTRAST_SIZE;
        int off = AppearanceDescriptor.contrastOffset();
        float max = 0;
        for (int i = 0; i < n * n; i++) {
            max = Math.max(max, descriptor[off + i]);
        }
        float scale = 1f / Math.max(max, 1e-6f);
        // gradients of the max-normalised contrast, zero outside the image; stored with a border of one pixel
        int gs = n + 2;
        float[] gx = new float[gs * gs];
        float[] gy = new float[gs * gs];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float l = x > 0 ? descriptor[off + y * n + x - 1] : 0;
                float r = x < n - 1 ? descriptor[off + y * n + x + 1] : 0;
                float u = y > 0 ? descriptor[off + (y - 1) * n + x] : 0;
                float d = y < n - 1 ? descriptor[off + (y + 1) * n + x] : 0;
                gx[(y + 1) * gs + x + 1] = 0.5f * (r - l) * scale;
                gy[(y + 1) * gs + x + 1] = 0.5f * (d - u) * scale;
            }
        }
        int side = n + 2 * pad;
        float[] out = new float[side * side * CONTEXT];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int o = ((y + pad) * side + x + pad) * CONTEXT;
                for (int ey = 0; ey < 3; ey++) {
                    for (int ex = 0; ex < 3; ex++) {
                        int g = (y + ey) * gs + x + ex;
                        out[o++] = gx[g];
                        out[o++] = gy[g];
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code D(R → Q)}: the mean over the reference's pixels of the smallest squared context difference to the
     * query's pixels within {@code window} of it.
     *
     * @param reference the reference's {@link #context} without padding
     * @param query     the query's {@link #context} padded by {@code window}
     */
    public static double distance(float[] reference, float[] query, int window) {
        return distance(reference, query, window, Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #distance(float[], float[], int)}, or {@link Double#POSITIVE_INFINITY} as soon as it is known to be at
     * least {@code bound}: where a caller reads only distances below some value (the few smallest of several), one
     * that cannot be below it is abandoned after the row where its partial sum reaches it (each pixel adds a
     * non-negative minimum, so the sum only grows). Below the bound the value is the same as without one.
     */
    public static double distance(float[] reference, float[] query, int window, double bound) {
        return distance(reference, query, flatPixels(query), window, bound);
    }

    /**
     * Which pixels of a {@link #context} image are flat (all of a pixel's context 0, as the padding is): where a
     * flat reference pixel has one within the window it matches it exactly and costs nothing (the same sum, without
     * the search). One query is measured against several examples: its flat pixels are found once.
     */
    public static boolean[] flatPixels(float[] context) {
        boolean[] flat = new boolean[context.length / CONTEXT];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = isFlat(context, i * CONTEXT);
        }
        return flat;
    }

    /**
     * {@link #distance(float[], float[], int, double)} with the query's {@link #flatPixels} given (as computed from
     * {@code query}).
     */
    public static double distance(float[] reference, float[] query, boolean[] flat, int window, double bound) {
        int n = AppearanceDescriptor.CONTRAST_SIZE;
        int side = n + 2 * window;
        double sum = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int r = (y * n + x) * CONTEXT;
                if (isFlat(reference, r) && flatWithin(flat, side, x, y, window)) {
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                for (int sy = 0; sy <= 2 * window; sy++) {
                    int row = (y + sy) * side + x;
                    for (int sx = 0; sx <= 2 * window; sx++) {
                        int q = (row + sx) * CONTEXT;
                        double d = 0;
                        for (int k = 0; k < HALF; k++) {
                            float e = reference[r + k] - query[q + k];
                            d += e * e;
                        }
                        if (d >= best) {
                            continue; // the rest only adds: this shift cannot be the best (same result, less work)
                        }
                        for (int k = HALF; k < CONTEXT; k++) {
                            float e = reference[r + k] - query[q + k];
                            d += e * e;
                        }
                        if (d < best) {
                            best = d;
                        }
                    }
                }
                sum += best;
            }
            if (sum / (n * n) >= bound) {
                return Double.POSITIVE_INFINITY; // the rest only adds
            }
        }
        return sum / (n * n);
    }

    private static boolean isFlat(float[] context, int at) {
        for (int k = 0; k < CONTEXT; k++) {
            if (context[at + k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a flat query pixel lies within {@code window} of (x, y) (padded coordinates start at the window). */
    private static boolean flatWithin(boolean[] flat, int side, int x, int y, int window) {
        for (int sy = 0; sy <= 2 * window; sy++) {
            for (int sx = 0; sx <= 2 * window; sx++) {
                if (flat[(y + sy) * side + x + sx]) {
                    return true;
                }
            }
        }
        return false;
    }
}
