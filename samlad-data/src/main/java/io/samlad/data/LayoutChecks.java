package io.samlad.data;

import io.samlad.image.ImageLoader;
import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small checks shared by the layout readers; every failure names the file or folder at fault. */
final class LayoutChecks {
    private LayoutChecks() {
    }

    /** Width and height of an image, in pixels. */
    record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    static Path requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "missing folder (" + what + ")");
        }
        return dir;
    }

    /** Image files directly inside {@code dir}, sorted by name. */
    static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageLoader::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot list folder: " + IoProblems.describe(e), e);
        }
    }

    /** Images of {@code dir}; a folder without any is an error, since a split that exists must hold images. */
    static List<Path> nonEmptyImages(Path dir, String what) {
        List<Path> out = images(requireDirectory(dir, what));
        if (out.isEmpty()) {
            throw new InvalidInputException(dir, "holds no images (" + what + "; expected PNG, JPEG, BMP or TIFF)");
        }
        return out;
    }

    /** Sub-folders of {@code dir}, sorted by name (hidden ones skipped). */
    static List<Path> subdirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot list folder: " + IoProblems.describe(e), e);
        }
    }

    /** Reads only the header, so that validating a whole dataset up front stays fast. */
    static Size imageSize(Path image) {
        ImageLoader.Size s = ImageLoader.readSize(image);
        return new Size(s.width(), s.height());
    }

    static void requireSameSize(Path mask, Path image) {
        Size m = imageSize(mask);
        Size i = imageSize(image);
        if (!m.equals(i)) {
            throw new InvalidInputException(mask, "mask is " + m + " but its image " + image + " is " + i);
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
