package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.util.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable image files fail with one line that names the file and says what is wrong. */
class ImageLoaderErrorsTest {
    @TempDir
    Path dir;

    private static InvalidInputException readFails(Path file) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ImageLoader.read(file));
        assertThat(e).as("reading %s must fail", file).isNotNull();
        assertThat(e.path()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n").doesNotContain("\r");
        return e;
    }

    private Path validPng(String name) throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x ^ y) & 0xff));
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void truncatedPng() throws IOException {
        Path good = validPng("good.png");
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(all, all.length / 2));
        assertThat(readFails(cut).getMessage()).contains("truncated or corrupt");
    }

    @Test
    void textWithAPngName() throws IOException {
        Path file = Files.writeString(dir.resolve("fake.png"), "plain text");
        assertThat(readFails(file).getMessage()).contains("not a readable image");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jpg"));
        assertThat(readFails(file).getMessage()).contains("not a readable image");
    }

    @Test
    void missingFile() {
        assertThat(readFails(dir.resolve("missing.png")).getMessage()).contains("no such file");
    }

    @Test
    void folder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder.png"));
        assertThat(readFails(folder).getMessage()).contains("is a folder");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws IOException {
        Path file = validPng("locked.png");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file),
                "permission bits do not stop this user (root)");
        assertThat(readFails(file).getMessage()).isEqualTo(file + ": cannot read file: permission denied");
    }

    @Test
    void ioProblemsAreWordedTheSameEverywhere() {
        assertThat(io.samlad.util.IoProblems.describe(new java.nio.file.AccessDeniedException("/x")))
                .isEqualTo("permission denied");
        assertThat(io.samlad.util.IoProblems.describe(new java.nio.file.NoSuchFileException("/x")))
                .isEqualTo("no such file or folder");
        assertThat(io.samlad.util.IoProblems.describe(new java.io.FileNotFoundException("/x (Permission denied)")))
                .isEqualTo("permission denied");
    }
}
