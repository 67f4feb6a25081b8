package io.samlad.onnx;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The tiny models under {@code src/test/resources/models}, made by {@code src/test/python/make_tiny_models.py}, and
 * the closed-form functions they compute (restated from that script; change both together).
 */
final class TinyModels {
    private TinyModels() {
    }

    static Path path(String name) {
        try {
            return Path.of(TinyModels.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test model " + name + " missing", e);
        }
    }

    static final Path VIT_CLS = path("tiny_vit_cls.onnx");
    static final Path VIT_REG4 = path("tiny_vit_reg4.onnx");
    static final Path CNN = path("tiny_cnn.onnx");
    static final Path SAM_ENCODER = path("tiny_sam_encoder.onnx");
    static final Path SAM_DECODER = path("tiny_sam_decoder.onnx");
    static final Path SAM_DECODER_SINGLE_BATCHED = path("tiny_sam_decoder_single_batched.onnx");
    static final Path UPSAMPLER = path("tiny_upsampler.onnx");

    static final OnnxSettings CPU = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL, OnnxSettings.Device.CPU);

    /** Tiny ViT/CNN/encoder: output channel c copies input channel c % 3 times (1 + c / 3); the ViT adds 0.001 c. */
    static double channelGain(int c) {
        return 1 + c / 3;
    }
}
