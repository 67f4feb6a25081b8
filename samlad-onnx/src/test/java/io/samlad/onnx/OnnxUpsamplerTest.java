package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The tiny upsampler returns 4x nearest-neighbour enlarged features plus the mean of the normalised image. */
class OnnxUpsamplerTest {

    static FeatureMap coarse() {
        // 2x2 cells, 3 channels: value = 10 * cell index + channel
        float[] d = new float[2 * 2 * 3];
        for (int cell = 0; cell < 4; cell++) {
            for (int c = 0; c < 3; c++) {
                d[cell * 3 + c] = 10 * cell + c;
            }
        }
        return new FeatureMap(3, 2, 2, d);
    }

    static RgbImage grey(float v) {
        float[] d = new float[3 * 20 * 10];
        java.util.Arrays.fill(d, v);
        return RgbImage.ofPlanar(20, 10, d);
    }

    /** Mean over the three ImageNet-normalised channels of a uniform grey {@code v}. */
    static double normalisedMean(double v) {
        return ((v - 0.485) / 0.229 + (v - 0.456) / 0.224 + (v - 0.406) / 0.225) / 3;
    }

    @Test
    void featuresAndGuideGoInAndFinerFeaturesComeOut() {
        try (OnnxUpsampler up = OnnxModels.upsampler(TinyModels.UPSAMPLER, null, TinyModels.CPU)) {
            FeatureMap fine = up.upsample(coarse(), grey(0.5f), 8, 8);
            assertThat(fine.channels()).isEqualTo(3);
            assertThat(fine.width()).isEqualTo(8);
            double m = normalisedMean(0.5);
            // (5, 2) lies in coarse cell (1, 0) = index 1; channel 2 -> 12
            assertThat(fine.vector(5, 2)[2]).isCloseTo((float) (12 + m), within(1e-4f));
            // (1, 7) lies in coarse cell (0, 1) = index 2; channel 0 -> 20
            assertThat(fine.vector(1, 7)[0]).isCloseTo((float) (20 + m), within(1e-4f));
        }
    }

    @Test
    void outputOfAnotherSizeIsResizedToTheRequestedGrid() {
        try (OnnxUpsampler up = OnnxModels.upsampler(TinyModels.UPSAMPLER, null, TinyModels.CPU)) {
            // the model gives 8x8; asked for 4x4, each output cell averages a 2x2 block inside one 4x4 source block
            FeatureMap fine = up.upsample(coarse(), grey(0.2f), 4, 4);
            double m = normalisedMean(0.2);
            assertThat(fine.width()).isEqualTo(4);
            assertThat(fine.vector(3, 3)[1]).isCloseTo((float) (31 + m), within(1e-4f));
            assertThat(fine.vector(0, 0)[0]).isCloseTo((float) m, within(1e-4f));
            assertThat(up.id()).contains(up.session().sha256());
        }
    }

    @Test
    void featuresOfTheWrongWidthAreAClearError() {
        try (OnnxUpsampler up = OnnxModels.upsampler(TinyModels.path("tiny_upsampler_c384.onnx"), null,
                TinyModels.CPU)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> up.upsample(coarse(), grey(0.5f), 8, 8))
                    .isInstanceOf(io.samlad.util.InvalidInputException.class)
                    .hasMessageContaining("tiny_upsampler_c384.onnx: upsampler takes 384-channel features but the"
                            + " backbone gives 3");
            FeatureMap ok = up.upsample(new FeatureMap(384, 1, 1, new float[384]), grey(0.5f), 4, 4);
            assertThat(ok.channels()).isEqualTo(384);
        }
    }
}
