package io.samlad.segment;

import java.util.BitSet;

/**
 * A binary mask on a {@code width x height} grid covering the whole image, with its geometry precomputed.
 * Bit {@code y * width + x} is set where the object is. {@code quality} is the generator's confidence
 * (SAM's predicted IoU; 1 for methods without one).
 */
public final class ObjectMask {
    private final int width;
    private final int height;
    private final BitSet bits;
    private final double quality;
    private final int area;
    private final double centroidX;
    private final double centroidY;
    private final int minX;
    private final int minY;
    private final int maxX;
    private final int maxY;

    public ObjectMask(int width, int height, BitSet bits, double quality) {
        this.width = width;
        this.height = height;
        this.bits = (BitSet) bits.clone();
        this.quality = quality;
        int n = 0;
        long sx = 0;
        long sy = 0;
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            if (i >= width * height) {
                throw new IllegalArgumentException("mask bit " + i + " outside a " + width + "x" + height + " grid");
            }
            int x = i % width;
            int y = i / width;
            n++;
            sx += x;
            sy += y;
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        this.area = n;
        this.centroidX = n == 0 ? 0 : (sx / (double) n + 0.5) / width;
        this.centroidY = n == 0 ? 0 : (sy / (double) n + 0.5) / height;
        this.minX = n == 0 ? 0 : x0;
        this.minY = n == 0 ? 0 : y0;
        this.maxX = n == 0 ? -1 : x1;
        this.maxY = n == 0 ? -1 : y1;
    }

    public ObjectMask(int width, int height, BitSet bits) {
        this(width, height, bits, 1.0);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean contains(int x, int y) {
        return bits.get(y * width + x);
    }

    /** A copy of the bits. */
    public BitSet bits() {
        return (BitSet) bits.clone();
    }

    public double quality() {
        return quality;
    }

    /** Number of grid cells in the mask. */
    public int area() {
        return area;
    }

    /** Area as a fraction of the whole grid. */
    public double areaFraction() {
        return area / (double) (width * height);
    }

    /** Centroid x in relative image coordinates [0, 1]. */
    public double centroidX() {
        return centroidX;
    }

    /** Centroid y in relative image coordinates [0, 1]. */
    public double centroidY() {
        return centroidY;
    }

    public int minX() {
        return minX;
    }

    public int minY() {
        return minY;
    }

    /** Inclusive. */
    public int maxX() {
        return maxX;
    }

    /** Inclusive. */
    public int maxY() {
        return maxY;
    }

    /** Number of cells set in both masks (same grid required). */
    public int intersection(ObjectMask other) {
        requireSameGrid(other);
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return b.cardinality();
    }

    public double iou(ObjectMask other) {
        int inter = intersection(other);
        int union = area + other.area - inter;
        return union == 0 ? 0 : inter / (double) union;
    }

    /** Share of this mask that lies inside {@code other}. */
    public double containedIn(ObjectMask other) {
        return area == 0 ? 0 : intersection(other) / (double) area;
    }

    /** Resamples the mask to another grid by nearest-neighbour sampling of cell centres. */
    public ObjectMask resample(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        BitSet out = new BitSet(newWidth * newHeight);
        for (int y = 0; y < newHeight; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / newHeight));
            for (int x = 0; x < newWidth; x++) {
                int sx = Math.min(width - 1, (int) ((x + 0.5) * width / newWidth));
                if (bits.get(sy * width + sx)) {
                    out.set(y * newWidth + x);
                }
            }
        }
        return new ObjectMask(newWidth, newHeight, out, quality);
    }

    private void requireSameGrid(ObjectMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks on different grids: " + width + "x" + height + " vs "
                    + other.width + "x" + other.height);
        }
    }
}
