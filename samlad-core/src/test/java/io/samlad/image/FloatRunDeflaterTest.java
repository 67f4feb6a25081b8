package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatRunDeflater} against zlib's own decoder (the JDK's {@link Inflater}, which also checks the stream's
 * Adler-32): every stream it makes must inflate to exactly the samples' little-endian bytes, whatever the samples.
 */
class FloatRunDeflaterTest {

    private static byte[] littleEndian(float[] v, int from, int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v, from, n);
        return b.array();
    }

    /** Deflates rows of the samples with {@code deflater} and inflates them back; returns the compressed size. */
    private static int roundTrip(FloatRunDeflater deflater, float[] v, int from, int width, int rows) throws Exception {
        byte[] raw = littleEndian(v, from, width * rows);
        // the raw bytes sit at an offset of their array, as a TIFF strip's do
        byte[] shifted = new byte[raw.length + 12];
        System.arraycopy(raw, 0, shifted, 12, raw.length);
        byte[] out = new byte[FloatRunDeflater.bound(raw.length) + 7];
        Arrays.fill(out, (byte) 0x5a);
        int n = deflater.deflate(v, from, width, rows, shifted, 12, out, 7);
        assertThat(n).isLessThanOrEqualTo(FloatRunDeflater.bound(raw.length));
        Inflater inf = new Inflater();
        inf.setInput(out, 7, n);
        byte[] back = new byte[raw.length + 16];
        int got = inf.inflate(back);
        assertThat(inf.finished()).as("stream complete, checksum right").isTrue();
        assertThat(inf.getRemaining()).as("nothing after the stream").isZero();
        inf.end();
        assertThat(Arrays.copyOf(back, got)).isEqualTo(raw);
        return n;
    }

    /** Samples drawn from a few values, so that runs to the left and upwards of every length occur. */
    private static float[] runny(SplittableRandom rnd, int n, int distinct) {
        float[] pool = new float[distinct];
        for (int k = 0; k < distinct; k++) {
            pool[k] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-8, 8)));
        }
        pool[0] = Float.intBitsToFloat(0x7fc00001);   // a NaN with a payload
        if (distinct > 2) {
            pool[1] = Float.intBitsToFloat(0x7fc00002);   // another NaN: must not count as a repeat of the first
            pool[2] = -0f;
        }
        float[] v = new float[n];
        int i = 0;
        while (i < n) {
            int kind = rnd.nextInt(4);
            int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 200);
            for (int k = 0; k < len && i < n; k++, i++) {
                v[i] = switch (kind) {
                    case 0 -> pool[rnd.nextInt(distinct)];           // mostly literals
                    case 1 -> i > 0 ? v[i - 1] : 0f;                 // a run to the left
                    case 2 -> Float.intBitsToFloat(rnd.nextInt());   // random bits
                    default -> 0f;                                  // zeros
                };
            }
        }
        return v;
    }

    @Test
    void randomSamplesOfEveryShapeInflateToTheirBytes() throws Exception {
        SplittableRandom rnd = new SplittableRandom(17);
        FloatRunDeflater reused = new FloatRunDeflater();
        int[][] shapes = {{1, 1}, {1, 9}, {9, 1}, {2, 3}, {7, 5}, {200, 81}, {64, 256}, {333, 17}, {8192, 2},
            {8193, 3}, {20000, 1}};
        for (int[] s : shapes) {
            for (int distinct : new int[] {1, 3, 40}) {
                int w = s[0];
                int h = s[1];
                float[] v = runny(rnd, w * h + 5, distinct);
                // rows copied from the row above, whole or in part, for runs upwards
                for (int y = 1; y < h; y++) {
                    if (rnd.nextInt(3) == 0) {
                        int x0 = rnd.nextInt(w);
                        int x1 = x0 + rnd.nextInt(w - x0 + 1);
                        System.arraycopy(v, 5 + (y - 1) * w + x0, v, 5 + y * w + x0, x1 - x0);
                    }
                }
                roundTrip(reused, v, 5, w, h);
                roundTrip(new FloatRunDeflater(), v, 5, w, h);
            }
        }
    }

    @Test
    void runsOfEveryLengthAroundDeflatesLongestMatch() throws Exception {
        // a run of s equal samples is 4 (s - 1) bytes of matches, cut into pieces of at most 258 and at least 3
        FloatRunDeflater d = new FloatRunDeflater();
        for (int s = 1; s <= 200; s++) {
            float[] v = new float[s + 2];
            Arrays.fill(v, 1, s + 1, 0.25f);
            v[0] = 3f;
            v[s + 1] = -1f;
            roundTrip(d, v, 0, v.length, 1);
            roundTrip(d, v, 0, 1, v.length);   // one column: every run is upwards
        }
    }

    @Test
    void flatAndRepeatedMapsShrinkAndRandomBitsGoStored() throws Exception {
        FloatRunDeflater d = new FloatRunDeflater();
        float[] flat = new float[400 * 160];
        Arrays.fill(flat, 0.125f);
        assertThat(roundTrip(d, flat, 0, 400, 160)).isLessThan(flat.length * 4 / 100);
        // rows repeating the row above (a map held over working pixels) cost little more than their first row
        SplittableRandom rnd = new SplittableRandom(2);
        float[] rows = new float[800 * 20];
        for (int x = 0; x < 800; x++) {
            rows[x] = (float) rnd.nextDouble();
        }
        for (int y = 1; y < 20; y++) {
            System.arraycopy(rows, 0, rows, y * 800, 800);
        }
        assertThat(roundTrip(d, rows, 0, 800, 20)).isLessThan(2 * 4 * 800);
        // random bits do not compress: stored blocks (65535 bytes at most each), a few bytes over the input
        float[] noise = new float[40000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        int stored = roundTrip(d, noise, 0, 40000, 1);
        assertThat(stored).isBetween(noise.length * 4, noise.length * 4 + 2 + 5 * 3 + 4);
    }

    @Test
    void huffmanLengthsRespectTheLimitAndMakeCompleteCodes() {
        HuffmanLengths h = new HuffmanLengths();
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 200; trial++) {
            int limit = trial % 2 == 0 ? 15 : 7;
            // as in use: 286 literal/length symbols with codes of up to 15 bits, 19 code-length symbols up to 7
            int n = limit == 15 ? 2 + rnd.nextInt(285) : 2 + rnd.nextInt(18);
            int[] freq = new int[n];
            int kind = trial % 4;
            long fib0 = 1;
            long fib1 = 1;
            for (int s = 0; s < n; s++) {
                if (kind == 0) {
                    // Fibonacci counts: the deepest unlimited Huffman tree there is
                    freq[s] = (int) Math.min(Integer.MAX_VALUE / 4, fib0);
                    long t = fib0 + fib1;
                    fib0 = fib1;
                    fib1 = t;
                } else if (kind == 1) {
                    freq[s] = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1000);
                } else if (kind == 2) {
                    freq[s] = s == n / 2 ? 5 : 0;   // one symbol only
                } else {
                    freq[s] = rnd.nextInt(n) < 2 ? 1 << rnd.nextInt(20) : 0;
                }
            }
            byte[] len = new byte[n];
            h.lengths(freq, n, limit, len);
            double kraft = 0;
            int nonZero = 0;
            for (int s = 0; s < n; s++) {
                assertThat((int) len[s]).isBetween(0, limit);
                if (freq[s] != 0) {
                    assertThat((int) len[s]).as("a used symbol has a code").isPositive();
                }
                if (len[s] > 0) {
                    kraft += Math.pow(2, -len[s]);
                    nonZero++;
                }
            }
            if (nonZero >= 1) {
                assertThat(kraft).as("complete code, trial %d", trial).isEqualTo(1.0);
            }
        }
    }
}
