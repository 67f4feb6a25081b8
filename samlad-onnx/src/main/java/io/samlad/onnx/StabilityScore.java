package io.samlad.onnx;

/**
 * Segment Anything's stability score of a mask given as logits: the IoU between the masks obtained by thresholding
 * at {@code threshold + offset} and at {@code threshold - offset}. Since the first lies inside the second, the IoU is
 * the ratio of their pixel counts. A mask whose logits cross the threshold steeply scores near 1.
 */
public final class StabilityScore {
    private StabilityScore() {
    }

    public static double of(float[] logits, int from, int length, double threshold, double offset) {
        long inner = 0;
        long outer = 0;
        double hi = threshold + offset;
        double lo = threshold - offset;
        for (int i = from; i < from + length; i++) {
            float v = logits[i];
            if (v > hi) {
                inner++;
            }
            if (v > lo) {
                outer++;
            }
        }
        return outer == 0 ? 0 : inner / (double) outer;
    }
}
