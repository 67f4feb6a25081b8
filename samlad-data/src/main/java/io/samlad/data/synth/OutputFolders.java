package io.samlad.data.synth;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prepares the folder a generated category goes to: it must be new or empty, so that files of an earlier, larger run
 * can never mix with this one; with {@code overwrite}, a folder that a generator wrote before (it holds
 * {@code anomalies.csv}) is removed first, and any other folder is left alone.
 */
final class OutputFolders {
    static final String MARKER = "anomalies.csv";

    private OutputFolders() {
    }

    static void prepare(Path categoryDir, boolean overwrite) throws IOException {
        if (Files.exists(categoryDir) && !Files.isDirectory(categoryDir)) {
            throw new InvalidInputException(categoryDir, "exists and is not a folder");
        }
        if (!Files.isDirectory(categoryDir) || isEmpty(categoryDir)) {
            Files.createDirectories(categoryDir);
            return;
        }
        if (!overwrite) {
            throw new InvalidInputException(categoryDir, "already exists and is not empty; "
                    + "choose another output folder or allow overwriting (--overwrite)");
        }
        if (!Files.isRegularFile(categoryDir.resolve(MARKER))) {
            throw new InvalidInputException(categoryDir, "is not empty and was not written by a generator (no "
                    + MARKER + "); refusing to overwrite it");
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(categoryDir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.delete(p);
        }
        Files.createDirectories(categoryDir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
