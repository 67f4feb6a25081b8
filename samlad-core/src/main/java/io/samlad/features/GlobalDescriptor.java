package io.samlad.features;

/** Global descriptors built from a patch feature map, for backbones without a CLS token. */
public final class GlobalDescriptor {
    private GlobalDescriptor() {
    }

    /**
     * Mean patch feature over each cell of a {@code cells x cells} partition of the image, concatenated: keeps the
     * coarse layout (where the colours are), which plain mean pooling would lose.
     */
    public static float[] pooledGrid(FeatureMap map, int cells) {
        int c = map.channels();
        float[] out = new float[cells * cells * c];
        int[] counts = new int[cells * cells];
        float[] d = map.data();
        for (int y = 0; y < map.height(); y++) {
            int py = Math.min(cells - 1, y * cells / map.height());
            for (int x = 0; x < map.width(); x++) {
                int px = Math.min(cells - 1, x * cells / map.width());
                int cell = py * cells + px;
                counts[cell]++;
                int src = map.offset(x, y);
                for (int k = 0; k < c; k++) {
                    out[cell * c + k] += d[src + k];
                }
            }
        }
        for (int cell = 0; cell < counts.length; cell++) {
            for (int k = 0; k < c; k++) {
                out[cell * c + k] /= Math.max(1, counts[cell]);
            }
        }
        return out;
    }
}
