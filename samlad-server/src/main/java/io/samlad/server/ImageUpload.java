package io.samlad.server;

import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns uploaded bytes into an image, refusing anything else with a 400 or 413 that names the problem: zero bytes,
 * a content type that is not an image (or says another format than the bytes hold), bytes no reader recognises, a
 * header declaring too many pixels (checked before decoding), and truncated or corrupt data.
 */
public final class ImageUpload {
    /** Declared content types and the ImageIO format names they promise. */
    private static final Map<String, String> FORMATS = Map.of("image/png", "png", "image/jpeg", "jpeg",
            "image/jpg", "jpeg", "image/bmp", "bmp", "image/x-ms-bmp", "bmp", "image/tiff", "tiff");

    private final ImagePixelLimit pixelLimit;

    public ImageUpload(ImagePixelLimit pixelLimit) {
        this.pixelLimit = pixelLimit;
    }

    /** A decoded upload and what was learned on the way. */
    public record Decoded(RgbImage image, String format) {
    }

    /**
     * @param bytes       the body (or the multipart part)
     * @param contentType the declared type, e.g. {@code image/png}; {@code application/octet-stream} or null means
     *                    "look at the bytes"
     */
    public Decoded decode(byte[] bytes, String contentType) {
        String format = precheck(bytes, contentType);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw ApiError.badRequest("corrupt_image", "cannot decode the " + format.toUpperCase(Locale.ROOT)
                    + " image (truncated or corrupt?): " + ImagePixelLimit.oneLine(e));
        }
        if (image == null) {
            throw ApiError.badRequest("not_an_image", "body is not a PNG, JPEG, BMP or TIFF image");
        }
        try {
            return new Decoded(ImageLoader.convert(image), format);
        } catch (RuntimeException e) {
            throw ApiError.badRequest("corrupt_image", "cannot decode the image: " + ImagePixelLimit.oneLine(e));
        }
    }

    /**
     * The checks that read no pixel data: content type, emptiness, format, and the header's pixel count.
     *
     * @return the format (png, jpeg, bmp, tiff)
     */
    public String precheck(byte[] bytes, String contentType) {
        String declared = mediaType(contentType);
        if (declared != null && !declared.equals("application/octet-stream") && !FORMATS.containsKey(declared)) {
            throw ApiError.badRequest("wrong_content_type", "content type " + declared
                    + " is not an image (send image/png, image/jpeg, image/bmp, image/tiff or "
                    + "application/octet-stream)");
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("empty_body", "the upload is empty (0 bytes)");
        }
        String format = sniff(bytes);
        if (format == null) {
            throw ApiError.badRequest("not_an_image", "body is not a PNG, JPEG, BMP or TIFF image");
        }
        if (declared != null && FORMATS.containsKey(declared) && !FORMATS.get(declared).equals(format)) {
            throw ApiError.badRequest("wrong_content_type", "content type " + declared + " but the body is "
                    + format.toUpperCase(Locale.ROOT));
        }
        pixelLimit.check(bytes);
        return format;
    }

    /** The lower-case media type without parameters, or null. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The ImageIO format of the bytes (png, jpeg, bmp, tiff), or null. */
    static String sniff(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            String name = r.getFormatName().toLowerCase(Locale.ROOT);
            r.dispose();
            return switch (name) {
                case "png" -> "png";
                case "jpeg", "jpg" -> "jpeg";
                case "bmp" -> "bmp";
                case "tif", "tiff" -> "tiff";
                default -> null; // GIF, WBMP...: not formats the detector is documented for
            };
        } catch (IOException e) {
            return null;
        }
    }
}
