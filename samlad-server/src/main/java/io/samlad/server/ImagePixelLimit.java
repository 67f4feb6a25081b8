package io.samlad.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses an image whose header declares more pixels than allowed, before any pixel is decoded: a 40-byte PNG
 * header can declare 100000 x 100000 pixels and make a naive decoder allocate 40 GB.
 *
 * <p>The server's own check, kept to this one class so it can be replaced by samlad-core's header-checked limit
 * once that exists.
 */
public final class ImagePixelLimit {
    private final long maxPixels;

    public ImagePixelLimit(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** The size declared by the header. */
    public record Size(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    /**
     * Reads only the header of {@code bytes}.
     *
     * @throws ApiError 400 {@code not_an_image} when no reader recognises the bytes or the header is unreadable,
     *                  413 {@code too_many_pixels} when the declared size exceeds the limit
     */
    public Size check(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw ApiError.badRequest("not_an_image", "body is not a PNG, JPEG, BMP or TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                Size size = new Size(reader.getWidth(0), reader.getHeight(0));
                if (size.width() < 1 || size.height() < 1) {
                    throw ApiError.badRequest("bad_header", "image header declares an empty image");
                }
                if (size.pixels() > maxPixels) {
                    throw ApiError.tooLarge("too_many_pixels", "image header declares " + size.width() + "x"
                            + size.height() + " = " + size.pixels() + " pixels, over the limit of " + maxPixels);
                }
                return size;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiError a) {
                throw a;
            }
            throw ApiError.badRequest("bad_header", "cannot read the image header (truncated or corrupt?): "
                    + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
