package io.samlad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets assembled from symbolic links (a linked root, linked category and split folders, linked image files, as
 * people build them to avoid copying gigabytes) load exactly as the real folders do.
 */
class SymlinkedDatasetTest {
    @TempDir
    Path dir;

    private static String shape(Dataset d) {
        Category c = d.categories().get(0);
        return c.name() + " train " + c.train().size() + " validation " + c.validation().size() + " test "
                + c.test().size() + " " + c.testDefectTypes();
    }

    @Test
    void aLinkedRootAndALinkedCategoryLoadLikeTheRealOnes() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path category = TinyFiles.locoCategory(real, "box");
        String expected = shape(DatasetLoader.load(real, Optional.empty(), List.of(), 1));
        assertThat(expected).isEqualTo("box train 3 validation 2 test 4 [logical_anomalies, structural_anomalies]");

        Path linkedRoot = Files.createSymbolicLink(dir.resolve("root-link"), real);
        assertThat(shape(DatasetLoader.load(linkedRoot, Optional.empty(), List.of(), 1))).isEqualTo(expected);

        Path assembled = Files.createDirectories(dir.resolve("assembled"));
        Files.createSymbolicLink(assembled.resolve("box"), category);
        assertThat(shape(DatasetLoader.load(assembled, Optional.empty(), List.of(), 1))).isEqualTo(expected);
    }

    @Test
    void linkedSplitFoldersAndLinkedImagesAreFollowed() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path category = TinyFiles.locoCategory(real, "box");
        Path copy = Files.createDirectories(dir.resolve("linked/box"));
        for (String sub : List.of("validation", "test", "ground_truth")) {
            Files.createSymbolicLink(copy.resolve(sub), category.resolve(sub));
        }
        Files.copy(category.resolve("defects_config.json"), copy.resolve("defects_config.json"));
        Path good = Files.createDirectories(copy.resolve("train/good"));
        try (var s = Files.list(category.resolve("train/good"))) {
            for (Path f : s.toList()) {
                Files.createSymbolicLink(good.resolve(f.getFileName()), f);
            }
        }
        assertThat(shape(DatasetLoader.load(dir.resolve("linked"), Optional.empty(), List.of(), 1)))
                .isEqualTo("box train 3 validation 2 test 4 [logical_anomalies, structural_anomalies]");
    }
}
