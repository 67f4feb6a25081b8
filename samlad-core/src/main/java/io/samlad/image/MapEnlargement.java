package io.samlad.image;

/**
 * Enlarges a coarse anomaly map (the object grid) to the original image in two steps: bilinear interpolation up to
 * the resolution the detector worked at, then each original pixel takes the value of the working pixel it falls in.
 *
 * <p>Why not bilinear all the way: at 800x1600 (MVTec LOCO's original size) a map interpolated pixel by pixel holds
 * 1.28 million distinct floats whose low mantissa bits look random to Deflate (2.1 MB per map, 53 ms to compress),
 * and a lossless map must keep them. Held constant over each working pixel, the same map repeats every value along a
 * row and every row 3 or 4 times, which Deflate stores as back-references: a few hundred KB, compressed several times
 * faster, and still full size (the official MVTec LOCO evaluation requires a map of the ground truth's size). It
 * differs from the bilinear map by less than the change across half a working pixel, an eighth of an object-grid cell
 * at the default sizes: the detector resolves nothing finer than its working image.
 *
 * <p>Where the image is not larger than the working resolution in either direction (every image of the juice_bottle
 * subset, 200x400 against 256x512), the result is exactly the bilinear {@link FloatMap#resize}.
 */
public final class MapEnlargement {
    private MapEnlargement() {
    }

    /**
     * @param grid       the coarse map
     * @param width      the original image's width
     * @param height     the original image's height
     * @param detailW    the finest width worth interpolating at (the working image's width)
     * @param detailH    the finest height worth interpolating at
     */
    public static FloatMap enlarge(FloatMap grid, int width, int height, int detailW, int detailH) {
        if (detailW <= 0 || detailH <= 0) {
            throw new IllegalArgumentException("detail size must be positive, got " + detailW + "x" + detailH);
        }
        int iw = Math.min(width, Math.max(detailW, grid.width()));
        int ih = Math.min(height, Math.max(detailH, grid.height()));
        FloatMap fine = grid.width() == iw && grid.height() == ih ? grid : grid.resize(iw, ih);
        if (iw == width && ih == height) {
            return fine == grid ? new FloatMap(width, height, grid.data().clone()) : fine;
        }
        return replicate(fine, width, height);
    }

    /**
     * Nearest-neighbour enlargement, pixel centres aligned: target pixel x takes source pixel
     * {@code floor((x + 0.5) * w / width)}. A target row equal to the one above it is copied whole.
     */
    public static FloatMap replicate(FloatMap source, int width, int height) {
        int w = source.width();
        int h = source.height();
        if (width < w || height < h) {
            throw new IllegalArgumentException("replicate enlarges only: " + w + "x" + h + " to " + width + "x" + height);
        }
        float[] src = source.data();
        float[] out = new float[width * height];
        int[] column = new int[width];
        for (int x = 0; x < width; x++) {
            column[x] = (int) ((2L * x + 1) * w / (2L * width));
        }
        int previous = -1;
        for (int y = 0; y < height; y++) {
            int sy = (int) ((2L * y + 1) * h / (2L * height));
            int o = y * width;
            if (sy == previous) {
                System.arraycopy(out, o - width, out, o, width);
                continue;
            }
            int s = sy * w;
            for (int x = 0; x < width; x++) {
                out[o + x] = src[s + column[x]];
            }
            previous = sy;
        }
        return new FloatMap(width, height, out);
    }
}
