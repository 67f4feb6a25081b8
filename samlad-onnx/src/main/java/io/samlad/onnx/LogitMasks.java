package io.samlad.onnx;

import java.util.BitSet;

/** Binary masks from logits. */
public final class LogitMasks {
    private LogitMasks() {
    }

    /**
     * The pixels of {@code logits[from .. from + length)} above {@code threshold}, as bit {@code i - from}. Builds
     * the 64-bit words directly: this runs over every pixel of every kept candidate mask.
     */
    public static BitSet above(float[] logits, int from, int length, float threshold) {
        long[] words = new long[(length + 63) >>> 6];
        for (int w = 0; w < words.length; w++) {
            int base = from + (w << 6);
            int n = Math.min(64, length - (w << 6));
            long word = 0;
            for (int b = 0; b < n; b++) {
                word |= (logits[base + b] > threshold ? 1L : 0L) << b;
            }
            words[w] = word;
        }
        return BitSet.valueOf(words);
    }
}
