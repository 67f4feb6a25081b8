package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model can be unusable ends in a one-line {@link InvalidInputException} naming the file. */
class ModelErrorsTest {
    @TempDir
    Path dir;

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxModels.backbone(p, null, BackboneCard.empty(), TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessage(p + ": no such model file");
    }

    @Test
    void notAnOnnxModel() throws IOException {
        Path p = dir.resolve("fake.onnx");
        Files.writeString(p, "this is not a protobuf");
        assertThatThrownBy(() -> ModelSession.open(p, TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(p + ": not an ONNX model").hasMessageNotContaining("\n");
    }

    @Test
    void wrongRoleListsExpectedAndFound() {
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.SAM_DECODER, null, BackboneCard.empty(),
                TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(TinyModels.SAM_DECODER + ": does not fit the role 'backbone'")
                .hasMessageContaining("expected a float32 image input [B,3,H,W]")
                .hasMessageContaining("found inputs [").hasMessageContaining("point_coords float32[1,?,2]")
                .hasMessageContaining("outputs [").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.VIT_CLS, (Path) null,
                TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(TinyModels.VIT_CLS + ": does not fit the role 'sam-decoder'")
                .hasMessageContaining("pixel_values float32[?,?,?,?]");
        assertThatThrownBy(() -> OnnxModels.sam(TinyModels.VIT_CLS, TinyModels.SAM_DECODER, (Path) null,
                TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(TinyModels.VIT_CLS + ": does not fit the role 'sam-encoder'");
        assertThatThrownBy(() -> OnnxModels.upsampler(TinyModels.CNN, null, TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'upsampler'");
    }

    @Test
    void badCards() throws IOException {
        Path card = dir.resolve("x.card.json");
        Files.writeString(card, "{\"inputSize\": 224, \"colour\": 3}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, card, BackboneCard.empty(), TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(card + ": unknown field 'colour'");
        Files.writeString(card, "{\"inputSize\": ", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, card, BackboneCard.empty(), TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(card + ": not a valid model card");
        Files.writeString(card, "{\"preset\": \"dinov3\"}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, card, BackboneCard.empty(), TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown backbone preset 'dinov3'");
        Files.writeString(card, "{\"mean\": [0.5, 0.5]}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, card, BackboneCard.empty(), TinyModels.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(TinyModels.VIT_CLS + ": invalid model card setting: mean and std need 3");
        Files.writeString(card, "{\"pointsPerSide\": 0}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER, card,
                TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("points per side must be in [1, 256]");
        assertThatThrownBy(() -> OnnxModels.backbone(TinyModels.VIT_CLS, dir.resolve("none.json"),
                BackboneCard.empty(), TinyModels.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such model card");
    }

    @Test
    void aCardBesideTheModelIsFound() throws IOException {
        Path model = dir.resolve("mine.onnx");
        Files.copy(TinyModels.VIT_CLS, model);
        Files.writeString(dir.resolve("mine.card.json"), "{\"resize\": \"stretch\", \"inputWidth\": 28, "
                + "\"inputHeight\": 42}");
        try (OnnxFeatureExtractor f = OnnxModels.backbone(model, null, BackboneCard.empty(), TinyModels.CPU)) {
            assertThat(f.resize().describe()).isEqualTo("stretch 28x42");
        }
    }

    @Test
    void sha256IsTheFileDigest() throws IOException {
        Path p = dir.resolve("abc.bin");
        Files.writeString(p, "abc");
        // FIPS 180-2 test vector
        assertThat(Sha256.of(p)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void cudaOnACpuBuildIsAClearError() {
        OnnxSettings cuda = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL, OnnxSettings.Device.CUDA);
        org.junit.jupiter.api.Assumptions.assumeFalse(ai.onnxruntime.OrtEnvironment.getAvailableProviders()
                .contains(ai.onnxruntime.OrtProvider.CUDA), "this build has CUDA");
        assertThatThrownBy(() -> ModelSession.open(TinyModels.CNN, cuda)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no CUDA provider");
        OnnxSettings auto = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL, OnnxSettings.Device.AUTO);
        try (ModelSession s = ModelSession.open(TinyModels.CNN, auto)) {
            assertThat(s.provider()).isEqualTo("cpu");
        }
    }
}
