package io.samlad.spark;

import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;

/**
 * Decodes an image from the bytes Spark's {@code binaryFile} source read, with the decoder and limits
 * {@link ImageLoader#read} applies to a file, so that a Spark score equals the local one.
 */
final class ImageBytes {
    private ImageBytes() {
    }

    /**
     * @param source the file the bytes came from, named in the error
     * @throws InvalidInputException with a one-line message naming {@code source} if the bytes are no usable image
     */
    static RgbImage decode(String source, byte[] content) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException(source, "empty file");
        }
        return ImageLoader.decode(content, source, ImageLimits.defaults());
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
