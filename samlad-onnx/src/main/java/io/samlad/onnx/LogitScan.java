package io.samlad.onnx;

/**
 * One pass over a candidate mask's logits that gives everything automatic mask generation needs to judge it before
 * any mask is built: the two pixel counts of the stability score, the mask's area and its bounding box. A thousand
 * prompts with three candidates each make this the innermost loop of mask generation.
 *
 * <p>Results go into a caller-owned {@code int[RESULT_SIZE]}, so that judging a candidate allocates nothing.
 */
public final class LogitScan {
    /** Pixels above {@code threshold + offset}. */
    public static final int INNER = 0;
    /** Pixels above {@code threshold - offset}. */
    public static final int OUTER = 1;
    /** Pixels above {@code threshold}: the mask's area. */
    public static final int AREA = 2;
    /** Bounding box of the mask (Segment Anything's convention, see {@link MaskBox}; all zero when empty). */
    public static final int X0 = 3;
    public static final int Y0 = 4;
    public static final int X1 = 5;
    public static final int Y1 = 6;
    public static final int RESULT_SIZE = 7;

    private LogitScan() {
    }

    /**
     * Scans the {@code width x height} logits at {@code logits[from ..]} (row-major).
     *
     * @param out receives {@link #INNER}, {@link #OUTER}, {@link #AREA} and the box
     */
    public static void scan(float[] logits, int from, int width, int height, double maskThreshold, double offset,
            int[] out) {
        float threshold = (float) maskThreshold;
        float hi = (float) (maskThreshold + offset);
        float lo = (float) (maskThreshold - offset);
        int inner = 0;
        int outer = 0;
        int area = 0;
        int x0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y0 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            int row = from + y * width;
            int rowArea = 0;
            // Branch-free counts; the box needs the row's first and last set pixel only when the row has any.
            for (int i = row, end = row + width; i < end; i++) {
                float v = logits[i];
                inner += v > hi ? 1 : 0;
                outer += v > lo ? 1 : 0;
                rowArea += v > threshold ? 1 : 0;
            }
            if (rowArea > 0) {
                area += rowArea;
                if (y0 < 0) {
                    y0 = y;
                }
                y1 = y;
                int first = 0;
                while (!(logits[row + first] > threshold)) {
                    first++;
                }
                int last = width - 1;
                while (!(logits[row + last] > threshold)) {
                    last--;
                }
                x0 = Math.min(x0, first);
                x1 = Math.max(x1, last);
            }
        }
        out[INNER] = inner;
        out[OUTER] = outer;
        out[AREA] = area;
        boolean empty = area == 0;
        out[X0] = empty ? 0 : x0;
        out[Y0] = empty ? 0 : y0;
        out[X1] = empty ? 0 : x1;
        out[Y1] = empty ? 0 : y1;
    }

    /** Segment Anything's stability score from a scan's counts (0 when nothing is above the lower threshold). */
    public static double stability(int[] scan) {
        return scan[OUTER] == 0 ? 0 : scan[INNER] / (double) scan[OUTER];
    }

    /** The scanned mask's box. */
    public static MaskBox box(int[] scan) {
        return new MaskBox(scan[X0], scan[Y0], scan[X1], scan[Y1]);
    }
}
