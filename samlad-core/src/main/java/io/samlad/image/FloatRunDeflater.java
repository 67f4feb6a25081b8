package io.samlad.image;

/**
 * A zlib stream (RFC 1950 around RFC 1951 Deflate) for rows of float32 samples, made for anomaly maps: a sample is
 * either a repeat, a run of samples each equal to the one to its left or to the one above it (one Deflate match at
 * distance 4 or 4 x width bytes), or its four little-endian bytes as literals; one dynamic-Huffman block per call.
 * Any Deflate decoder reads the result (zlib, the JDK's {@link java.util.zip.Inflater}, libtiff, tifffile).
 *
 * <p>Why not {@link java.util.zip.Deflater}: zlib's fastest levels hash and look up every byte position for a match
 * anywhere in the window, which on a map's float bytes (whose low mantissa bytes look random) finds little but the
 * repeats this class looks for directly. On 24 real 200x400 juice_bottle maps: 1.2 ms of CPU per map against 5.0 ms
 * for zlib's level 2, 188 KB against 177 KB; on an 800x1600 map held over working pixels ({@link MapEnlargement})
 * 8 ms against 17 ms and 631 KB against 695 KB (it repeats each value along the row and each row several times,
 * which are exactly these two matches). Not thread-safe: one per thread; it reuses its buffers from call to call.
 */
public final class FloatRunDeflater {
    private final DeflateStream stream = new DeflateStream();

    /** The most bytes {@link #deflate} writes for {@code rawBytes} bytes of input. */
    public static int bound(int rawBytes) {
        return DeflateStream.bound(rawBytes);
    }

    /**
     * Compresses {@code rows} rows of {@code width} samples of {@code data} starting at {@code from}, whose
     * little-endian bytes are {@code raw[rawFrom ...]} (the checksum is taken over them), into {@code out} at
     * {@code at}, which must have {@link #bound} bytes free.
     *
     * @return the number of bytes written
     */
    public int deflate(float[] data, int from, int width, int rows, byte[] raw, int rawFrom, byte[] out, int at) {
        int n = width * rows;
        // the sample above counts only when it lies within Deflate's window
        boolean upAllowed = 4L * width <= DeflateStream.WINDOW;
        // at most one token per sample: a run of s samples goes out in at most s pieces
        if (upAllowed) {
            stream.begin(n, 4, 4 * width);
        } else {
            stream.begin(n, 4);
        }
        tokenize(data, from, width, n, upAllowed);
        return stream.finish(raw, rawFrom, 4 * n, out, at);
    }

    /**
     * A run starts where a sample equals its left or upper neighbour (compared as bits: NaN payloads and the sign of
     * zero count) and extends while the next one does too; the longer of the two wins. Other samples are literals.
     */
    private void tokenize(float[] data, int from, int width, int n, boolean upAllowed) {
        int i = 0;
        while (i < n) {
            int v = Float.floatToRawIntBits(data[from + i]);
            int left = 0;
            if (i > 0 && Float.floatToRawIntBits(data[from + i - 1]) == v) {
                left = 1;
                while (i + left < n && Float.floatToRawIntBits(data[from + i + left])
                        == Float.floatToRawIntBits(data[from + i + left - 1])) {
                    left++;
                }
            }
            int up = 0;
            if (upAllowed && i >= width && Float.floatToRawIntBits(data[from + i - width]) == v) {
                up = 1;
                while (i + up < n && Float.floatToRawIntBits(data[from + i + up])
                        == Float.floatToRawIntBits(data[from + i + up - width])) {
                    up++;
                }
            }
            if (left == 0 && up == 0) {
                stream.literals(v, 4);
                i++;
            } else if (up > left) {
                stream.match(1, 4 * up);
                i += up;
            } else {
                stream.match(0, 4 * left);
                i += left;
            }
        }
    }
}
