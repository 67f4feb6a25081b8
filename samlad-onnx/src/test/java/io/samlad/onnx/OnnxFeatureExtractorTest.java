package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backbones through ONNX Runtime. The tiny ViTs compute, per 14x14 patch, channel c = (1 + c/3) * mean of the
 * normalised input channel c%3 + 0.001 c; CLS = mean of the patch tokens + 1; registers r = -(r+1).
 */
class OnnxFeatureExtractorTest {

    static BackboneCard stretch(int w, int h) {
        return BackboneCard.empty().withInputWidth(w).withInputHeight(h).withResize("stretch").withBatchSize(2);
    }

    /** A 42x28 image (3x2 patches of 14) with a flat colour per patch: R = (px+1)/4, G = (py+1)/3, B = 0.5. */
    static RgbImage patchwork() {
        int w = 42;
        int h = 28;
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                d[y * w + x] = (x / 14 + 1) / 4f;
                d[w * h + y * w + x] = (y / 14 + 1) / 3f;
                d[2 * w * h + y * w + x] = 0.5f;
            }
        }
        return RgbImage.ofPlanar(w, h, d);
    }

    static double expectedPatch(int px, int py, int c) {
        double[] rgb = {(px + 1) / 4.0, (py + 1) / 3.0, 0.5};
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        int k = c % 3;
        return (1 + c / 3) * (rgb[k] - mean[k]) / std[k] + 0.001 * c;
    }

    @Test
    void vitTokensBecomeAPatchGridInRowMajorOrderAndClsTheGlobal() {
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.VIT_CLS, null, stretch(42, 28), TinyModels.CPU)) {
            assertThat(f.isVit()).isTrue();
            assertThat(f.prefixTokens()).isEqualTo(1);
            ExtractedFeatures out = f.extract(patchwork());
            FeatureMap m = out.patches();
            assertThat(m.channels()).isEqualTo(384);
            assertThat(m.width()).isEqualTo(3);
            assertThat(m.height()).isEqualTo(2);
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 3; px++) {
                    for (int c : new int[] {0, 1, 2, 4, 383}) {
                        assertThat(m.vector(px, py)[c]).as("patch %d,%d channel %d", px, py, c)
                                .isCloseTo((float) expectedPatch(px, py, c), within(1e-4f));
                    }
                }
            }
            for (int c : new int[] {0, 7, 200}) {
                double mean = 0;
                for (int py = 0; py < 2; py++) {
                    for (int px = 0; px < 3; px++) {
                        mean += expectedPatch(px, py, c) / 6;
                    }
                }
                assertThat(out.global()[c]).isCloseTo((float) (mean + 1), within(1e-4f));
            }
        }
    }

    @Test
    void registersAreDetectedAndSkipped() {
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.VIT_REG4, null, stretch(42, 28), TinyModels.CPU)) {
            assertThat(f.prefixTokens()).isEqualTo(5);
            ExtractedFeatures out = f.extract(patchwork());
            assertThat(out.patches().vector(2, 1)[0]).isCloseTo((float) expectedPatch(2, 1, 0), within(1e-4f));
            // global is the CLS token (patch mean + 1), never a register (-1 .. -4)
            double mean0 = 0;
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 3; px++) {
                    mean0 += expectedPatch(px, py, 0) / 6;
                }
            }
            assertThat(out.global()[0]).isCloseTo((float) (mean0 + 1), within(1e-4f));
            assertThat(f.id()).contains("prefix=5").contains(f.session().sha256());
        }
    }

    @Test
    void aCardThatDisagreesWithTheModelIsRefused() {
        BackboneCard saysOne = BackboneCard.empty().withPrefixTokens(1).withInputSize(28);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_REG4, null, saysOne, TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tiny_vit_reg4.onnx")
                .hasMessageContaining("1 prefix tokens").hasMessageContaining("returns 5");
        BackboneCard base = BackboneCard.empty().withPreset("dinov2-vitb14").withInputSize(28);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, null, base, TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hidden size 768")
                .hasMessageContaining("returns 384");
        // At the default 448: 28x28 patches of 16 expected, the model returns 32x32 + 1 tokens
        BackboneCard patch16 = BackboneCard.empty().withPatchSize(16);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, null, patch16, TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("patchSize");
    }

    @Test
    void presetsFitTheirFamily() {
        BackboneCard small = BackboneCard.empty().withPreset("dinov2-vits14-reg").withInputSize(28);
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.VIT_REG4, null, small, TinyModels.CPU)) {
            assertThat(f.prefixTokens()).isEqualTo(5);
        }
    }

    @Test
    void shortSidePolicyKeepsTheAspectRatioOnWholePatches() {
        assertThat(BackboneResize.shortSide(448, 14).target(200, 400)).containsExactly(448, 896);
        assertThat(BackboneResize.shortSide(448, 14).target(300, 200)).containsExactly(672, 448);
        // 640x480: 640 * 448/480 = 597.3 = 42.67 patches -> 43 patches = 602
        assertThat(BackboneResize.shortSide(448, 14).target(640, 480)).containsExactly(602, 448);
        assertThat(BackboneResize.stretch(224, 224, 14).target(640, 480)).containsExactly(224, 224);
        BackboneCard shortSide28 = BackboneCard.empty().withInputSize(28);
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.VIT_CLS, null, shortSide28, TinyModels.CPU)) {
            // 100x50 -> short side 28 -> 56x28 -> 4x2 patches
            RgbImage img = RgbImage.ofPlanar(100, 50, new float[3 * 100 * 50]);
            FeatureMap m = f.extract(img).patches();
            assertThat(m.width()).isEqualTo(4);
            assertThat(m.height()).isEqualTo(2);
        }
    }

    @Test
    void cnnMapIsUsedAsItIsAndPooledForTheGlobal() {
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.CNN, null, BackboneCard.empty(),
                TinyModels.CPU)) {
            assertThat(f.isVit()).isFalse();
            assertThat(f.resize().describe()).isEqualTo("stretch 224x224");
            // left half red 1, right half red 0 (any size: stretched to 224): columns 0..2 of 7 are in the left half
            // (pixels 0..95), column 3 straddles (96..127: 16 of 32 pixels red), 4..6 right.
            int w = 448;
            int h = 100;
            float[] d = new float[3 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w / 2; x++) {
                    d[y * w + x] = 1f;
                }
            }
            ExtractedFeatures out = f.extract(RgbImage.ofPlanar(w, h, d));
            FeatureMap m = out.patches();
            assertThat(m.channels()).isEqualTo(64);
            assertThat(m.width()).isEqualTo(7);
            double red1 = (1 - 0.485) / 0.229;
            double red0 = (0 - 0.485) / 0.229;
            double redHalf = (0.5 - 0.485) / 0.229;
            assertThat(m.vector(1, 4)[0]).isCloseTo((float) red1, within(1e-4f));
            assertThat(m.vector(5, 0)[3]).isCloseTo((float) (2 * red0), within(1e-4f));
            assertThat(m.vector(3, 2)[0]).isCloseTo((float) redHalf, within(1e-4f));
            // green 0 everywhere: channel 1 = (0 - 0.456) / 0.224
            assertThat(m.vector(6, 6)[1]).isCloseTo((float) (-0.456 / 0.224), within(1e-4f));
            // global: mean over the 49 cells; red column means: 3 full, 1 half, 3 empty -> (3 red1 + redHalf + 3 red0)/7
            assertThat(out.global()[0]).isCloseTo((float) ((3 * red1 + redHalf + 3 * red0) / 7), within(1e-4f));
        }
    }

    @Test
    void batchedExtractionEqualsOneByOneAndRunsInBatches() {
        try (OnnxFeatureExtractor f = OnnxModels.backbone(TinyModels.VIT_CLS, null, stretch(42, 28), TinyModels.CPU)) {
            RgbImage a = patchwork();
            RgbImage b = RgbImage.ofPlanar(42, 28, new float[3 * 42 * 28]);
            RgbImage c = RgbImage.ofPlanar(84, 56, new float[3 * 84 * 56]);
            long before = f.session().runs();
            List<ExtractedFeatures> all = f.extractAll(List.of(a, b, c));
            // stretch makes all three 42x28: batch size 2 -> two runs
            assertThat(f.session().runs() - before).isEqualTo(2);
            assertThat(all.get(0).patches().data()).containsExactly(f.extract(a).patches().data());
            assertThat(all.get(1).global()).containsExactly(f.extract(b).global());
            assertThat(all.get(2).patches().data()).containsExactly(f.extract(c).patches().data());
        }
    }

    @Test
    void identityChangesWithSettingsThatChangeOutputs() {
        try (OnnxFeatureExtractor a = OnnxModels.backbone(TinyModels.VIT_CLS, null, stretch(42, 28), TinyModels.CPU);
                OnnxFeatureExtractor b = OnnxModels.backbone(TinyModels.VIT_CLS, null, stretch(28, 28),
                        TinyModels.CPU)) {
            assertThat(a.id()).isNotEqualTo(b.id());
            assertThat(a.id()).contains(a.session().sha256());
        }
    }
}
