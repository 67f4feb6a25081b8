package io.samlad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvtecLocoLayoutTest {
    @TempDir
    Path root;

    @Test
    void readsEverySplitAndKeepsEachMaskSeparate() {
        Path dir = TinyFiles.locoCategory(root, "box");
        Dataset d = DatasetLoader.load(root, Optional.empty(), List.of(), 1);
        assertThat(d.format()).isEqualTo(DatasetFormat.MVTEC_LOCO);
        Category c = d.categories().get(0);
        assertThat(c.name()).isEqualTo("box");
        assertThat(c.train()).hasSize(3).allMatch(s -> s.split() == Split.TRAIN && s.isGood());
        assertThat(c.validation()).hasSize(2).allMatch(s -> s.split() == Split.VALIDATION);
        assertThat(c.test()).hasSize(4);
        assertThat(c.testDefectTypes()).containsExactly("logical_anomalies", "structural_anomalies");
        Sample logical = c.testSamples("logical_anomalies").get(0);
        assertThat(logical.masks()).containsExactly(dir.resolve("ground_truth/logical_anomalies/000/000.png"),
                dir.resolve("ground_truth/logical_anomalies/000/001.png"));
        assertThat(logical.id()).isEqualTo("000");
        assertThat(c.defects()).isPresent();
        assertThat(c.defects().get().defects()).hasSize(2);
    }

    @Test
    void aCategoryFolderItselfIsAccepted() {
        Path dir = TinyFiles.locoCategory(root, "box");
        Dataset d = DatasetLoader.load(dir, Optional.of(DatasetFormat.MVTEC_LOCO), List.of(), 1);
        assertThat(d.categories()).extracting(Category::name).containsExactly("box");
    }

    @Test
    void missingValidationFolderIsNamed() throws IOException {
        Path dir = TinyFiles.locoCategory(root, "box");
        deleteTree(dir.resolve("validation"));
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.of(DatasetFormat.MVTEC_LOCO), List.of(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.resolve("validation/good").toString()).hasMessageContaining("missing folder");
    }

    @Test
    void anomalousImageWithoutGroundTruthIsNamed() {
        Path dir = TinyFiles.locoCategory(root, "box");
        Path orphan = TinyFiles.rgb(dir.resolve("test/logical_anomalies/001.png"), 8, 6);
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of(), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(orphan.toString())
                .hasMessageContaining("ground-truth folder");
    }

    @Test
    void maskOfAnotherSizeIsNamed() {
        Path dir = TinyFiles.locoCategory(root, "box");
        Path bad = TinyFiles.mask(dir.resolve("ground_truth/structural_anomalies/000/000.png"), 9, 6, 254, 0, 0, 1, 1);
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of(), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(bad.toString())
                .hasMessageContaining("9x6").hasMessageContaining("8x6");
    }

    @Test
    void unexpectedTestFolderIsNamed() {
        Path dir = TinyFiles.locoCategory(root, "box");
        TinyFiles.rgb(dir.resolve("test/scratches/000.png"), 8, 6);
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("test/scratches").toString());
    }

    @Test
    void missingDefectsConfigIsNamed() throws IOException {
        Path dir = TinyFiles.locoCategory(root, "box");
        Files.delete(dir.resolve("defects_config.json"));
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.of(DatasetFormat.MVTEC_LOCO), List.of(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("defects_config.json").toString());
    }

    @Test
    void unknownCategoryListsTheAvailableOnes() {
        TinyFiles.locoCategory(root, "box");
        TinyFiles.locoCategory(root, "can");
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of("cup"), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("box, can");
        assertThat(DatasetLoader.load(root, Optional.empty(), List.of("can"), 1).categories())
                .extracting(Category::name).containsExactly("can");
    }

    @Test
    void groundTruthMasksMapToTheirDefectConfig() {
        Path dir = TinyFiles.locoCategory(root, "box");
        Category c = DatasetLoader.load(root, Optional.empty(), List.of(), 1).categories().get(0);
        List<DefectMask> masks = GroundTruthReader.read(c.testSamples("logical_anomalies").get(0), c.defects());
        assertThat(masks).hasSize(2);
        assertThat(masks.get(0).area()).isEqualTo(4);
        assertThat(masks.get(0).defect().get().name()).isEqualTo("missing_part");
        assertThat(masks.get(0).pixels().get(1 * 8 + 1)).isTrue();
        assertThat(masks.get(0).pixels().get(2 * 8 + 2)).isFalse();
        assertThat(masks.get(1).area()).isEqualTo(8);
        assertThat(masks.get(1).defect().get().name()).isEqualTo("scratch");
        assertThat(dir).exists();
    }

    @Test
    void maskWithAnUnknownGreyValueIsRejected() {
        Path m = TinyFiles.mask(root.resolve("m.png"), 4, 4, 100, 0, 0, 1, 1);
        DefectsConfig cfg = DefectsConfig.read(TinyFiles.text(root.resolve("d.json"), TinyFiles.DEFECTS));
        assertThatThrownBy(() -> GroundTruthReader.read(m, Optional.of(cfg))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(m.toString()).hasMessageContaining("grey value 100");
    }

    @Test
    void emptyLocoMaskIsRejected() {
        Path m = TinyFiles.mask(root.resolve("m.png"), 4, 4, 0, 0, 0, 0, 0);
        DefectsConfig cfg = DefectsConfig.read(TinyFiles.text(root.resolve("d.json"), TinyFiles.DEFECTS));
        assertThatThrownBy(() -> GroundTruthReader.read(m, Optional.of(cfg))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no defect pixel");
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
