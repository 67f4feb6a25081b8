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

    /** The final masks, by decreasing NMS score. */
    public List<MaskCandidate> generate(RgbImage image) {
        int w = image.width();
        int h = image.height();
        List<CropBox> crops = CropBox.layers(w, h, settings.cropLayers(), settings.cropOverlapRatio());
        List<MaskCandidate> all = new ArrayList<>();
        for (CropBox crop : crops) {
            all.addAll(processCrop(image, crop));
        }
        if (crops.size() > 1) {
            // Between crops, prefer masks from smaller crops: they saw the object at a higher resolution.
            double[] scores = new double[all.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 1.0 / all.get(i).crop().area();
            }
            all = select(all, BoxNms.keep(boxes(all), scores, settings.cropNmsThresh()));
        }
        if (settings.minMaskRegionArea() > 0) {
            all = removeSmallRegions(all, w, h);
        }
        return all;
    }

    private List<MaskCandidate> processCrop(RgbImage image, CropBox crop) {
        RgbImage cropImage = crop(image, crop);
        int n = Math.max(1, settings.pointsPerSide() / pow(settings.cropPointsDownscale(), crop.layer()));
        double[][] points = PointGrid.inPixels(n, crop.width(), crop.height());
        int batchSize = Math.min(settings.pointsPerBatch(), decoder.maxPromptsPerCall(crop.width(), crop.height()));
        List<MaskCandidate> kept = new ArrayList<>();
        try (PromptDecoder.EmbeddedImage embedded = decoder.embed(cropImage)) {
            for (int start = 0; start < points.length; start += batchSize) {
                int end = Math.min(points.length, start + batchSize);
                double[][] batch = java.util.Arrays.copyOfRange(points, start, end);
                PromptDecoder.PointMasks masks = embedded.decode(batch);
                if (masks.width() != crop.width() || masks.height() != crop.height()) {
                    throw new IllegalStateException("decoder returned " + masks.width() + "x" + masks.height()
                            + " masks for a " + crop.width() + "x" + crop.height() + " image");
                }
                filterBatch(masks, batch, image.width(), image.height(), crop, kept);
            }
        }
        double[] scores = kept.stream().mapToDouble(MaskCandidate::predictedIou).toArray();
        return select(kept, BoxNms.keep(boxes(kept), scores, settings.boxNmsThresh()));
    }

    private void filterBatch(PromptDecoder.PointMasks masks, double[][] points, int imageW, int imageH, CropBox crop,
            List<MaskCandidate> out) {
        int plane = masks.width() * masks.height();
        for (int p = 0; p < masks.prompts(); p++) {
            for (int m = 0; m < masks.candidates(); m++) {
                int k = p * masks.candidates() + m;
                double iou = masks.iou()[k];
                if (settings.predIouThresh() > 0 && !(iou > settings.predIouThresh())) {
                    continue;
                }
                int from = k * plane;
                double stability = StabilityScore.of(masks.logits(), from, plane, settings.maskThreshold(),
                        settings.stabilityScoreOffset());
                if (settings.stabilityScoreThresh() > 0 && !(stability >= settings.stabilityScoreThresh())) {
                    continue;
                }
                BitSet local = LogitMasks.above(masks.logits(), from, plane, (float) settings.maskThreshold());
                MaskBox box = MaskBox.of(local, crop.width()).shifted(crop.x0(), crop.y0());
                if (nearInnerCropEdge(box, crop, imageW, imageH)) {
                    continue;
                }
                out.add(new MaskCandidate(uncrop(local, crop, imageW), box, iou, stability,
                        points[p][0] + crop.x0(), points[p][1] + crop.y0(), crop));
            }
        }
    }

    /** True when a box side lies near a crop edge that is not also an image edge. */
    static boolean nearInnerCropEdge(MaskBox box, CropBox crop, int imageW, int imageH) {
        int[] b = {box.x0(), box.y0(), box.x1(), box.y1()};
        int[] c = {crop.x0(), crop.y0(), crop.x1(), crop.y1()};
        int[] img = {0, 0, imageW, imageH};
        for (int i = 0; i < 4; i++) {
            boolean nearCrop = Math.abs(b[i] - c[i]) <= CROP_EDGE_TOLERANCE;
            boolean nearImage = Math.abs(b[i] - img[i]) <= CROP_EDGE_TOLERANCE;
            if (nearCrop && !nearImage) {
                return true;
            }
        }
        return false;
    }

    private List<MaskCandidate> removeSmallRegions(List<MaskCandidate> masks, int w, int h) {
        List<MaskCandidate> cleaned = new ArrayList<>();
        double[] scores = new double[masks.size()];
        for (int i = 0; i < masks.size(); i++) {
            MaskCandidate c = masks.get(i);
            SmallRegions.Result holes = SmallRegions.fillHoles(c.mask(), w, h, settings.minMaskRegionArea());
            SmallRegions.Result islands = SmallRegions.removeIslands(holes.mask(), w, h, settings.minMaskRegionArea());
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
