package io.samlad.server;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The bad uploads the service must refuse cleanly, made from one good PNG, with the answer each must get. Used by
 * the load test ({@code samlad bench-serve}) to mix failures into the traffic, and by the tests.
 */
public enum BadUploads {
    /** Text sent as an opaque upload. */
    NOT_AN_IMAGE(400, "not_an_image", "application/octet-stream"),
    /** The first half of a real PNG: the header survives, the pixel data does not. */
    TRUNCATED(400, "corrupt_image", "image/png"),
    /** Zero bytes. */
    EMPTY(400, "empty_body", "image/png"),
    /** A real PNG declared as text. */
    WRONG_CONTENT_TYPE(400, "wrong_content_type", "text/plain"),
    /** A 45-byte PNG whose header declares 100000 x 100000 pixels. */
    HUGE_HEADER(413, "too_many_pixels", "image/png");

    private final int status;
    private final String code;
    private final String contentType;

    BadUploads(int status, String code, String contentType) {
        this.status = status;
        this.code = code;
        this.contentType = contentType;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String contentType() {
        return contentType;
    }

    /** The body, made from {@code goodPng}. */
    public byte[] body(byte[] goodPng) {
        return switch (this) {
            case NOT_AN_IMAGE -> "this is not an image\n".getBytes(StandardCharsets.US_ASCII);
            case TRUNCATED -> Arrays.copyOf(goodPng, goodPng.length / 2);
            case EMPTY -> new byte[0];
            case WRONG_CONTENT_TYPE -> goodPng;
            case HUGE_HEADER -> pngHeader(100_000, 100_000);
        };
    }

    /** A PNG signature and an IHDR chunk (valid CRC) declaring {@code width x height} RGB pixels, and nothing else. */
    public static byte[] pngHeader(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            DataOutputStream c = new DataOutputStream(chunk);
            c.writeBytes("IHDR");
            c.writeInt(width);
            c.writeInt(height);
            c.write(new byte[] {8, 2, 0, 0, 0});
            byte[] data = chunk.toByteArray();
            out.writeInt(data.length - 4);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(data);
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
