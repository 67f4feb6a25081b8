package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the paths a user gives become the list of images to process. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    private static InvalidInputException collectFails(List<Path> paths, Path culprit) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ImageFiles.collect(paths));
        assertThat(e).isNotNull();
        assertThat(e.path()).isEqualTo(culprit);
        assertThat(e.getMessage()).startsWith(culprit + ": ");
        return e;
    }

    @Test
    void imageExtensionsAreRecognisedWhateverTheirCase() {
        for (String name : List.of("a.png", "a.PNG", "a.jpg", "a.JPEG", "a.bmp", "a.tif", "a.TIFF", "x.y.png")) {
            assertThat(ImageLoader.isImageFile(Path.of(name))).as(name).isTrue();
        }
        for (String name : List.of("a.txt", "png", "a.png.bak", ".hidden.png", "a.gif", "a")) {
            assertThat(ImageLoader.isImageFile(Path.of(name))).as(name).isFalse();
        }
    }

    @Test
    void filesKeepTheGivenOrderAndFoldersAreSearchedRecursivelyInPathOrder() throws IOException {
        Path z = touch("z.png");
        touch("set/b.png");
        touch("set/a.jpg");
        touch("set/deeper/c.bmp");
        touch("set/notes.txt");
        touch("set/.hidden.png");
        Path last = touch("last.tif");

        List<ImageFiles.Input> in = ImageFiles.collect(List.of(z, dir.resolve("set"), last));
        assertThat(in.stream().map(ImageFiles.Input::relPath).toList())
                .containsExactly("z.png", "set/a.jpg", "set/b.png", "set/deeper/c.bmp", "last.tif");
        assertThat(in.get(3).file()).isEqualTo(dir.resolve("set/deeper/c.bmp"));
    }

    @Test
    void nonImageFileGivenExplicitly() throws IOException {
        Path notes = touch("notes.txt");
        assertThat(collectFails(List.of(touch("ok.png"), notes), notes).getMessage()).contains("not an image file");
    }

    @Test
    void missingPath() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertThat(collectFails(List.of(touch("ok.png"), missing), missing).getMessage()).contains("no such file");
    }

    @Test
    void folderWithoutImages() throws IOException {
        touch("empty/readme.md");
        Path folder = dir.resolve("empty");
        assertThat(collectFails(List.of(folder), folder).getMessage()).contains("no images");
    }

    @Test
    void listNonEmptyNamesTheFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("nothing"));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> ImageFiles.listNonEmpty(folder));
        assertThat(e.path()).isEqualTo(folder);
        assertThat(e.getMessage()).contains("no images");
    }

    @Test
    void listSaysWhetherTheFolderIsMissingOrAFile() throws IOException {
        Path missing = dir.resolve("missing");
        Path file = touch("file.png");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ImageFiles.list(missing)).getMessage())
                .isEqualTo(missing + ": no such folder");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ImageFiles.list(file)).getMessage())
                .isEqualTo(file + ": not a folder");
    }

    @Test
    void twoGivenFoldersKeepTheirNamesInTheOutputNames() throws IOException {
        touch("test/good/000.png");
        touch("test/bad/000.png");
        assertThat(ImageFiles.collect(List.of(dir.resolve("test/good"), dir.resolve("test/bad"))).stream()
                .map(ImageFiles.Input::relPath)).containsExactly("good/000.png", "bad/000.png");
        assertThat(ImageFiles.collect(List.of(dir.resolve("test"))).stream().map(ImageFiles.Input::relPath))
                .containsExactly("test/bad/000.png", "test/good/000.png");
    }

    @Test
    void twoGivenFoldersOfTheSameNameAreRefusedRatherThanOverwritten() throws IOException {
        touch("a/good/000.png");
        Path second = touch("b/good/000.png");
        InvalidInputException e = collectFails(List.of(dir.resolve("a/good"), dir.resolve("b/good")), second);
        assertThat(e.getMessage()).contains(dir.resolve("a/good/000.png").toString()).contains("parent folder");
    }

    @Test
    void sameStemWithTwoExtensionsIsRefused() throws IOException {
        touch("set/a.jpg");
        Path png = touch("set/a.png");
        // output names are set/a.jpg and set/a.png: the same stem
        assertThat(collectFails(List.of(dir.resolve("set")), png).getMessage()).contains("'set/a'");
    }

    @Test
    void sameFileGivenTwiceIsRefused() throws IOException {
        Path a = touch("a.png");
        collectFails(List.of(a, a), a);
    }
}
