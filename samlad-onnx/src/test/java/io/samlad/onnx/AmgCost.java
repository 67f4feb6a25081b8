package io.samlad.onnx;

import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cost of the {@code masks} stage with Segment Anything's automatic generation on real images, with the tiny test
 * models (whose own compute is negligible, so that what is left is samlad's work around them). Not a test: run by
 * hand (see docs/models.md).
 *
 * <p>Arguments: image folder, number of images (first ones in name order), working short side (256), object stride
 * (4), and optionally {@code grid} or {@code image} to time one mask resolution only, or {@code compare} to only
 * compare their masks (default: time both, then compare).
 */
public final class AmgCost {
    private AmgCost() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int shortSide = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int stride = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        boolean compareOnly = args.length > 4 && args[4].equals("compare");
        AmgSettings.MaskResolution only = args.length > 4 && !compareOnly
                ? AmgSettings.MaskResolution.parse(args[4]) : null;
        List<RgbImage> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(ImageLoader::isImageFile).sorted().limit(count)
                    .map(p -> ImageLoader.read(p).resizeShortSide(shortSide)).toList();
        }
        OnnxSettings one = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL, OnnxSettings.Device.CPU);
        System.out.printf("%d images of %dx%d, grid stride %d, intra-op threads 1; ms per image (mean)%n",
                images.size(), images.get(0).width(), images.get(0).height(), stride);
        for (String name : compareOnly ? List.<String>of()
                : List.of("tiny_sam_decoder.onnx", "tiny_sam_decoder_single_batched.onnx")) {
            for (AmgSettings.MaskResolution res : AmgSettings.MaskResolution.values()) {
                if (only == null || only == res) {
                    time(images, stride, name, res, one);
                }
            }
        }
        if (only == null) {
            compare(images, stride, one);
        }
    }

    private static SamCard card(AmgSettings.MaskResolution res) {
        return SamCard.empty().withMaskResolution(res.label());
    }

    private static void time(List<RgbImage> images, int stride, String decoder, AmgSettings.MaskResolution res,
            OnnxSettings one) {
        try (OnnxMaskGenerator sam = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.path(decoder), card(res),
                one)) {
            RgbImage first = images.get(0);
            sam.generate(first, gridW(first, stride), gridH(first, stride)); // warm-up
            ModelSession enc = sam.sam().encoder().session();
            ModelSession dec = sam.sam().decoder().session();
            long e0 = enc.runNanos();
            long d0 = dec.runNanos();
            long ec0 = enc.runCpuNanos();
            long dc0 = dec.runCpuNanos();
            long runs0 = dec.runs();
            long masks = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (RgbImage image : images) {
                masks += sam.generate(image, gridW(image, stride), gridH(image, stride)).size();
            }
            int n = images.size();
            double total = (System.nanoTime() - t0) / 1e6 / n;
            double ort = ((enc.runNanos() - e0) + (dec.runNanos() - d0)) / 1e6 / n;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
            double ortCpu = ((enc.runCpuNanos() - ec0) + (dec.runCpuNanos() - dc0)) / 1e6 / n;
            int prompts = sam.settings().pointsPerSide() * sam.settings().pointsPerSide();
            // the encoder alone: its Java part (resize to the frame, normalise, copies) is per image, not per prompt
            long eo0 = enc.runNanos();
            long te0 = System.nanoTime();
            for (RgbImage image : images) {
                sam.sam().encoder().embed(image).close();
            }
            double encTotal = (System.nanoTime() - te0) / 1e6 / n;
            double encOrt = (enc.runNanos() - eo0) / 1e6 / n;
            System.out.printf("%-38s %-6s wall: total %7.1f  in ORT %7.1f  Java %7.1f  Java/prompt %6.3f | CPU:"
                    + " total %7.1f  in ORT %7.1f  Java %7.1f  Java/prompt %6.3f | runs %4d  masks %.1f  (encoder"
                    + " alone, wall: %.1f ms Java, %.1f in ORT)%n", decoder, res.label(), total, ort, total - ort,
                    (total - ort) / prompts, cpu, ortCpu, cpu - ortCpu, (cpu - ortCpu) / prompts,
                    (dec.runs() - runs0) / n, masks / (double) n, encTotal - encOrt, encOrt);
        }
    }

    /** How the grid-judged masks differ from Segment Anything's pixel-judged ones moved onto the grid. */
    private static void compare(List<RgbImage> images, int stride, OnnxSettings one) {
        try (OnnxMaskGenerator grid = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER,
                card(AmgSettings.MaskResolution.GRID), one);
                OnnxMaskGenerator pixels = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER,
                        card(AmgSettings.MaskResolution.IMAGE), one)) {
            int gridTotal = 0;
            int pixelTotal = 0;
            int identical = 0;
            int close = 0;
            int unmatched = 0;
            double iouSum = 0;
            for (RgbImage image : images) {
                List<ObjectMask> a = grid.generate(image, gridW(image, stride), gridH(image, stride));
                List<ObjectMask> b = pixels.generate(image, gridW(image, stride), gridH(image, stride));
                gridTotal += a.size();
                pixelTotal += b.size();
                for (ObjectMask m : b) {
                    double best = 0;
                    for (ObjectMask g : a) {
                        best = Math.max(best, iou(m, g));
                    }
                    iouSum += best;
                    if (best == 1.0) {
                        identical++;
                    } else if (best >= 0.5) {
                        close++;
                    } else {
                        unmatched++;
                    }
                }
            }
            System.out.printf("grid vs image judgement over %d images: %d masks judged on the grid, %d at pixels; of"
                    + " the pixel-judged masks %d identical on the grid, %d changed (best cell IoU >= 0.5), %d without"
                    + " a counterpart (< 0.5); mean best IoU %.4f%n", images.size(), gridTotal, pixelTotal, identical,
                    close, unmatched, iouSum / Math.max(1, pixelTotal));
        }
    }

    private static double iou(ObjectMask a, ObjectMask b) {
        java.util.BitSet and = (java.util.BitSet) a.bits().clone();
        and.and(b.bits());
        java.util.BitSet or = (java.util.BitSet) a.bits().clone();
        or.or(b.bits());
        return or.isEmpty() ? 0 : and.cardinality() / (double) or.cardinality();
    }

    private static int gridW(RgbImage image, int stride) {
        return Math.max(1, Math.round(image.width() / (float) stride));
    }

    private static int gridH(RgbImage image, int stride) {
        return Math.max(1, Math.round(image.height() / (float) stride));
    }
}
