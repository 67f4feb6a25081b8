package io.samlad.onnx;

/**
 * Segment Anything's stability score of a mask given as logits: the IoU between the masks obtained by thresholding
 * at {@code threshold + offset} and at {@code threshold - offset}. Since the first lies inside the second, the IoU is
 * the ratio of their pixel counts. A mask whose logits cross the threshold steeply scores near 1.
 *
 * <p>The reference implementation, kept in the tests: {@link LogitScan} computes the same counts in its one pass.
 */
final class StabilityScore {
    private StabilityScore() {
    }

    static double of(float[] logits, int from, int length, double threshold, double offset) {
        // Runs over every pixel of every candidate mask (a thousand per image): float compares without branches.
        int inner = 0;
        int outer = 0;
        float hi = (float) (threshold + offset);
        float lo = (float) (threshold - offset);
        for (int i = from, end = from + length; i < end; i++) {
            float v = logits[i];
            inner += v > hi ? 1 : 0;
            outer += v > lo ? 1 : 0;
        }
        return outer == 0 ? 0 : inner / (double) outer;
    }
}
