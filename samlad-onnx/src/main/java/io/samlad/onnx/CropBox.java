package io.samlad.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * A crop of the image, {@code [x0, x1) x [y0, y1)} in pixels, and the crop layer it belongs to.
 */
public record CropBox(int x0, int y0, int x1, int y1, int layer) {

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    public long area() {
        return (long) width() * height();
    }

    /**
     * Segment Anything's crop layers: the whole image, then for layer {@code i = 1..layers} a {@code 2^i x 2^i} grid
     * of crops that overlap by {@code overlapRatio * shortSide * 2 / 2^i} pixels.
     */
    public static List<CropBox> layers(int width, int height, int layers, double overlapRatio) {
        List<CropBox> out = new ArrayList<>();
        out.add(new CropBox(0, 0, width, height, 0));
        int shortSide = Math.min(width, height);
        for (int layer = 1; layer <= layers; layer++) {
            int perSide = 1 << layer;
            int overlap = (int) (overlapRatio * shortSide * (2.0 / perSide));
            int cropW = cropLength(width, perSide, overlap);
            int cropH = cropLength(height, perSide, overlap);
            for (int i = 0; i < perSide; i++) {
                int x0 = (cropW - overlap) * i;
                for (int j = 0; j < perSide; j++) {
                    int y0 = (cropH - overlap) * j;
                    out.add(new CropBox(x0, y0, Math.min(x0 + cropW, width), Math.min(y0 + cropH, height), layer));
                }
            }
        }
        return out;
    }

    static int cropLength(int length, int perSide, int overlap) {
        return (int) Math.ceil((overlap * (perSide - 1) + length) / (double) perSide);
    }
}
