package io.samlad.onnx;

import java.util.BitSet;

/**
 * A mask's bounding box as Segment Anything computes it: {@code x0, y0} the first and {@code x1, y1} the last
 * occupied column and row (inclusive), all zero for an empty mask. Its area and IoU follow torchvision's box
 * convention, {@code (x1 - x0) * (y1 - y0)}, as Segment Anything's box NMS does.
 */
public record MaskBox(int x0, int y0, int x1, int y1) {

    public static MaskBox of(BitSet mask, int width) {
        if (mask.isEmpty()) {
            return new MaskBox(0, 0, 0, 0);
        }
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            int x = i % width;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }
        return new MaskBox(minX, mask.nextSetBit(0) / width, maxX, (mask.length() - 1) / width);
    }

    public MaskBox shifted(int dx, int dy) {
        return new MaskBox(x0 + dx, y0 + dy, x1 + dx, y1 + dy);
    }

    public double area() {
        return (double) (x1 - x0) * (y1 - y0);
    }

    public double iou(MaskBox o) {
        double w = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        double h = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        double inter = w > 0 && h > 0 ? w * h : 0;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
