package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders reached through symbolic links are walked like any other (they were once treated as empty), loops end, and
 * an image reached twice through links is listed once.
 */
class ImageFilesSymlinkTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void images() throws IOException {
        data = Files.createDirectories(dir.resolve("data/good"));
        Files.writeString(data.resolve("a.png"), "x");
        Files.writeString(Files.createDirectories(data.resolve("sub")).resolve("b.png"), "x");
    }

    private static List<String> names(Path root, List<Path> files) {
        return files.stream().map(f -> root.relativize(f).toString()).toList();
    }

    @Test
    void aSymlinkedFolderGivenAsTheFolderIsWalked() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("train"), data);
        assertThat(names(link, ImageFiles.list(link))).containsExactly("a.png", "sub/b.png");
        List<ImageFiles.Input> inputs = ImageFiles.collect(List.of(link));
        assertThat(inputs).extracting(ImageFiles.Input::relPath).containsExactly("train/a.png", "train/sub/b.png");
    }

    @Test
    void symlinkedSubfoldersAndFilesAreFollowed() throws IOException {
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(other.resolve("c.png"), "x");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("own.png"), "x");
        Files.createSymbolicLink(root.resolve("linked-folder"), other);
        Files.createSymbolicLink(root.resolve("linked.png"), data.resolve("a.png"));
        assertThat(names(root, ImageFiles.list(root))).containsExactly("linked-folder/c.png", "linked.png", "own.png");
    }

    @Test
    void aLoopEndsAndEveryImageIsListedOnce() throws IOException {
        Files.createSymbolicLink(data.resolve("sub/up"), data); // sub/up/sub/up/... forever without detection
        Files.createSymbolicLink(data.resolve("again"), data.resolve("sub")); // b.png a second time
        assertThat(names(data, ImageFiles.list(data))).containsExactly("a.png", "again/b.png");
    }

    @Test
    void aBrokenLinkIsIgnored() throws IOException {
        Files.createSymbolicLink(data.resolve("gone.png"), dir.resolve("no-such-file.png"));
        assertThat(names(data, ImageFiles.list(data))).containsExactly("a.png", "sub/b.png");
    }
}
