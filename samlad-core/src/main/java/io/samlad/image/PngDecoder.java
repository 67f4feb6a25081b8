package io.samlad.image;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNG files cameras and image tools write most (8-bit grey, grey + alpha, RGB or RGBA, not interlaced)
 * straight into an {@link RgbImage}, row by row: inflate one scanline, undo its filter, spread its samples over the
 * image's planes while it is still in the cache. The planes hold the 8-bit samples
 * ({@link RgbImage#ofPlanarBytes}), whose floats are made only if asked for: resizing reads the bytes. ImageIO's
 * reader (33 ms for an 800x1600 RGB file) builds a {@code BufferedImage} first, which {@link ImageLoader} then reads
 * again.
 *
 * <p>The floats are those {@link ImageLoader} makes from ImageIO's decoding, bit for bit: each sample times the float
 * nearest 1/255, computed in double and rounded to float (alpha is ignored, a grey sample goes to all three planes).
 *
 * <p>Anything else returns null and goes to ImageIO, so that errors and unusual files behave exactly as before: other
 * colour types and depths, interlacing, a transparency or colour-profile chunk, an unknown chunk before the image
 * data, a chunk whose CRC does not match, image data that is short or broken, or a header that states more pixels
 * than the limit. Not thread-safe: one decoder per thread (it keeps its {@link Inflater} and row buffers).
 */
final class PngDecoder {
    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    /** Ancillary chunks that change no sample value as ImageIO decodes them: skipped. */
    private static final int[] HARMLESS = {
        0x67414D41, // gAMA
        0x6348524D, // cHRM
        0x73524742, // sRGB
        0x70485973, // pHYs
        0x74455874, // tEXt
        0x7A545874, // zTXt
        0x69545874, // iTXt
        0x74494D45, // tIME
        0x624B4744, // bKGD
        0x73424954, // sBIT
        0x6F464673, // oFFs
        0x65584966, // eXIf
    };
    private final Inflater inflater = new Inflater();
    private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    /**
     * Rows are inflated this many bytes at a time (whole rows, at least one) and copied out one by one: one call into
     * zlib per 64 KB instead of one per row (1,600 calls for an 800x1600 image), and zlib's fast loop, which needs
     * room for its longest match in the output, runs on nearly all of it.
     */
    private static final int INFLATE_BYTES = 1 << 16;
    private byte[] inflated = new byte[0];
    private byte[] current = new byte[0];
    private byte[] previous = new byte[0];

    /**
     * @return the image, or null when this decoder does not handle the file (it is then ImageIO's to decode or refuse)
     */
    RgbImage decode(byte[] file, ImageLimits limits) {
        try {
            return decodeOrNull(file, limits);
        } catch (DataFormatException | RuntimeException e) {
            return null;
        } finally {
            inflater.reset();
        }
    }

    /** Whether the bytes start with the PNG signature. */
    static boolean isPng(byte[] file) {
        return file.length >= 8 && readLong(file, 0) == SIGNATURE;
    }

    private RgbImage decodeOrNull(byte[] b, ImageLimits limits) throws DataFormatException {
        if (!isPng(b) || b.length < 33 || readInt(b, 8) != 13 || readInt(b, 12) != IHDR || !crcMatches(b, 8, 13)) {
            return null;
        }
        int width = readInt(b, 16);
        int height = readInt(b, 20);
        int depth = b[24];
        int colourType = b[25];
        if (depth != 8 || b[26] != 0 || b[27] != 0 || b[28] != 0 || width <= 0 || height <= 0
                || !limits.allows(width, height)) {
            return null;
        }
        int channels = switch (colourType) {
            case 0 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 0;
        };
        if (channels == 0 || (long) width * channels + 1 > Integer.MAX_VALUE) {
            return null;
        }
        // the chunks before the image data: only those that change nothing
        int at = 33;
        while (true) {
            if (at + 12 > b.length) {
                return null;
            }
            int length = readInt(b, at);
            int type = readInt(b, at + 4);
            if (length < 0 || at + 12L + length > b.length || !crcMatches(b, at, length)) {
                return null;
            }
            if (type == IDAT) {
                break;
            }
            if (!harmless(type)) {
                return null;
            }
            at += 12 + length;
        }
        int rowBytes = width * channels;
        if (current.length < rowBytes + 1) {
            current = new byte[rowBytes + 1];
            previous = new byte[rowBytes + 1];
        }
        java.util.Arrays.fill(previous, 0, rowBytes + 1, (byte) 0);
        int plane = width * height;
        byte[] out = new byte[3 * plane];
        inflater.reset();
        int chunkLength = readInt(b, at);
        inflater.setInput(b, at + 8, chunkLength);
        int next = at + 12 + chunkLength;
        int stride = rowBytes + 1;
        int batch = Math.max(1, Math.min(height, INFLATE_BYTES / stride));
        if (inflated.length < batch * stride) {
            inflated = new byte[batch * stride];
        }
        for (int y = 0; y < height; y++) {
            int inBatch = y % batch;
            if (inBatch == 0) {
                next = inflateRows(b, next, Math.min(batch, height - y) * stride);
                if (next < 0) {
                    return null;
                }
            }
            System.arraycopy(inflated, inBatch * stride, current, 0, stride);
            if (channels == 3 && current[0] == 4) {
                // most rows of camera images: undone and spread over the planes in one pass
                paeth3(current, previous, rowBytes, out, y * width, plane);
            } else {
                if (!unfilter(current, previous, rowBytes, channels)) {
                    return null;
                }
                spread(current, channels, width, out, y * width, plane);
            }
            byte[] t = previous;
            previous = current;
            current = t;
        }
        return RgbImage.ofPlanarBytes(width, height, out);
    }

    /**
     * Inflates {@code wanted} bytes of rows into {@link #inflated}, taking the image data from the chunks that follow
     * at {@code next} when the current one runs out.
     *
     * @return where the chunks not yet given to the inflater start, or -1 when the data ends short, is broken or
     *     continues in anything but image-data chunks
     */
    private int inflateRows(byte[] b, int next, int wanted) throws DataFormatException {
        int filled = 0;
        while (filled < wanted) {
            int n = inflater.inflate(inflated, filled, wanted - filled);
            filled += n;
            if (n == 0) {
                if (inflater.finished() || inflater.needsDictionary() || !inflater.needsInput()) {
                    return -1;
                }
                // the image data continues in the next chunk, which must be image data too
                if (next + 12 > b.length) {
                    return -1;
                }
                int length = readInt(b, next);
                if (readInt(b, next + 4) != IDAT || length < 0 || next + 12L + length > b.length
                        || !crcMatches(b, next, length)) {
                    return -1;
                }
                inflater.setInput(b, next + 8, length);
                next += 12 + length;
            }
        }
        return next;
    }

    /** Undoes the row's filter in place (the filter byte at 0, samples from 1); false for an unknown filter. */
    static boolean unfilter(byte[] row, byte[] above, int n, int bpp) {
        int filter = row[0];
        switch (filter) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = 1 + bpp; i <= n; i++) {
                    row[i] += row[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 1; i <= n; i++) {
                    row[i] += above[i];
                }
            }
            case 3 -> {
                for (int i = 1; i <= bpp; i++) {
                    row[i] += (byte) ((above[i] & 0xff) >>> 1);
                }
                for (int i = 1 + bpp; i <= n; i++) {
                    row[i] += (byte) (((row[i - bpp] & 0xff) + (above[i] & 0xff)) >>> 1);
                }
            }
            case 4 -> paeth(row, above, n, bpp);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The Paeth filter: each byte predicted by the left, upper or upper-left byte, whichever is nearest to
     * left + upper - upper-left (ties in that order). The choice is made with masks, not branches: on camera images
     * it is a coin toss per byte, and mispredicted branches cost more than the whole computation.
     */
    private static void paeth(byte[] row, byte[] above, int n, int bpp) {
        for (int i = 1; i <= Math.min(bpp, n); i++) {
            row[i] += above[i]; // left and upper left are 0 here: the predictor is the byte above
        }
        for (int i = 1 + bpp; i <= n; i++) {
            int a = row[i - bpp] & 0xff;
            int b = above[i] & 0xff;
            int c = above[i - bpp] & 0xff;
            row[i] += (byte) paethPredictor(a, b, c);
        }
    }

    /**
     * RGB rows: the left and upper-left pixel kept in locals, so that each channel's chain of dependent bytes runs
     * through registers instead of a store and a load per byte. Left and upper left start at 0, as the filter
     * defines them before the first pixel. Each pixel's three samples also go to the planes ({@link #spread}'s
     * work) while they are in registers: one pass over the row instead of two (about 1 ms less per 800x1600 image).
     * The row keeps its unfiltered bytes too, as the next row's bytes above.
     */
    static void paeth3(byte[] row, byte[] above, int n, byte[] out, int o, int plane) {
        int g = plane + o;
        int bl = 2 * plane + o;
        int a0 = 0;
        int a1 = 0;
        int a2 = 0;
        int c0 = 0;
        int c1 = 0;
        int c2 = 0;
        for (int i = 1, x = 0; i + 2 <= n; i += 3, x++) {
            int b0 = above[i] & 0xff;
            int b1 = above[i + 1] & 0xff;
            int b2 = above[i + 2] & 0xff;
            a0 = (row[i] + paethByRange(a0, b0, c0)) & 0xff;
            a1 = (row[i + 1] + paethByRange(a1, b1, c1)) & 0xff;
            a2 = (row[i + 2] + paethByRange(a2, b2, c2)) & 0xff;
            row[i] = (byte) a0;
            row[i + 1] = (byte) a1;
            row[i + 2] = (byte) a2;
            out[o + x] = (byte) a0;
            out[g + x] = (byte) a1;
            out[bl + x] = (byte) a2;
            c0 = b0;
            c1 = b1;
            c2 = b2;
        }
    }

    /** The Paeth predictor of one byte, without branches: the first of a, b, c with the smallest distance. */
    static int paethPredictor(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - 2 * c);
        int bNearer = (pb - pa) >> 31;               // -1 where b is strictly nearer than a
        int p = a ^ ((a ^ b) & bNearer);
        int best = pa ^ ((pa ^ pb) & bNearer);
        int cNearer = (pc - best) >> 31;             // -1 where c is strictly nearer than both
        return p ^ ((p ^ c) & cNearer);
    }

    /**
     * {@link #paethPredictor}'s value, with most of the work on the bytes above (b and c), which do not wait for the
     * byte to the left (a): the chain from one pixel to the next is shorter, which is what limits a Paeth row (about
     * 15 % less time per 800x1600 image). Derivation, with d = a - c and e = b - c (so pa = |e|, pb = |d|,
     * pc = |d + e|): a is chosen unless a lies strictly between b and 3c - 2b; otherwise c where 2a < 3c - b (for
     * b >= c) or 2a > 3c - b (for b < c), else b. Equal to {@link #paethPredictor} for all 2^24 inputs (the tests
     * check every one).
     */
    static int paethByRange(int a, int b, int c) {
        int s = (b - c) >> 31;                  // -1 where b < c
        int t = 3 * c - 2 * b;
        int low = Math.min(b, t) + 1;           // a is not chosen where low <= a < max(b, t)
        int width = Math.max(b, t) - low;
        int cLimit = 3 * c - b - s;             // c is chosen where 2a < cLimit (b >= c), 2a >= cLimit (b < c)
        int bc = b ^ c;
        int x = a - low;
        int notA = ((x - width) & ~x) >> 31;    // -1 where 0 <= x < width
        int useC = ((2 * a - cLimit) >> 31) ^ s;
        int p = b ^ (bc & useC);
        return a ^ ((a ^ p) & notA);
    }

    /** The row's colour samples into the three planes (8-bit samples, see {@link RgbImage#ofPlanarBytes}). */
    private static void spread(byte[] row, int channels, int width, byte[] out, int o, int plane) {
        if (channels == 1) {
            System.arraycopy(row, 1, out, o, width);
            System.arraycopy(row, 1, out, plane + o, width);
            System.arraycopy(row, 1, out, 2 * plane + o, width);
            return;
        }
        if (channels == 2) {
            for (int x = 0, i = 1; x < width; x++, i += 2) {
                byte v = row[i];
                out[o + x] = v;
                out[plane + o + x] = v;
                out[2 * plane + o + x] = v;
            }
            return;
        }
        int g = plane + o;
        int bl = 2 * plane + o;
        for (int x = 0, i = 1; x < width; x++, i += channels) {
            out[o + x] = row[i];
            out[g + x] = row[i + 1];
            out[bl + x] = row[i + 2];
        }
    }

    private boolean crcMatches(byte[] b, int chunkAt, int length) {
        crc.reset();
        crc.update(b, chunkAt + 4, 4 + length);
        return (int) crc.getValue() == readInt(b, chunkAt + 8 + length);
    }

    private static boolean harmless(int type) {
        for (int h : HARMLESS) {
            if (h == type) {
                return true;
            }
        }
        return false;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | (readInt(b, at + 4) & 0xffffffffL);
    }
}
