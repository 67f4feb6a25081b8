package io.samlad.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * One zlib stream (RFC 1950 around RFC 1951 Deflate) from tokens a caller has chosen: literal bytes, and matches at
 * up to four fixed distances. The stream is one dynamic-Huffman block, or stored blocks where those are smaller.
 * The encoders that know where their data repeats ({@link FloatRunDeflater}: the sample to the left or above;
 * {@link PngEncoder}: the pixel to the left, above, or a panel to the left) find their matches by comparing those
 * places only, instead of hashing every position as zlib does. Not thread-safe; reuses its buffers.
 */
final class DeflateStream {
    /** Deflate's window: a match reaches at most this far back. */
    static final int WINDOW = 32768;
    private static final int MAX_MATCH = 258;
    private static final int MIN_MATCH = 3;
    private static final int END_OF_BLOCK = 256;
    private static final int LITLEN_CODES = 286;
    private static final int DIST_CODES = 30;
    /** Order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Per match length 3..258: its length symbol (257..285), extra bits and their value. */
    private static final short[] LEN_SYMBOL = new short[MAX_MATCH + 1];
    private static final byte[] LEN_EXTRA_BITS = new byte[MAX_MATCH + 1];
    private static final short[] LEN_EXTRA = new short[MAX_MATCH + 1];
    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
        83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
        5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_BITS = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};

    static {
        for (int s = 0; s < LEN_BASE.length; s++) {
            int top = s + 1 < LEN_BASE.length ? LEN_BASE[s + 1] : MAX_MATCH + 1;
            for (int len = LEN_BASE[s]; len < top && len <= MAX_MATCH; len++) {
                LEN_SYMBOL[len] = (short) (257 + s);
                LEN_EXTRA_BITS[len] = (byte) LEN_BITS[s];
                LEN_EXTRA[len] = (short) (len - LEN_BASE[s]);
            }
        }
        // 258 has a symbol of its own (285) although 284's range would reach it
        LEN_SYMBOL[MAX_MATCH] = 285;
        LEN_EXTRA_BITS[MAX_MATCH] = 0;
        LEN_EXTRA[MAX_MATCH] = 0;
    }

    /**
     * A token: 1 to 4 literal bytes (their count in bits 32-34, the bytes in the low 32, first byte lowest), or a
     * match (MATCH bit, the distance's index in bits 36-37, the length in bytes in the low bits).
     */
    private static final long MATCH = 1L << 40;

    private long[] tokens = new long[0];
    private int count;
    private final int[] distances = new int[4];
    private final int[] distSymbols = new int[4];
    private final int[] litFreq = new int[LITLEN_CODES];
    private final int[] distFreq = new int[DIST_CODES];
    private final int[] clFreq = new int[19];
    private final byte[] litLen = new byte[LITLEN_CODES];
    private final byte[] distLen = new byte[DIST_CODES];
    private final byte[] clLen = new byte[19];
    private final int[] litCode = new int[LITLEN_CODES];
    private final int[] distCode = new int[DIST_CODES];
    private final int[] clCode = new int[19];
    private final int[] clTokens = new int[LITLEN_CODES + DIST_CODES];
    private final byte[] lengths = new byte[LITLEN_CODES + DIST_CODES];
    private final HuffmanLengths huffman = new HuffmanLengths();
    private final Adler32 adler = new Adler32();
    private final BitWriter bits = new BitWriter();
    private int hlit;
    private int hdist;
    private int hclen;
    private int clCount;

    /** The most bytes {@link #finish} writes for {@code rawBytes} bytes of input. */
    static int bound(int rawBytes) {
        // a stored block's 5 header bytes per 65535 bytes, the zlib header and checksum, a byte to flush bits
        return rawBytes + 5 * (rawBytes / 65535 + 1) + 2 + 4 + 8;
    }

    /**
     * Starts a stream of at most {@code maxTokens} tokens whose matches lie at the given byte distances (1 to
     * 32768, up to four; the index of a distance names it in {@link #match}).
     */
    void begin(int maxTokens, int... matchDistances) {
        if (matchDistances.length > 4) {
            throw new IllegalArgumentException("at most 4 match distances");
        }
        if (tokens.length < maxTokens) {
            tokens = new long[maxTokens];
        }
        count = 0;
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
        Arrays.fill(distances, 1);
        Arrays.fill(distSymbols, 0);
        for (int k = 0; k < matchDistances.length; k++) {
            int d = matchDistances[k];
            if (d < 1 || d > WINDOW) {
                throw new IllegalArgumentException("match distance " + d + " outside 1.." + WINDOW);
            }
            distances[k] = d;
            distSymbols[k] = distanceSymbol(d);
        }
    }

    /** The low {@code n} (1 to 4) bytes of {@code v} as literals, lowest first. */
    void literals(int v, int n) {
        tokens[count++] = ((long) n << 32) | (v & 0xffffffffL);
        int[] f = litFreq;
        f[v & 0xff]++;
        if (n > 1) {
            f[(v >>> 8) & 0xff]++;
            if (n > 2) {
                f[(v >>> 16) & 0xff]++;
                if (n > 3) {
                    f[v >>> 24]++;
                }
            }
        }
    }

    /**
     * {@code length} bytes (at least 3) repeating those {@code distances[which]} back, as one token per 258 bytes
     * or less. Any piece of such a run repeats the bytes the same distance back, so the pieces need not end where
     * the caller's samples do.
     */
    void match(int which, int length) {
        int remaining = length;
        long flag = MATCH | ((long) which << 36);
        int distSymbol = distSymbols[which];
        while (remaining > 0) {
            int piece = Math.min(remaining, MAX_MATCH);
            if (remaining - piece > 0 && remaining - piece < MIN_MATCH) {
                piece = remaining - MIN_MATCH;
            }
            tokens[count++] = flag | piece;
            litFreq[LEN_SYMBOL[piece]]++;
            distFreq[distSymbol]++;
            remaining -= piece;
        }
    }

    /**
     * Writes the stream of the tokens given since {@link #begin} into {@code out} at {@code at} (which must have
     * {@link #bound} bytes free); {@code raw[rawFrom ...]} are the bytes the tokens stand for (the checksum, and
     * the stored blocks where those are smaller).
     *
     * @return the number of bytes written
     */
    int finish(byte[] raw, int rawFrom, int rawBytes, byte[] out, int at) {
        litFreq[END_OF_BLOCK]++;
        adler.reset();
        adler.update(raw, rawFrom, rawBytes);
        int checksum = (int) adler.getValue();
        bits.start(out, at);
        bits.put(0x78, 8);   // CMF: Deflate, 32 KB window
        bits.put(0x01, 8);   // FLG: fastest compressor, no dictionary; 0x7801 is a multiple of 31
        int headerBits = buildCodes();
        long dynamicBits = headerBits + payloadBits();
        long storedBits = 8L * (rawBytes + 5 * Math.max(1, (rawBytes + 65534) / 65535));
        if (dynamicBits + 8 < storedBits) {
            bits.put(1, 1);   // final block
            bits.put(2, 2);   // dynamic Huffman codes
            writeHeader();
            writeTokens();
        } else {
            writeStored(raw, rawFrom, rawBytes);
        }
        bits.alignToByte();
        bits.putByte(checksum >>> 24);
        bits.putByte(checksum >>> 16);
        bits.putByte(checksum >>> 8);
        bits.putByte(checksum);
        return bits.position() - at;
    }

    /** The distance code of a distance of 1..32768 bytes. */
    static int distanceSymbol(int distance) {
        int s = 0;
        while (s + 1 < DIST_BASE.length && DIST_BASE[s + 1] <= distance) {
            s++;
        }
        return s;
    }

    /** Huffman code lengths and codes of the three alphabets; returns the header's size in bits. */
    private int buildCodes() {
        huffman.lengths(litFreq, LITLEN_CODES, 15, litLen);
        huffman.lengths(distFreq, DIST_CODES, 15, distLen);
        int hlit = LITLEN_CODES;
        while (hlit > 257 && litLen[hlit - 1] == 0) {
            hlit--;
        }
        int hdist = DIST_CODES;
        while (hdist > 1 && distLen[hdist - 1] == 0) {
            hdist--;
        }
        this.hlit = hlit;
        this.hdist = hdist;
        System.arraycopy(litLen, 0, lengths, 0, hlit);
        System.arraycopy(distLen, 0, lengths, hlit, hdist);
        clCount = runLengths(lengths, hlit + hdist);
        huffman.lengths(clFreq, 19, 7, clLen);
        int hclen = 19;
        while (hclen > 4 && clLen[CL_ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        this.hclen = hclen;
        HuffmanLengths.codes(litLen, LITLEN_CODES, litCode);
        HuffmanLengths.codes(distLen, DIST_CODES, distCode);
        HuffmanLengths.codes(clLen, 19, clCode);
        int header = 3 + 5 + 5 + 4 + 3 * hclen;
        for (int k = 0; k < clCount; k++) {
            int sym = clTokens[k] & 0xff;
            header += clLen[sym] + (sym == 16 ? 2 : sym == 17 ? 3 : sym == 18 ? 7 : 0);
        }
        return header;
    }

    /** Code lengths as code-length symbols (0-15 literal, 16 repeat, 17/18 runs of zeros), counted into clFreq. */
    private int runLengths(byte[] len, int n) {
        Arrays.fill(clFreq, 0);
        int count = 0;
        int i = 0;
        while (i < n) {
            int v = len[i];
            int run = 1;
            while (i + run < n && len[i + run] == v) {
                run++;
            }
            if (v == 0 && run >= 3) {
                int r = Math.min(run, 138);
                int sym = r >= 11 ? 18 : 17;
                clTokens[count++] = sym | (r << 8);
                clFreq[sym]++;
                i += r;
            } else if (v != 0 && run >= 4) {
                clTokens[count++] = v;
                clFreq[v]++;
                int r = Math.min(run - 1, 6);
                clTokens[count++] = 16 | (r << 8);
                clFreq[16]++;
                i += 1 + r;
            } else {
                clTokens[count++] = v;
                clFreq[v]++;
                i++;
            }
        }
        return count;
    }

    private long payloadBits() {
        long total = 0;
        for (int s = 0; s < LITLEN_CODES; s++) {
            if (litFreq[s] != 0) {
                total += (long) litFreq[s] * (litLen[s] + (s > 256 ? LEN_BITS[s - 257] : 0));
            }
        }
        for (int s = 0; s < DIST_CODES; s++) {
            if (distFreq[s] != 0) {
                total += (long) distFreq[s] * (distLen[s] + DIST_BITS[s]);
            }
        }
        return total;
    }

    private void writeHeader() {
        bits.put(hlit - 257, 5);
        bits.put(hdist - 1, 5);
        bits.put(hclen - 4, 4);
        for (int k = 0; k < hclen; k++) {
            bits.put(clLen[CL_ORDER[k]], 3);
        }
        for (int k = 0; k < clCount; k++) {
            int t = clTokens[k];
            int sym = t & 0xff;
            bits.put(clCode[sym], clLen[sym]);
            if (sym == 16) {
                bits.put((t >>> 8) - 3, 2);
            } else if (sym == 17) {
                bits.put((t >>> 8) - 3, 3);
            } else if (sym == 18) {
                bits.put((t >>> 8) - 11, 7);
            }
        }
    }

    private void writeTokens() {
        int[] dCode = new int[4];
        int[] dLen = new int[4];
        for (int k = 0; k < 4; k++) {
            int sym = distSymbols[k];
            // code, then the extra bits that pick the distance within the code's range
            dCode[k] = distCode[sym] | ((distances[k] - DIST_BASE[sym]) << distLen[sym]);
            dLen[k] = distLen[sym] + DIST_BITS[sym];
        }
        long[] t = tokens;
        int[] code = litCode;
        byte[] length = litLen;
        for (int k = 0; k < count; k++) {
            long token = t[k];
            if (token < MATCH) {
                // literal bytes two at a time: two codes of at most 15 bits in one put
                int v = (int) token;
                int n = (int) (token >>> 32);
                int b0 = v & 0xff;
                int b1 = (v >>> 8) & 0xff;
                if (n >= 2) {
                    bits.put(code[b0] | (code[b1] << length[b0]), length[b0] + length[b1]);
                    if (n == 4) {
                        int b2 = (v >>> 16) & 0xff;
                        int b3 = v >>> 24;
                        bits.put(code[b2] | (code[b3] << length[b2]), length[b2] + length[b3]);
                    } else if (n == 3) {
                        int b2 = (v >>> 16) & 0xff;
                        bits.put(code[b2], length[b2]);
                    }
                } else {
                    bits.put(code[b0], length[b0]);
                }
            } else {
                int len = (int) (token & 511);
                int which = (int) (token >>> 36) & 3;
                int sym = LEN_SYMBOL[len];
                bits.put(code[sym] | (LEN_EXTRA[len] << length[sym]), length[sym] + LEN_EXTRA_BITS[len]);
                bits.put(dCode[which], dLen[which]);
            }
        }
        bits.put(code[END_OF_BLOCK], length[END_OF_BLOCK]);
    }

    private void writeStored(byte[] raw, int from, int length) {
        int done = 0;
        do {
            int piece = Math.min(65535, length - done);
            bits.put(done + piece == length ? 1 : 0, 1);
            bits.put(0, 2);
            bits.alignToByte();
            bits.putByte(piece);
            bits.putByte(piece >>> 8);
            bits.putByte(~piece);
            bits.putByte(~piece >>> 8);
            bits.putBytes(raw, from + done, piece);
            done += piece;
        } while (done < length);
    }

    /** Deflate's bit order: least significant bit first, Huffman codes already reversed. */
    private static final class BitWriter {
        private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
                ByteOrder.LITTLE_ENDIAN);
        private byte[] out;
        private int pos;
        private long acc;
        private int count;

        void start(byte[] target, int at) {
            out = target;
            pos = at;
            acc = 0;
            count = 0;
        }

        /** Appends the low {@code n} (at most 32) bits of {@code value}. */
        void put(int value, int n) {
            acc |= (value & 0xffffffffL) << count;
            count += n;
            if (count >= 32) {
                INT_LE.set(out, pos, (int) acc);
                pos += 4;
                acc >>>= 32;
                count -= 32;
            }
        }

        void alignToByte() {
            while (count > 0) {
                out[pos++] = (byte) acc;
                acc >>>= 8;
                count = Math.max(0, count - 8);
            }
            acc = 0;
        }

        /** A whole byte; only after {@link #alignToByte}. */
        void putByte(int v) {
            out[pos++] = (byte) v;
        }

        void putBytes(byte[] b, int from, int n) {
            System.arraycopy(b, from, out, pos, n);
            pos += n;
        }

        int position() {
            return pos;
        }
    }
}
