package io.samlad.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Hand-built PNG files, for headers that no encoder would write (decompression bombs, lying sizes). */
final class PngBytes {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    private PngBytes() {
    }

    /** A chunk: length, type, data, CRC of type and data. */
    static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    /**
     * An 8-bit grey PNG of {@code width x height} black pixels whose IDAT holds {@code rows} rows of them (all rows:
     * a valid image; fewer: a short IDAT). All-zero rows deflate about 1000:1, so the file stays small.
     */
    static byte[] blackGrey(int width, int height, int rows) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[width + 1]; // filter byte 0, then the samples
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (int y = 0; y < rows; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE);
        chunk(png, "IHDR", ihdr(width, height, 8, 0));
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }
}
