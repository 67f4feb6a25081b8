package io.samlad.spark;

import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes an image from the bytes Spark's {@code binaryFile} source read, exactly as {@link ImageLoader#read} decodes
 * a file (same ImageIO decoder, same conversion), so that a Spark score equals the local one.
 */
final class ImageBytes {
    private ImageBytes() {
    }

    /**
     * @param source the file the bytes came from, named in the error
     * @throws IllegalArgumentException with a one-line message naming {@code source} if the bytes are no image
     */
    static RgbImage decode(String source, byte[] content) {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException(source + ": empty file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": cannot decode image (truncated or corrupt?): " + oneLine(e), e);
        }
        if (image == null) {
            throw new IllegalArgumentException(source + ": not a readable image (supported: PNG, JPEG, BMP, TIFF)");
        }
        try {
            return ImageLoader.convert(image);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": cannot decode image (truncated or corrupt?): " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
