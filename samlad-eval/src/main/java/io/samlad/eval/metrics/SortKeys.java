package io.samlad.eval.metrics;

/**
 * Maps floats to ints whose signed order is the floats' order, so that scores can be sorted together with a
 * payload packed into one {@code long} (key in the high half). -0 and +0 map to the same key; NaN is refused.
 */
final class SortKeys {
    private SortKeys() {
    }

    static int key(float score) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("anomaly score is NaN");
        }
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    static float score(int key) {
        int bits = key ^ ((key >> 31) & 0x7fffffff);
        return Float.intBitsToFloat(bits);
    }

    static long pack(int key, int payload) {
        return ((long) key << 32) | (payload & 0xffffffffL);
    }

    static int keyOf(long packed) {
        return (int) (packed >> 32);
    }

    static int payloadOf(long packed) {
        return (int) packed;
    }
}
