package io.samlad.onnx;

import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Segment Anything's automatic mask generation over any {@link PromptDecoder}: for each crop (the whole image, plus
 * optional crop layers) embed the crop once, prompt it with a grid of single points in batches, keep masks whose
 * predicted IoU and stability score pass, drop masks cut by a crop edge, remove duplicates by box NMS within each
 * crop and then between crops, and finally (optionally) fill small holes and remove small islands.
 */
public final class AutomaticMaskGenerator {
    /** Masks whose box lies within this many pixels of an inner crop edge are cut by the crop (SAM's value). */
    static final double CROP_EDGE_TOLERANCE = 20.0;

    private final PromptDecoder decoder;
    private final AmgSettings settings;

    public AutomaticMaskGenerator(PromptDecoder decoder, AmgSettings settings) {
        this.decoder = decoder;
        this.settings = settings;
    }

    public AmgSettings settings() {
        return settings;
    }

    /** The final masks at the image's pixels (Segment Anything's own generator), by decreasing NMS score. */
    public List<MaskCandidate> generate(RgbImage image) {
        return generate(image, image.width(), image.height());
    }

    /**
     * The final masks on a {@code maskWidth x maskHeight} grid covering the image, by decreasing NMS score. The
     * decoder returns masks at that size and every judgement (stability, boxes, NMS, crop edges, small regions) is
     * made on it; lengths given in pixels (the crop-edge tolerance, {@code minMaskRegionArea}) are scaled to it.
     * Boxes and masks of the result are in grid cells; prompt points stay in image pixels.
     */
    public List<MaskCandidate> generate(RgbImage image, int maskWidth, int maskHeight) {
        int w = image.width();
        int h = image.height();
        MaskFrame frame = new MaskFrame(w, h, maskWidth, maskHeight);
        List<CropBox> crops = CropBox.layers(w, h, settings.cropLayers(), settings.cropOverlapRatio());
        List<MaskCandidate> all = new ArrayList<>();
        for (CropBox crop : crops) {
            all.addAll(processCrop(image, crop, frame));
        }
        if (crops.size() > 1) {
            // Between crops, prefer masks from smaller crops: they saw the object at a higher resolution.
            double[] scores = new double[all.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 1.0 / all.get(i).crop().area();
            }
            all = select(all, BoxNms.keep(boxes(all), scores, settings.cropNmsThresh()));
        }
        int minArea = frame.area(settings.minMaskRegionArea());
        if (minArea > 0) {
            all = removeSmallRegions(all, maskWidth, maskHeight, minArea);
        }
        return all;
    }

    /**
     * The mask grid against the image: cell sizes, and the image's pixel rectangles on the grid. At the image's own
     * size every conversion is the identity.
     */
    record MaskFrame(int imageW, int imageH, int maskW, int maskH) {
        /** A crop's rectangle on the mask grid (edges rounded to the nearest cell boundary, at least one cell). */
        CropBox onGrid(CropBox c) {
            int x0 = (int) Math.round(c.x0() * (double) maskW / imageW);
            int y0 = (int) Math.round(c.y0() * (double) maskH / imageH);
            int x1 = Math.max(x0 + 1, (int) Math.round(c.x1() * (double) maskW / imageW));
            int y1 = Math.max(y0 + 1, (int) Math.round(c.y1() * (double) maskH / imageH));
            return new CropBox(x0, y0, Math.min(maskW, x1), Math.min(maskH, y1), c.layer());
        }

        double toleranceX() {
            return CROP_EDGE_TOLERANCE * maskW / imageW;
        }

        double toleranceY() {
            return CROP_EDGE_TOLERANCE * maskH / imageH;
        }

        /** An area in image pixels as whole grid cells (rounded). */
        int area(int pixels) {
            return (int) Math.round(pixels * ((double) maskW * maskH) / ((double) imageW * imageH));
        }
    }

    private List<MaskCandidate> processCrop(RgbImage image, CropBox crop, MaskFrame frame) {
        RgbImage cropImage = crop(image, crop);
        CropBox gridCrop = frame.onGrid(crop);
        int n = Math.max(1, settings.pointsPerSide() / pow(settings.cropPointsDownscale(), crop.layer()));
        double[] points = flat(PointGrid.inPixels(n, crop.width(), crop.height()));
        int prompts = points.length / 2;
        int batchSize = Math.min(settings.pointsPerBatch(),
                decoder.maxPromptsPerCall(gridCrop.width(), gridCrop.height()));
        List<MaskCandidate> kept = new ArrayList<>();
        int[] scan = new int[LogitScan.RESULT_SIZE];
        try (PromptDecoder.EmbeddedImage embedded = decoder.embed(cropImage, gridCrop.width(), gridCrop.height())) {
            for (int start = 0; start < prompts; start += batchSize) {
                int count = Math.min(prompts - start, batchSize);
                PromptDecoder.PointMasks masks = embedded.decode(points, start, count);
                if (masks.width() != gridCrop.width() || masks.height() != gridCrop.height()
                        || masks.prompts() != count) {
                    throw new IllegalStateException("decoder returned " + masks.prompts() + " prompts of "
                            + masks.width() + "x" + masks.height() + " masks for " + count + " prompts of "
                            + gridCrop.width() + "x" + gridCrop.height());
                }
                filterBatch(masks, points, start, crop, gridCrop, frame, scan, kept);
            }
        }
        double[] scores = kept.stream().mapToDouble(MaskCandidate::predictedIou).toArray();
        return select(kept, BoxNms.keep(boxes(kept), scores, settings.boxNmsThresh()));
    }

