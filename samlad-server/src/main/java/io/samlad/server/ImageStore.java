package io.samlad.server;

import io.samlad.image.FloatMap;
import io.samlad.image.ImageWriters;
import io.samlad.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Keeps the images, anomaly maps and rendered overlays of the last {@code keep} inspections on disk, one folder per
 * inspection id ({@code <root>/<id>/}), and deletes older ones. Files are addressed only by the numeric id and a
 * fixed file name, so nothing from a URL ever becomes a path.
 */
public final class ImageStore {
    /** The files an inspection may have. */
    public enum Kind {
        IMAGE("image"), MAP("map.tiff"), OVERLAY("overlay.png"), HEAT("heat.png");

        final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }
    }

    private final Path root;
    private final int keep;
    private final TreeSet<Long> kept = new TreeSet<>();

    /** Opens the store, pruning what an earlier run left beyond the last {@code keep}. */
    public ImageStore(Path root, int keep) throws IOException {
        this.root = root.toAbsolutePath();
        this.keep = Math.max(0, keep);
        Files.createDirectories(this.root);
        try (Stream<Path> dirs = Files.list(this.root)) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,18}"))
                    .forEach(n -> kept.add(Long.parseLong(n)));
        }
        prune();
    }

    public boolean enabled() {
        return keep > 0;
    }

    /** Saves an inspection's upload (as received) and anomaly map; prunes the oldest beyond {@code keep}. */
    public void save(long id, byte[] image, FloatMap map) throws IOException {
        if (keep == 0) {
            return;
        }
        Path dir = dir(id);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(Kind.IMAGE.fileName), out -> out.write(image));
        ImageWriters.writeFloatTiff(map, dir.resolve(Kind.MAP.fileName));
        synchronized (kept) {
            kept.add(id);
        }
        prune();
    }

    /** The file if it is kept (overlays: once rendered). */
    public Optional<Path> file(long id, Kind kind) {
        Path f = dir(id).resolve(kind.fileName);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** Whether the inspection's files are still kept. */
    public boolean has(long id) {
        return file(id, Kind.IMAGE).isPresent() && file(id, Kind.MAP).isPresent();
    }

    /** Writes a derived file (an overlay rendered on first request) atomically. */
    public Path saveDerived(long id, Kind kind, AtomicFiles.Writer writer) throws IOException {
        Path f = dir(id).resolve(kind.fileName);
        AtomicFiles.write(f, writer);
        return f;
    }

    private Path dir(long id) {
        return root.resolve(Long.toString(id));
    }

    private void prune() throws IOException {
        List<Long> drop = new ArrayList<>();
        synchronized (kept) {
            while (kept.size() > keep) {
                drop.add(kept.pollFirst());
            }
        }
        for (long id : drop) {
            deleteTree(dir(id));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
