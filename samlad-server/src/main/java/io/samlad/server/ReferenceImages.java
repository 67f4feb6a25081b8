package io.samlad.server;

import io.samlad.image.ImageLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The training images of a bank, found by file name in a folder given at start ({@code --references NAME=DIR}), so
 * the page can show the references an answer was compared with. A URL names a reference by its index in the bank;
 * only files found by walking the configured folder are ever served.
 */
final class ReferenceImages {
    private final Map<String, Path> folders;
    private final Map<String, Map<String, Path>> indexByBank = new ConcurrentHashMap<>();

    ReferenceImages(Map<String, Path> folders) {
        this.folders = Map.copyOf(folders);
    }

    boolean configured(String bank) {
        return folders.containsKey(bank);
    }

    /** The file of the bank image with this index, if the bank's folder holds it. */
    Optional<Path> find(String bank, List<String> bankNames, int index) {
        Path folder = folders.get(bank);
        if (folder == null || index < 0 || index >= bankNames.size()) {
            return Optional.empty();
        }
        Map<String, Path> byName = indexByBank.computeIfAbsent(bank, b -> scan(folder));
        return Optional.ofNullable(byName.get(bankNames.get(index)));
    }

    /** Forgets a bank's index (after a swap the bank's images may be others). */
    void forget(String bank) {
        indexByBank.remove(bank);
    }

    private static Map<String, Path> scan(Path folder) {
        Map<String, Path> byName = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return byName;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(Files::isRegularFile).filter(ImageLoader::isImageFile)
                    .forEach(p -> byName.putIfAbsent(p.getFileName().toString(), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }
}
