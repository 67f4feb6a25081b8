package io.samlad.image;

import java.util.Locale;

/**
 * How large an image samlad agrees to decode. The pixel count is read from the file's header before any pixel is
 * decoded, so a small file that claims a huge image (a decompression bomb) is refused at once instead of filling the
 * memory. Decoding then needs at most about {@code maxPixels} times (bytes per decoded pixel, at most 8, plus the 12
 * bytes of the float RGB result): about 1 GB at the default.
 *
 * @param maxPixels largest width x height accepted, &gt; 0
 */
public record ImageLimits(long maxPixels) {
    /** 50 megapixels: above any inspection camera in common use (a 8192x6000 line-scan frame is 49 MP). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public ImageLimits {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maximum pixel count must be > 0, got " + maxPixels);
        }
    }

    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_PIXELS);
    }

    /** Whether a width x height image may be decoded. */
    public boolean allows(long width, long height) {
        return width > 0 && height > 0 && width <= maxPixels && height <= maxPixels / width;
    }

    /** The limit for messages, e.g. "50 megapixels". */
    public String describe() {
        return megapixels(maxPixels);
    }

    static String megapixels(long pixels) {
        return pixels >= 1_000_000 && pixels % 1_000_000 == 0 ? pixels / 1_000_000 + " megapixels"
                : String.format(Locale.ROOT, "%.1f megapixels", pixels / 1e6);
    }
}