    /**
     * Judges every candidate of a batch in the cheapest order: the predicted IoU first (no pixel read), then one
     * {@link LogitScan} for stability and box, the crop-edge test on that box; only a kept candidate becomes a mask.
     */
    private void filterBatch(PromptDecoder.PointMasks masks, double[] points, int start, CropBox crop,
            CropBox gridCrop, MaskFrame frame, int[] scan, List<MaskCandidate> out) {
        for (int p = 0; p < masks.prompts(); p++) {
            for (int t = masks.firstToken(); t < masks.tokens(); t++) {
                double iou = masks.iou(p, t);
                if (settings.predIouThresh() > 0 && !(iou > settings.predIouThresh())) {
                    continue;
                }
                int from = masks.offset(p, t);
                LogitScan.scan(masks.logits(), from, masks.width(), masks.height(), settings.maskThreshold(),
                        settings.stabilityScoreOffset(), scan);
                double stability = LogitScan.stability(scan);
                if (settings.stabilityScoreThresh() > 0 && !(stability >= settings.stabilityScoreThresh())) {
                    continue;
                }
                MaskBox box = LogitScan.box(scan).shifted(gridCrop.x0(), gridCrop.y0());
                if (nearInnerCropEdge(box, gridCrop, frame.maskW(), frame.maskH(), frame.toleranceX(),
                        frame.toleranceY())) {
                    continue;
                }
                BitSet local = LogitMasks.above(masks.logits(), from, masks.width() * masks.height(),
                        (float) settings.maskThreshold());
                out.add(new MaskCandidate(uncrop(local, gridCrop, frame.maskW()), box, iou, stability,
                        points[2 * (start + p)] + crop.x0(), points[2 * (start + p) + 1] + crop.y0(), crop));
            }
        }
    }

    private static double[] flat(double[][] points) {
        double[] out = new double[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            out[2 * i] = points[i][0];
            out[2 * i + 1] = points[i][1];
        }
        return out;
    }

    /** True when a box side lies near a crop edge that is not also an image edge. */
    static boolean nearInnerCropEdge(MaskBox box, CropBox crop, int imageW, int imageH) {
        return nearInnerCropEdge(box, crop, imageW, imageH, CROP_EDGE_TOLERANCE, CROP_EDGE_TOLERANCE);
    }

    /** As {@link #nearInnerCropEdge(MaskBox, CropBox, int, int)} with a tolerance per axis (on a mask grid). */
    static boolean nearInnerCropEdge(MaskBox box, CropBox crop, int imageW, int imageH, double tolX, double tolY) {
        int[] b = {box.x0(), box.y0(), box.x1(), box.y1()};
        int[] c = {crop.x0(), crop.y0(), crop.x1(), crop.y1()};
        int[] img = {0, 0, imageW, imageH};
        for (int i = 0; i < 4; i++) {
            double tol = i % 2 == 0 ? tolX : tolY;
            boolean nearCrop = Math.abs(b[i] - c[i]) <= tol;
            boolean nearImage = Math.abs(b[i] - img[i]) <= tol;
            if (nearCrop && !nearImage) {
                return true;
            }
        }
        return false;
    }

    private List<MaskCandidate> removeSmallRegions(List<MaskCandidate> masks, int w, int h, int minArea) {
        List<MaskCandidate> cleaned = new ArrayList<>();
        double[] scores = new double[masks.size()];
        for (int i = 0; i < masks.size(); i++) {
            MaskCandidate c = masks.get(i);
            SmallRegions.Result holes = SmallRegions.fillHoles(c.mask(), w, h, minArea);
            SmallRegions.Result islands = SmallRegions.removeIslands(holes.mask(), w, h, minArea);
            boolean unchanged = !holes.changed() && !islands.changed();
            // As in Segment Anything: masks left untouched win NMS over masks the clean-up had to change.
            scores[i] = unchanged ? 1.0 : 0.0;
            cleaned.add(new MaskCandidate(islands.mask(), MaskBox.of(islands.mask(), w), c.predictedIou(),
                    c.stabilityScore(), c.pointX(), c.pointY(), c.crop()));
        }
        return select(cleaned, BoxNms.keep(boxes(cleaned), scores, settings.boxNmsThresh()));
    }

    static BitSet uncrop(BitSet local, CropBox crop, int imageW) {
        if (crop.x0() == 0 && crop.y0() == 0 && crop.width() == imageW) {
            return local;
        }
        BitSet out = new BitSet();
        int cw = crop.width();
        for (int i = local.nextSetBit(0); i >= 0; i = local.nextSetBit(i + 1)) {
            out.set((i / cw + crop.y0()) * imageW + i % cw + crop.x0());
        }
        return out;
    }

    static RgbImage crop(RgbImage image, CropBox crop) {
        if (crop.x0() == 0 && crop.y0() == 0 && crop.width() == image.width() && crop.height() == image.height()) {
            return image;
        }
        int w = image.width();
        int plane = w * image.height();
        int cw = crop.width();
        int ch = crop.height();
        float[] src = image.planar();
        float[] out = new float[3 * cw * ch];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ch; y++) {
                System.arraycopy(src, c * plane + (y + crop.y0()) * w + crop.x0(), out, (c * ch + y) * cw, cw);
            }
        }
        return RgbImage.ofPlanar(cw, ch, out);
    }

    private static List<MaskBox> boxes(List<MaskCandidate> masks) {
        return masks.stream().map(MaskCandidate::box).toList();
    }

    private static List<MaskCandidate> select(List<MaskCandidate> masks, List<Integer> indices) {
        List<MaskCandidate> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(masks.get(i));
        }
        return out;
    }

    private static int pow(int base, int exp) {
        int r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }
}
