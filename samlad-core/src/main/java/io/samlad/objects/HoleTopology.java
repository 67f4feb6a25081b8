package io.samlad.objects;

/**
 * The holes of an object's normalised shape: how many closed loops its strokes make, how large they are and whether
 * they lie in the upper or the lower half. Gradient histograms tell a 0 from a loosely written 6 or an 8 with a thin
 * waist badly (their strokes run alike, cell by cell); their holes differ whatever the writing style: a 0 has one
 * tall hole through its middle, a 6 a low one, a 9 a high one, an 8 two, a 1, 3, 5 or 7 none.
 *
 * <p>Read on the {@link NormalisedShape} (centred, scaled and deskewed contrast, {@value NormalisedShape#SIZE} pixels
 * square, max {@code M}). At each level {@code τ ∈ LEVELS} the pixels with contrast above {@code τ M} are ink
 * (8-connected, so a diagonal stroke closes a loop); the 4-connected components of the rest that do not touch the
 * square's border and hold at least {@value #MIN_HOLE} pixels are holes. Per level, four values:
 * <pre>
 *   count  = min(2, holes) / 2
 *   upper  = 2 sqrt(hole pixels in the upper half / SIZE²),  lower likewise for the lower half
 *   height = rows spanned by the largest hole / SIZE
 * </pre>
 * each the mean over the levels ({@value #SHAPE} values; square roots so that a small hole already differs from
 * none), and a fifth, how much of the object its holes fill,
 * <pre>
 *   fill   = mean over the levels of  hole pixels / (hole pixels + ink pixels)
 * </pre>
 * (a 0 is mostly hole, an 8's two loops and a 6's or 9's one are smaller against their strokes, a 5 has none;
 * {@code identity.fillWeight}). {@value #LENGTH} values in all; none changes when the shape is mirrored left to right.
 * Descriptors stored before the fill hold the first {@value #SHAPE} only.
 */
public final class HoleTopology {
    /** Contrast levels, as shares of the shape's maximum contrast, at which ink is told from background. */
    static final double[] LEVELS = {0.2, 0.3, 0.4, 0.5, 0.6};
    /** Values per level. */
    static final int PER_LEVEL = 4;
    /** Number of values describing the holes' count, place and height (descriptors stored in round 7 hold only them). */
    public static final int SHAPE = PER_LEVEL;
    /** Number of values: the shape's and the fill. */
    public static final int LENGTH = SHAPE + 1;
    /** Index of the fill among the values. */
    public static final int FILL = SHAPE;
    /** Smallest hole, in pixels of the normalised square (smaller ones are noise of the contrast). */
    static final int MIN_HOLE = 2;

    private HoleTopology() {
    }

    /** The topology of a size x size normalised contrast {@code c}, row-major; all 0 for a flat one. */
    static float[] of(float[] c, int size) {
        float[] out = new float[LENGTH];
        double max = 0;
        for (float v : c) {
            max = Math.max(max, v);
        }
        if (max <= 1e-9) {
            return out;
        }
        boolean[] ink = new boolean[size * size];
        int[] label = new int[size * size];
        int[] stack = new int[size * size];
        for (int l = 0; l < LEVELS.length; l++) {
            double t = LEVELS[l] * max;
            for (int i = 0; i < ink.length; i++) {
                ink[i] = c[i] > t;
            }
            java.util.Arrays.fill(label, 0);
            int holes = 0;
            int upper = 0;
            int lower = 0;
            int largest = 0;
            int largestRows = 0;
            int inkPixels = 0;
            for (boolean b : ink) {
                inkPixels += b ? 1 : 0;
            }
            int next = 0;
            for (int start = 0; start < ink.length; start++) {
                if (ink[start] || label[start] != 0) {
                    continue;
                }
                // flood fill of one background component, 4-connected
                next++;
                int n = 0;
                int top = 0;
                stack[top++] = start;
                label[start] = next;
                boolean border = false;
                int up = 0;
                int minRow = size;
                int maxRow = -1;
                while (top > 0) {
                    int p = stack[--top];
                    int x = p % size;
                    int y = p / size;
                    n++;
                    up += y < size / 2 ? 1 : 0;
                    minRow = Math.min(minRow, y);
                    maxRow = Math.max(maxRow, y);
                    if (x == 0 || y == 0 || x == size - 1 || y == size - 1) {
                        border = true;
                    }
                    if (x > 0 && !ink[p - 1] && label[p - 1] == 0) {
                        label[p - 1] = next;
                        stack[top++] = p - 1;
                    }
                    if (x < size - 1 && !ink[p + 1] && label[p + 1] == 0) {
                        label[p + 1] = next;
                        stack[top++] = p + 1;
                    }
                    if (y > 0 && !ink[p - size] && label[p - size] == 0) {
                        label[p - size] = next;
                        stack[top++] = p - size;
                    }
                    if (y < size - 1 && !ink[p + size] && label[p + size] == 0) {
                        label[p + size] = next;
                        stack[top++] = p + size;
                    }
                }
                if (border || n < MIN_HOLE) {
                    continue;
                }
                holes++;
                upper += up;
                lower += n - up;
                if (n > largest) {
                    largest = n;
                    largestRows = maxRow - minRow + 1;
                }
            }
            double area = size * (double) size;
            float share = 1f / LEVELS.length; // the mean over the levels: a loop closed only at some levels counts in part
            out[0] += share * Math.min(2, holes) / 2f;
            out[1] += share * (float) (2 * Math.sqrt(upper / area));
            out[2] += share * (float) (2 * Math.sqrt(lower / area));
            out[3] += share * largestRows / (float) size;
            int holePixels = upper + lower;
            if (holePixels + inkPixels > 0) {
                out[FILL] += share * holePixels / (float) (holePixels + inkPixels);
            }
        }
        return out;
    }
}
