package io.samlad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherLayoutsTest {
    @TempDir
    Path root;

    @Test
    void mvtecAdIsDetectedAndRead() {
        Path dir = TinyFiles.adCategory(root, "tile");
        Dataset d = DatasetLoader.load(root, Optional.empty(), List.of(), 1);
        assertThat(d.format()).isEqualTo(DatasetFormat.MVTEC_AD);
        Category c = d.categories().get(0);
        assertThat(c.train()).hasSize(2);
        assertThat(c.validation()).isEmpty();
        assertThat(c.testDefectTypes()).containsExactly("crack");
        assertThat(c.testSamples("crack").get(1).masks()).containsExactly(dir.resolve("ground_truth/crack/001_mask.png"));
        assertThat(GroundTruthReader.read(c.testSamples("crack").get(0), c.defects()).get(0).area()).isEqualTo(1);
    }

    @Test
    void mvtecAdImageWithoutMaskIsNamed() throws Exception {
        Path dir = TinyFiles.adCategory(root, "tile");
        Files.delete(dir.resolve("ground_truth/crack/001_mask.png"));
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.of(DatasetFormat.MVTEC_AD), List.of(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("test/crack/001.png").toString()).hasMessageContaining("001_mask.png");
    }

    @Test
    void folderLayoutSplitsNormalsBySeedAndFindsMasks() {
        for (int i = 0; i < 10; i++) {
            TinyFiles.rgb(root.resolve("normal/n" + i + ".png"), 4, 4);
        }
        TinyFiles.rgb(root.resolve("abnormal/dent/a0.png"), 4, 4);
        TinyFiles.rgb(root.resolve("abnormal/hole/b0.png"), 4, 4);
        TinyFiles.mask(root.resolve("masks/dent/a0.png"), 4, 4, 255, 0, 0, 1, 1);
        TinyFiles.mask(root.resolve("masks/b0_mask.png"), 4, 4, 255, 0, 0, 2, 1);
        Dataset d = DatasetLoader.load(root, Optional.empty(), List.of(), 7);
        assertThat(d.format()).isEqualTo(DatasetFormat.FOLDER);
        Category c = d.categories().get(0);
        // 10 normals: round(0.3 * 10) = 3 test, round(0.15 * 10) = 2 validation (1.5 rounds up), 5 train
        assertThat(c.test().stream().filter(Sample::isGood)).hasSize(3);
        assertThat(c.validation()).hasSize(2);
        assertThat(c.train()).hasSize(5);
        Set<Path> all = new HashSet<>();
        c.train().forEach(s -> all.add(s.image()));
        c.validation().forEach(s -> all.add(s.image()));
        c.test().stream().filter(Sample::isGood).forEach(s -> all.add(s.image()));
        assertThat(all).hasSize(10);
        assertThat(c.testDefectTypes()).containsExactly("dent", "hole");
        assertThat(c.testSamples("hole").get(0).masks()).containsExactly(root.resolve("masks/b0_mask.png"));
        Category again = DatasetLoader.load(root, Optional.empty(), List.of(), 7).categories().get(0);
        assertThat(again.train()).isEqualTo(c.train());
    }

    @Test
    void folderLayoutWithMasksRequiresEveryMask() {
        for (int i = 0; i < 5; i++) {
            TinyFiles.rgb(root.resolve("normal/n" + i + ".png"), 4, 4);
        }
        Path a = TinyFiles.rgb(root.resolve("abnormal/a0.png"), 4, 4);
        TinyFiles.mask(root.resolve("masks/other.png"), 4, 4, 255, 0, 0, 1, 1);
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of(), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(a.toString())
                .hasMessageContaining("without a mask");
    }

    @Test
    void emptyRootIsNamed() {
        assertThatThrownBy(() -> DatasetLoader.load(root, Optional.empty(), List.of(), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(root.toString())
                .hasMessageContaining("no category folder");
    }
}
