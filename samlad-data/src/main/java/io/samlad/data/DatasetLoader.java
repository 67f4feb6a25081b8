package io.samlad.data;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and validates a dataset before any work starts, so that a missing folder, an image without its mask, a mask
 * of another size or a malformed {@code defects_config.json} stops the run at once with one line naming the file.
 *
 * <p>{@code root} is either one category's folder (it holds {@code train/}) or a folder of category folders.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /**
     * @param root       dataset or category folder
     * @param format     layout; empty to detect it
     * @param categories names to keep; empty for all
     * @param seed       seed of the split of folder datasets
     */
    public static Dataset load(Path root, Optional<DatasetFormat> format, List<String> categories, long seed) {
        LayoutChecks.requireDirectory(root, "dataset root");
        DatasetFormat f = format.orElseGet(() -> detect(root));
        if (f == DatasetFormat.FOLDER) {
            Category c = FolderLayout.load(FolderLayout.conventional(root, seed));
            if (!categories.isEmpty() && !categories.contains(c.name())) {
                throw new InvalidInputException(root, "a folder dataset holds the single category '" + c.name()
                        + "', not " + categories);
            }
            return new Dataset(root, f, List.of(c));
        }
        List<Path> dirs = categoryDirs(root);
        List<Category> out = new ArrayList<>();
        if (!categories.isEmpty()) {
            List<String> available = dirs.stream().map(p -> p.getFileName().toString()).toList();
            for (String name : categories) {
                if (!available.contains(name)) {
                    throw new InvalidInputException(root.resolve(name), "no such category (available: "
                            + String.join(", ", available) + ")");
                }
            }
        }
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            if (!categories.isEmpty() && !categories.contains(name)) {
                continue;
            }
            out.add(f == DatasetFormat.MVTEC_LOCO ? MvtecLocoLayout.load(dir) : MvtecAdLayout.load(dir));
        }
        return new Dataset(root, f, out);
    }

    /** The category folders under {@code root}: root itself if it has {@code train/}, else its sub-folders that do. */
    static List<Path> categoryDirs(Path root) {
        if (Files.isDirectory(root.resolve("train"))) {
            return List.of(root);
        }
        List<Path> dirs = LayoutChecks.subdirectories(root).stream().filter(d -> Files.isDirectory(d.resolve("train")))
                .toList();
        if (dirs.isEmpty()) {
            throw new InvalidInputException(root, "holds no category folder (a category folder has a train/ folder)");
        }
        return dirs;
    }

    /** MVTec LOCO has defects_config.json; a folder dataset has normal/ and abnormal/; otherwise MVTec AD. */
    public static DatasetFormat detect(Path root) {
        if (Files.isDirectory(root.resolve("normal")) && Files.isDirectory(root.resolve("abnormal"))) {
            return DatasetFormat.FOLDER;
        }
        for (Path dir : categoryDirs(root)) {
            if (Files.isRegularFile(dir.resolve("defects_config.json")) || Files.isDirectory(dir.resolve("validation"))) {
                return DatasetFormat.MVTEC_LOCO;
            }
        }
        return DatasetFormat.MVTEC_AD;
    }
}
