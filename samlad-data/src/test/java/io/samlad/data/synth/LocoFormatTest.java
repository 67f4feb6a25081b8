package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the writer produces, against hand-worked cases and the official MVTec LOCO format. */
class LocoFormatTest {
    @TempDir
    Path tmp;

    @Test
    void defectEntryIsWrittenAsTheOfficialFilesDo() {
        assertThat(DefectType.absolute("missing_top_label", 255, 4400).toJson("")).isEqualTo("""
                {
                    "defect_name": "missing_top_label",
                    "pixel_value": 255,
                    "saturation_threshold": 4400,
                    "relative_saturation": false
                }""");
        assertThat(DefectType.relative("juice_color", 239, 1.0).toJson("")).contains("\"saturation_threshold\": 1.0,");
        assertThatThrownBy(() -> DefectType.relative("x", 200, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DefectType.relative("Bad Name", 200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DefectType.relative("x", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configHasTheSameShapeAsTheOfficialJuiceBottleFile() throws IOException {
        Path official = Path.of("../../shared/data/mvtec_loco_subset/juice_bottle/defects_config.json");
        Assumptions.assumeTrue(Files.isRegularFile(official), "../shared MVTec LOCO subset is absent: skipping");
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.demo().withNormals(0, 0).withTest(0, 1, 1));
        ObjectMapper json = new ObjectMapper();
        JsonNode theirs = json.readTree(official.toFile());
        JsonNode ours = json.readTree(tmp.resolve(CompartmentBox.NAME).resolve("defects_config.json").toFile());
        assertThat(ours.isArray()).isTrue();
        assertThat(fieldNames(ours.get(0))).isEqualTo(fieldNames(theirs.get(0)));
        for (JsonNode mine : ours) {
            assertThat(mine.get("defect_name").isTextual()).isTrue();
            assertThat(mine.get("pixel_value").isInt()).isTrue();
            assertThat(mine.get("relative_saturation").isBoolean()).isTrue();
            boolean relative = mine.get("relative_saturation").asBoolean();
            assertThat(mine.get("saturation_threshold").isNumber()).isTrue();
            // The official files write relative thresholds as decimals and absolute ones as integers.
            assertThat(mine.get("saturation_threshold").isIntegralNumber()).isEqualTo(!relative);
        }
        for (JsonNode t : theirs) {
            assertThat(t.get("saturation_threshold").isIntegralNumber())
                    .isEqualTo(!t.get("relative_saturation").asBoolean());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void rasterisedMaskHoldsThePixelValueExactlyInsideTheShape() {
        DefectType t = DefectType.relative("dent", 241, 1.0);
        BufferedImage mask = LocoCategoryWriter.rasterise(new DefectRegion(t, new Rectangle2D.Double(2, 3, 4, 2)), 10, 8);
        int inside = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                int v = mask.getRaster().getSample(x, y, 0);
                boolean in = x >= 2 && x < 6 && y >= 3 && y < 5;
                assertThat(v).as(x + "," + y).isEqualTo(in ? 241 : 0);
                inside += in ? 1 : 0;
            }
        }
        assertThat(inside).isEqualTo(8);
        assertThatThrownBy(() -> LocoCategoryWriter.rasterise(new DefectRegion(t,
                new Rectangle2D.Double(20, 20, 3, 3)), 10, 8)).hasMessageContaining("covers no pixel");
    }

    @Test
    void contactSheetOutlinesMasksInRedOnlyInAnomalyRows() throws IOException {
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.defaults().withCategories(List.of(PinGrid.NAME))
                .withSize(96, 96).withNormals(0, 0).withTest(3, 3, 3));
        BufferedImage sheet = ContactSheet.render(tmp.resolve(PinGrid.NAME), 3, 96);
        int tile = 96;
        int rowPitch = tile + 16 + 6;
        int[] redPerRow = new int[3];
        for (int r = 0; r < 3; r++) {
            for (int y = 24 + r * rowPitch; y < 24 + r * rowPitch + tile; y++) {
                for (int x = 0; x < sheet.getWidth(); x++) {
                    redPerRow[r] += (sheet.getRGB(x, y) & 0xffffff) == 0xff2020 ? 1 : 0;
                }
            }
        }
        assertThat(redPerRow[0]).isZero();
        assertThat(redPerRow[1]).isPositive();
        assertThat(redPerRow[2]).isPositive();
        assertThat(sheet.getWidth()).isEqualTo(86 + 3 * (tile + 6) + 6);
    }

    @Test
    void sceneCanvasKeepsTheReferenceFrameSquareAndCentred() {
        java.awt.geom.AffineTransform t = SceneCanvas.frame(512, 256);
        double[] p = {0, 0, 256, 256};
        t.transform(p, 0, p, 0, 2);
        // Scale 256 / 256 = 1 and (512 - 256) / 2 = 128 px of margin on each side.
        assertThat(p).containsExactly(128, 0, 384, 256);
        SceneCanvas.Rendered r = SceneCanvas.render(new CompartmentBox().normal(new SplittableRandom(3)), 512, 256,
                new SplittableRandom(3));
        assertThat(r.image().getWidth()).isEqualTo(512);
        assertThat(r.image().getHeight()).isEqualTo(256);
    }
}
