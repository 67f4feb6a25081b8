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
    private final CRC32 crc = new CRC32();
    private byte[] filtered = new byte[0];
    private byte[] packed = new byte[0];

    /** @param deflateLevel 1 (fastest) to 9 (smallest) */
    public PngEncoder(int deflateLevel) {
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 1 to 9, got " + deflateLevel);
        }
        this.deflater = new Deflater(deflateLevel);
    }

    /**
     * @param rgb pixels as packed 0xRRGGBB ints, row by row
     * @return the complete file
     */
    public byte[] encode(int[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || rgb.length < width * height) {
            throw new IllegalArgumentException("bad image " + width + "x" + height + " for " + rgb.length + " pixels");
        }
        int stride = 1 + 3 * width;
        int size = stride * height;
        if (filtered.length < size) {
            filtered = new byte[size];
        }
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
        deflater.end();
    }
}
