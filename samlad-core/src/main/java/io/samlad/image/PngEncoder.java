package io.samlad.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit RGB pixels as a PNG (colour type 2, no interlace), for overlays: every row uses the Sub filter and
 * Deflate runs at a fast level.
 *
 * <p>Why not ImageIO's PNG writer: it tries every filter on every row and compresses harder, 17 ms for a 608x422
 * overlay against about 3 ms here, for a file about a third larger. Overlays are looked at, not archived; the anomaly
 * maps are the exact record. One encoder per thread: it reuses its buffers and its deflater from image to image.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Deflater deflater;
    private final DeflateStream runs;
    private final CRC32 crc = new CRC32();
    private byte[] filtered = new byte[0];
    private byte[] packed = new byte[0];
    private int[] row = new int[0];
    private int[] rowAbove = new int[0];

    /** @param deflateLevel 1 (fastest) to 9 (smallest): zlib's {@link Deflater} */
    public PngEncoder(int deflateLevel) {
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 1 to 9, got " + deflateLevel);
        }
        this.deflater = new Deflater(deflateLevel);
        this.runs = null;
    }

    private PngEncoder(DeflateStream runs) {
        this.deflater = null;
        this.runs = runs;
    }

    /**
     * An encoder that finds its Deflate matches where images like overlays repeat, instead of zlib's search: runs of
     * a filtered pixel equal to the one to its left, to the one above, or to the one {@code repeatShift} pixels to
     * its left (an overlay's copied panel, see {@link #encode(int[], int, int, int)}); everything else is literal.
     * On juice_bottle overlays (608x422) it takes about a third of zlib level 1's CPU time for a file about a
     * fifth larger (see docs/performance.md, round 5).
     */
    public static PngEncoder withRunDeflate() {
        return new PngEncoder(new DeflateStream());
    }

    /**
     * @param rgb pixels as packed 0xRRGGBB ints, row by row
     * @return the complete file
     */
    public byte[] encode(int[] rgb, int width, int height) {
        return encode(rgb, width, height, 0);
    }

    /**
     * @param rgb pixels as packed 0xRRGGBB ints, row by row
     * @param repeatShift where each row tends to repeat itself this many pixels to the right (an overlay's third
     *     panel repeats its first), or 0; only a hint to the encoder {@link #withRunDeflate()} makes
     * @return the complete file
     */
    public byte[] encode(int[] rgb, int width, int height, int repeatShift) {
        if (width <= 0 || height <= 0 || rgb.length < width * height) {
            throw new IllegalArgumentException("bad image " + width + "x" + height + " for " + rgb.length + " pixels");
        }
        int stride = 1 + 3 * width;
        int size = stride * height;
        if (filtered.length < size) {
            filtered = new byte[size];
        }
        int n = runs != null ? deflateRuns(rgb, width, height, repeatShift, size)
                : deflateZlib(rgb, width, height, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: RGB
        chunk(out, "IHDR", ihdr, 0, 13);
        chunk(out, "IDAT", packed, 0, n);
        chunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }

    /** Sub-filtered rows into {@code filtered}, compressed by zlib into {@code packed}; returns the length. */
    private int deflateZlib(int[] rgb, int width, int height, int size) {
        int stride = 1 + 3 * width;
        byte[] f = filtered;
        for (int y = 0; y < height; y++) {
            int o = y * stride;
            int p = y * width;
            f[o++] = 1; // Sub: each byte minus the same channel of the pixel to its left
            int pr = 0;
            int pg = 0;
            int pb = 0;
            for (int x = 0; x < width; x++) {
                int c = rgb[p + x];
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                f[o++] = (byte) (r - pr);
                f[o++] = (byte) (g - pg);
                f[o++] = (byte) (b - pb);
                pr = r;
                pg = g;
                pb = b;
            }
        }
        deflater.reset();
        deflater.setInput(f, 0, size);
        deflater.finish();
        if (packed.length < size / 2 + 1024) {
            packed = new byte[size / 2 + 1024];
        }
        int n = 0;
        while (!deflater.finished()) {
            if (n == packed.length) {
                packed = Arrays.copyOf(packed, packed.length * 2);
            }
            n += deflater.deflate(packed, n, packed.length - n);
        }
        return n;
    }

    /**
     * The same Sub-filtered rows, tokenised where they repeat: a filtered pixel's three bytes (as one int, first
     * byte lowest) equal to the ones to its left (3 bytes back), above (a row back) or {@code shift} pixels to the
     * left start a run, the longest of the three wins, and the rest are literals. Compared a row at a time, so a
     * run ends with its row (the next row's filter byte interrupts it anyway).
     */
    private int deflateRuns(int[] rgb, int width, int height, int shift, int size) {
        int stride = 1 + 3 * width;
        if (row.length < width) {
            row = new int[width];
            rowAbove = new int[width];
        }
        boolean upAllowed = stride <= DeflateStream.WINDOW;
        boolean shiftAllowed = shift > 0 && shift < width && 3L * shift <= DeflateStream.WINDOW;
        // at most one token per filter byte and one per pixel (a run of k pixels goes out in at most k pieces)
        runs.begin(height * (width + 1), 3, upAllowed ? stride : 3, shiftAllowed ? 3 * shift : 3);
        byte[] f = filtered;
        int[] cur = row;
        int[] above = rowAbove;
        for (int y = 0; y < height; y++) {
            int o = y * stride;
            int p = y * width;
            f[o++] = 1; // Sub: each byte minus the same channel of the pixel to its left
            int left = 0;
            for (int x = 0; x < width; x++) {
                int c = rgb[p + x];
                // per channel (c - left) mod 256, as bytes: red first
                int r = ((c >> 16) - (left >> 16)) & 0xff;
                int g = ((c >> 8) - (left >> 8)) & 0xff;
                int b = (c - left) & 0xff;
                f[o++] = (byte) r;
                f[o++] = (byte) g;
                f[o++] = (byte) b;
                cur[x] = r | (g << 8) | (b << 16);
                left = c;
            }
            runs.literals(1, 1);
            boolean hasAbove = upAllowed && y > 0;
            int x = 0;
            while (x < width) {
                int v = cur[x];
                int l = 0;
                if (x > 0 && cur[x - 1] == v) {
                    l = 1;
                    while (x + l < width && cur[x + l] == cur[x + l - 1]) {
                        l++;
                    }
                }
                int u = 0;
                if (hasAbove && above[x] == v) {
                    u = 1;
                    while (x + u < width && cur[x + u] == above[x + u]) {
                        u++;
                    }
                }
                int s = 0;
                if (shiftAllowed && x >= shift && cur[x - shift] == v) {
                    s = 1;
                    while (x + s < width && cur[x + s] == cur[x + s - shift]) {
                        s++;
                    }
                }
                if (l == 0 && u == 0 && s == 0) {
                    runs.literals(v, 3);
                    x++;
                } else if (u >= l && u >= s) {
                    runs.match(1, 3 * u);
                    x += u;
                } else if (l >= s) {
                    runs.match(0, 3 * l);
                    x += l;
                } else {
                    runs.match(2, 3 * s);
                    x += s;
                }
            }
            int[] t = cur;
            cur = above;
            above = t;
        }
        row = cur;
        rowAbove = above;
        int bound = DeflateStream.bound(size);
        if (packed.length < bound) {
            packed = new byte[bound];
        }
        return runs.finish(f, 0, size, packed, 0);
    }

    private void chunk(ByteArrayOutputStream out, String type, byte[] data, int off, int len) {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head, 0, 8);
        out.write(data, off, len);
        crc.reset();
        crc.update(t);
        crc.update(data, off, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Releases the deflater's native memory. */
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
    }
}
