package io.samlad.server;

import io.samlad.image.ImageLimits;
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
 * <p>The limit itself is samlad-core's {@link ImageLimits}; this class reads the header of an upload held in memory
 * and answers in HTTP terms (413 {@code too_many_pixels}, 400 for an unreadable header), so that the refusal comes
 * before the upload waits for a worker.
 */
public final class ImagePixelLimit {
    private final ImageLimits limits;

    public ImagePixelLimit(long maxPixels) {
        this.limits = new ImageLimits(maxPixels);
    }

    public ImageLimits limits() {
        return limits;
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
                if (!limits.allows(size.width(), size.height())) {
                    throw ApiError.tooLarge("too_many_pixels", "image header declares " + size.width() + "x"
                            + size.height() + " = " + size.pixels() + " pixels, over the limit of "
                            + limits.describe());
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
