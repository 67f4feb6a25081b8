package io.samlad.eval;

import io.samlad.image.ImageLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an evaluation runs.
 *
 * @param out              output folder (created if needed)
 * @param galleryImages    how many best and how many worst test images the report shows
 * @param maxMetricPixels  the pixel metrics sweep every pixel exactly up to this many test pixels per category;
 *                         above it maps and masks are sampled on a regular grid and the report says so
 * @param threads          images predicted at once (the detector is thread-safe)
 * @param overlays         also write one overlay PNG per test image under {@code <category>/overlays/}
 * @param limits           the largest images read (test images and masks; the fit is given its own)
 */
public record EvaluationOptions(Path out, int galleryImages, long maxMetricPixels, int threads, boolean overlays,
        ImageLimits limits) {
    public EvaluationOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(limits, "limits");
        if (galleryImages < 0) {
            throw new IllegalArgumentException("galleryImages must be >= 0");
        }
        if (maxMetricPixels < 1000) {
            throw new IllegalArgumentException("maxMetricPixels must be >= 1000");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    public EvaluationOptions(Path out, int galleryImages, long maxMetricPixels, int threads, boolean overlays) {
        this(out, galleryImages, maxMetricPixels, threads, overlays, ImageLimits.defaults());
    }

    public static EvaluationOptions defaults(Path out) {
        return new EvaluationOptions(out, 4, 40_000_000L, 1, false);
    }
}
