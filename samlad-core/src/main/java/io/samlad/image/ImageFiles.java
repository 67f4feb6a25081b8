package io.samlad.image;

import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects image files from the paths a user gives: files as they are, folders recursively. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * An image to process and the name to give its outputs.
     *
     * @param file    the file
     * @param relPath path relative to the folder it was found in (or its file name), '/'-separated
     */
    public record Input(Path file, String relPath) {
    }

    /**
     * @throws InvalidInputException for a missing path, a given file that is not an image, a folder without images,
     *                               or two images that would get the same output name
     */
    public static List<Input> collect(List<Path> paths) {
        List<Input> out = collectAll(paths);
        // Outputs are named after relPath less its extension: two inputs with one such name (000.png in two given
        // folders, or a.png beside a.jpg) would overwrite each other's map and overlay and share a table row name.
        Map<String, Path> seen = new HashMap<>();
        for (Input in : out) {
            Path earlier = seen.putIfAbsent(outputStem(in.relPath()), in.file());
            if (earlier != null) {
                throw new InvalidInputException(in.file(), "same output name '" + outputStem(in.relPath()) + "' as "
                        + earlier + " (give their common parent folder instead, or rename one)");
            }
        }
        return out;
    }

    private static String outputStem(String relPath) {
        int slash = relPath.lastIndexOf('/');
        int dot = relPath.lastIndexOf('.');
        return dot > slash ? relPath.substring(0, dot) : relPath;
    }

    private static List<Input> collectAll(List<Path> paths) {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = list(p);
                if (found.isEmpty()) {
                    throw new InvalidInputException(p, "folder contains no images (PNG, JPEG, BMP, TIFF)");
                }
                // Outputs keep the folder's own name, so that two folders given together (good/, bad/) never clash.
                Path name = p.toAbsolutePath().normalize().getFileName();
                String prefix = name == null ? "" : name + "/";
                for (Path f : found) {
                    out.add(new Input(f, prefix + p.relativize(f).toString().replace('\\', '/')));
                }
            } else if (Files.isRegularFile(p)) {
                if (!ImageLoader.isImageFile(p)) {
                    throw new InvalidInputException(p, "not an image file (expected .png, .jpg, .jpeg, .bmp, .tif, .tiff)");
                }
                out.add(new Input(p, p.getFileName().toString()));
            } else {
                throw new InvalidInputException(p, "no such file or folder");
            }
        }
        return out;
    }

    /**
     * Image files below a folder, recursively, sorted by path. Symbolic links are followed (to files and to folders,
     * and the folder itself may be one); a link back to a folder being walked (a loop) is not entered again, and a
     * file reached twice through links is listed once, under the first of its paths.
     */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder, Files.exists(folder) ? "not a folder" : "no such folder");
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && ImageLoader.isImageFile(file)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE; // its content is listed where the loop starts
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            Path where = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : folder;
            throw new InvalidInputException(where, "cannot list folder: " + IoProblems.describe(e), e);
        }
        found.sort(null);
        Set<Path> real = new HashSet<>();
        List<Path> out = new ArrayList<>(found.size());
        for (Path f : found) {
            Path key;
            try {
                key = f.toRealPath();
            } catch (IOException e) {
                key = f.toAbsolutePath().normalize();
            }
            if (real.add(key)) {
                out.add(f);
            }
        }
        return out;
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
