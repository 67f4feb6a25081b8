package io.samlad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefectsConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryField() {
        DefectsConfig c = DefectsConfig.read(TinyFiles.text(dir.resolve("d.json"), TinyFiles.DEFECTS));
        assertThat(c.defects()).containsExactly(new DefectConfig("missing_part", 255, 20, false),
                new DefectConfig("scratch", 254, 0.5, true));
        assertThat(c.byPixelValue(254)).map(DefectConfig::name).contains("scratch");
        assertThat(c.byPixelValue(7)).isEmpty();
    }

    @Test
    void saturationAreaFollowsTheOfficialRule() {
        // absolute: min(threshold, area); relative: floor(threshold * area)
        assertThat(new DefectConfig("a", 1, 20, false).saturationArea(50)).isEqualTo(20);
        assertThat(new DefectConfig("a", 1, 20, false).saturationArea(7)).isEqualTo(7);
        assertThat(new DefectConfig("r", 1, 0.5, true).saturationArea(7)).isEqualTo(3); // floor(3.5)
        assertThat(new DefectConfig("r", 1, 1.0, true).saturationArea(7)).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json|not valid JSON",
        "{}|non-empty JSON array",
        "[]|non-empty JSON array",
        "[{\"pixel_value\": 3, \"saturation_threshold\": 1, \"relative_saturation\": false}]|lacks the field 'defect_name'",
        "[{\"defect_name\": \"x\", \"pixel_value\": 3.5, \"saturation_threshold\": 1, \"relative_saturation\": false}]|pixel_value must be an integer",
        "[{\"defect_name\": \"x\", \"pixel_value\": 300, \"saturation_threshold\": 1, \"relative_saturation\": false}]|pixel_value must be in [1, 255]",
        "[{\"defect_name\": \"x\", \"pixel_value\": 3, \"saturation_threshold\": 1.5, \"relative_saturation\": true}]|relative saturation_threshold must be in (0, 1]",
        "[{\"defect_name\": \"x\", \"pixel_value\": 3, \"saturation_threshold\": -4, \"relative_saturation\": false}]|absolute saturation_threshold",
        "[{\"defect_name\": \"x\", \"pixel_value\": 3, \"saturation_threshold\": 1, \"relative_saturation\": \"yes\"}]|relative_saturation must be true or false",
        "[{\"defect_name\": \"x\", \"pixel_value\": 3, \"saturation_threshold\": 1, \"relative_saturation\": true}, {\"defect_name\": \"y\", \"pixel_value\": 3, \"saturation_threshold\": 1, \"relative_saturation\": true}]|pixel_value 3 is used by both",
    })
    void malformedConfigsAreRejectedWithTheFileName(String json, String expected) {
        Path f = TinyFiles.text(dir.resolve("defects_config.json"), json);
        assertThatThrownBy(() -> DefectsConfig.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining(expected);
    }
}
