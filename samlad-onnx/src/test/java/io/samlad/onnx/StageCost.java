package io.samlad.onnx;

import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures the cost per image of each ONNX stage with the tiny models, split into time inside ONNX Runtime's
 * {@code run} and time in Java around it (resizing, normalisation, tensor copies, AMG filtering). Not a test: run
 * by hand (see docs/models.md) so that the test suite stays fast.
 */
public final class StageCost {
    private StageCost() {
    }

    public static void main(String[] args) {
        int w = 256;
        int h = 512;
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        float[] px = new float[3 * w * h];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        RgbImage image = RgbImage.ofPlanar(w, h, px);
        OnnxSettings one = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL, OnnxSettings.Device.CPU);
        System.out.printf("image %dx%d, intra-op threads 1, %d repeats after one warm-up; ms per image%n", w, h,
                repeats);
        System.out.printf("%-44s %9s %9s %9s %6s%n", "stage", "total", "in ORT", "Java", "runs");
        try (OnnxFeatureExtractor vit = OnnxModels.backbone(TinyModels.VIT_CLS, null, BackboneCard.empty(), one)) {
            measure("backbone ViT (short side 448 -> 448x896)", vit.session(), repeats, () -> vit.extract(image));
            ExtractedFeatures f = vit.extract(image);
            try (OnnxUpsampler up = OnnxModels.upsampler(TinyModels.UPSAMPLER, null, one)) {
                FeatureMap coarse = f.patches();
                measure("upsampler (32x64x384 -> 64x128)", up.session(), repeats,
                        () -> up.upsample(coarse, image, 64, 128));
            }
        }
        try (OnnxFeatureExtractor cnn = OnnxModels.backbone(TinyModels.CNN, null, BackboneCard.empty(), one)) {
            measure("backbone CNN (224x224)", cnn.session(), repeats, () -> cnn.extract(image));
            List<RgbImage> eight = java.util.Collections.nCopies(8, image);
            measure("backbone CNN, batch of 8 (per batch)", cnn.session(), repeats, () -> cnn.extractAll(eight));
        }
        for (String name : List.of("tiny_sam_decoder.onnx", "tiny_sam_decoder_single_batched.onnx")) {
            try (OnnxMaskGenerator sam = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.path(name),
                    SamCard.empty(), one)) {
                measure("SAM encoder (1024x1024)", sam.sam().encoder().session(), repeats,
                        () -> {
                            sam.sam().encoder().embed(image).close();
                            return null;
                        });
                ModelSession enc = sam.sam().encoder().session();
                ModelSession dec = sam.sam().decoder().session();
                long e0 = enc.runNanos();
                long d0 = dec.runNanos();
                long runs0 = dec.runs();
                sam.generate(image, 64, 128);
                long t0 = System.nanoTime();
                int masks = 0;
                for (int i = 0; i < repeats; i++) {
                    masks = sam.generate(image, 64, 128).size();
                }
                double total = (System.nanoTime() - t0) / 1e6 / repeats;
                double decOrt = (dec.runNanos() - d0) / 1e6 / (repeats + 1);
                double encOrt = (enc.runNanos() - e0) / 1e6 / (repeats + 1);
                System.out.printf("%-44s %9.1f %9.1f %9.1f %6d   (decoder %.1f ms in ORT, %d masks)%n",
                        "SAM AMG 32x32 points, " + (sam.sam().decoder().batched() ? "batched decoder" : "1 prompt/run"),
                        total, encOrt + decOrt, total - encOrt - decOrt, (dec.runs() - runs0) / (repeats + 1),
                        decOrt, masks);
            }
        }
    }

    private static void measure(String label, ModelSession s, int repeats, Supplier<?> work) {
        work.get();
        long ort0 = s.runNanos();
        long runs0 = s.runs();
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            work.get();
        }
        double total = (System.nanoTime() - t0) / 1e6 / repeats;
        double ort = (s.runNanos() - ort0) / 1e6 / repeats;
        System.out.printf("%-44s %9.1f %9.1f %9.1f %6d%n", label, total, ort, total - ort,
                (s.runs() - runs0) / repeats);
    }
}
