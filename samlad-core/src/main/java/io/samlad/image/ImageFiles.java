package io.samlad.image;

import io.samlad.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Collects image files from the paths a user gives: files as they are, folders recursively. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * An image to process and the name to give its outputs.
     *
     * @param file    the file
     * @param relPath for an image found in a given folder, the folder's name and the path below it
     *                ({@code good/000.png}); for a given file, its name; '/'-separated
     */
    public record Input(Path file, String relPath) {
    }

    /**
     * @throws InvalidInputException for a missing path, a given file that is not an image, a folder without images,
     *                               or two inputs whose outputs would have the same name
     */
    public static List<Input> collect(List<Path> paths) {
        List<Input> out = new ArrayList<>();
        java.util.Map<String, Path> names = new java.util.HashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = list(p);
                if (found.isEmpty()) {
                    throw new InvalidInputException(p, "folder contains no images (PNG, JPEG, BMP, TIFF)");
                }
                String prefix = p.toAbsolutePath().normalize().getFileName() == null ? ""
                        : p.toAbsolutePath().normalize().getFileName() + "/";
                for (Path f : found) {
                    out.add(unique(names, new Input(f, prefix + p.relativize(f).toString().replace('\\', '/'))));
                }
            } else if (Files.isRegularFile(p)) {
                if (!ImageLoader.isImageFile(p)) {
                    throw new InvalidInputException(p, "not an image file (expected .png, .jpg, .jpeg, .bmp, .tif, .tiff)");
                }
                out.add(unique(names, new Input(p, p.getFileName().toString())));
            } else {
                throw new InvalidInputException(p, "no such file or folder");
            }
        }
        return out;
    }

    private static Input unique(java.util.Map<String, Path> names, Input in) {
        Path before = names.putIfAbsent(in.relPath(), in.file());
        if (before != null && !before.equals(in.file())) {
            throw new InvalidInputException(in.file(), "its outputs would be named " + in.relPath()
                    + ", like those of " + before + ": give the parent folder instead");
        }
        return in;
    }

    /** Image files below a folder, recursively, sorted by path. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder, "not a folder");
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(ImageLoader::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list folder: " + e.getMessage(), e);
        }
    }

    /** Like {@link #list}, but an empty folder is an error. */
    public static List<Path> listNonEmpty(Path folder) {
        List<Path> l = list(folder);
        if (l.isEmpty()) {
            throw new InvalidInputException(folder, "folder contains no images (PNG, JPEG, BMP, TIFF)");
        }
        return l;
    }
}
