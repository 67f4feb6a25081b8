package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelInspectorTest {

    static Map<String, Boolean> fits(Path model) {
        return ModelInspector.inspect(model, TinyModels.CPU).roles().stream()
                .collect(Collectors.toMap(ModelInspector.RoleFit::role, ModelInspector.RoleFit::fits));
    }

    @Test
    void eachTinyModelFitsItsRoles() {
        assertThat(fits(TinyModels.VIT_CLS)).containsExactlyInAnyOrderEntriesOf(Map.of("backbone", true,
                "sam-encoder", false, "sam-decoder", false, "upsampler", false));
        assertThat(fits(TinyModels.SAM_DECODER)).containsExactlyInAnyOrderEntriesOf(Map.of("backbone", false,
                "sam-encoder", false, "sam-decoder", true, "upsampler", false));
        assertThat(fits(TinyModels.UPSAMPLER)).containsExactlyInAnyOrderEntriesOf(Map.of("backbone", false,
                "sam-encoder", false, "sam-decoder", false, "upsampler", true));
        // a SAM encoder is also a valid CNN backbone: image in, [1,C,h,w] map out
        assertThat(fits(TinyModels.SAM_ENCODER)).containsEntry("sam-encoder", true).containsEntry("backbone", true);
    }

    @Test
    void reportListsSignatureAndReasons() {
        ModelInspector.Report r = ModelInspector.inspect(TinyModels.VIT_REG4, TinyModels.CPU);
        assertThat(r.inputs()).extracting(TensorSpec::describe)
                .containsExactly("pixel_values float32[?,?,?,?]");
        assertThat(r.outputs()).extracting(TensorSpec::describe)
                .containsExactlyInAnyOrder("last_hidden_state float32[?,?,384]", "pooler_output float32[?,384]");
        String text = r.text();
        assertThat(text).contains("5 prefix token(s)").contains("no       sam-decoder: expected inputs image_embeddings")
                .doesNotContain("found inputs")
                .contains(r.sha256());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo(TinyModels.VIT_REG4.toString());
    }
}
