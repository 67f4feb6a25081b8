package io.samlad.output;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder of one run of {@code predict} or {@code evaluate}, held for the length of the run.
 *
 * <ul>
 *   <li><b>One run at a time.</b> {@value #LOCK} is locked with {@link FileChannel#tryLock()}: a second run on the same
 *       folder fails at once, naming the process that holds it. The operating system releases the lock when a process
 *       dies, however it dies, so a stale lock never blocks; the lock file itself stays (its note records the last
 *       run) and marks the folder as samlad's.</li>
 *   <li><b>No silent mixing of runs.</b> A folder that already holds outputs is refused unless the run says what to
 *       do with them: {@link Mode#OVERWRITE} clears them first, {@link Mode#APPEND} keeps them (the tables are
 *       merged, see {@link PredictionWriter}). A non-empty folder samlad never wrote into is never cleared.</li>
 *   <li><b>Leftovers of a dead run are cleaned.</b> Temporary files (a write interrupted before its rename) are
 *       removed while the lock is held, so no live writer owns them, and reported in {@link #notes()}.</li>
 * </ul>
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file; also the mark of a folder samlad writes into. */
    public static final String LOCK = ".samlad.lock";
    /** Where {@link Mode#OVERWRITE} moves old outputs before deleting them. */
    static final String TRASH = ".samlad-trash";
    /** Names of {@link io.samlad.util.AtomicFiles}' temporary files: {@code .<name>.<random>.tmp}. */
    static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    /** What to do with the outputs of an earlier run. */
    public enum Mode {
        /** refuse a folder that holds outputs */
        NEW,
        /** delete them first */
        OVERWRITE,
        /** keep them and add to them */
        APPEND
    }

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> note;
    private final List<String> notes;
    private final boolean previousInterrupted;
    private boolean finished;

    private OutputFolder(Path dir, FileChannel channel, FileLock lock, Map<String, String> note, List<String> notes,
            boolean previousInterrupted) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.note = note;
        this.notes = notes;
        this.previousInterrupted = previousInterrupted;
    }

    /**
     * Creates (if needed), locks and prepares the folder.
     *
     * @param command written into the lock note (e.g. {@code predict}), for the message a second run gets
     * @throws InvalidInputException when the folder cannot be created or written, another run holds it, or it holds
     *                               outputs and {@code mode} is {@link Mode#NEW} (or it is not samlad's and not empty)
     */
    public static OutputFolder open(Path dir, Mode mode, String command) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException(dir, "is a file; --out needs a folder");
        }
        try {
            Files.createDirectories(abs);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(dir, "cannot create the output folder: " + e.getFile() + " is a file");
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create the output folder (" + e.getMessage() + ")");
        }
        Path lockFile = abs.resolve(LOCK);
        boolean ours = Files.exists(lockFile);
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot write into the output folder (" + e.getMessage() + ")");
        }
        FileLock lk;
        try {
            lk = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lk = null; // held by this very process (another writer in the same JVM)
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(dir, "cannot lock the output folder (" + e.getMessage() + ")");
        }
        Map<String, String> previous = readNote(ch);
        if (lk == null) {
            closeQuietly(ch);
            throw new InvalidInputException(dir, "another samlad run is writing into this folder ("
                    + describe(previous) + "); wait for it to finish or choose another --out");
        }
        try {
            List<String> notes = new ArrayList<>();
            boolean interrupted = "running".equals(previous.get("state"));
            if (interrupted) {
                notes.add("the previous run into " + dir + " (" + describe(previous) + ") did not finish");
            }
            int temps = removeTemporaryFiles(abs);
            if (temps > 0) {
                notes.add("removed " + temps + " temporary file" + (temps == 1 ? "" : "s") + " left by an interrupted"
                        + " run in " + dir);
            }
            deleteRecursively(abs.resolve(TRASH));
            List<Path> content = content(abs);
            if (!content.isEmpty()) {
                String what = content.stream().limit(3).map(p -> p.getFileName().toString())
                        .reduce((a, b) -> a + ", " + b).orElse("") + (content.size() > 3 ? ", ..." : "");
                if (!ours) {
                    throw new InvalidInputException(dir, "is not empty (" + what + ") and samlad did not write it"
                            + " (no " + LOCK + "); choose a new or empty folder");
                }
                if (mode == Mode.NEW) {
                    throw new InvalidInputException(dir, "holds the outputs of an earlier"
                            + (interrupted ? ", interrupted" : "") + " run (" + what + "); add --overwrite to replace"
                            + " them or --append to add to them");
                }
                if (mode == Mode.OVERWRITE) {
                    clear(abs, content);
                }
            }
            Map<String, String> mine = new LinkedHashMap<>();
            mine.put("pid", Long.toString(ProcessHandle.current().pid()));
            mine.put("command", command);
            mine.put("started", Instant.now().toString());
            mine.put("state", "running");
            OutputFolder folder = new OutputFolder(abs, ch, lk, mine, List.copyOf(notes), interrupted);
            folder.writeNote();
            return folder;
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(dir, "cannot prepare the output folder (" + e.getMessage() + ")");
        }
    }

    /** The folder (absolute). */
    public Path dir() {
        return dir;
    }

    /** What the user should be told about the folder's state (leftovers removed, an interrupted run). */
    public List<String> notes() {
        return notes;
    }

    /** Whether the previous run into this folder was killed or crashed before it finished. */
    public boolean previousInterrupted() {
        return previousInterrupted;
    }

    /** Records that the run completed (its tables are written); a run closed without it is recorded as failed. */
    public void finish() {
        finished = true;
    }

    @Override
    public void close() throws IOException {
        try {
            note.put("state", finished ? "finished" : "failed");
            note.put("ended", Instant.now().toString());
            writeNote();
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private void writeNote() throws IOException {
        StringBuilder b = new StringBuilder();
        note.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
    }

    private static Map<String, String> readNote(FileChannel ch) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            long size = Math.min(ch.size(), 4096);
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            ch.read(buf, 0);
            for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // an unreadable note only makes the messages less specific
        }
        return m;
    }

    private static String describe(Map<String, String> note) {
        if (note.isEmpty()) {
            return "no details recorded";
        }
        return "samlad " + note.getOrDefault("command", "?") + ", pid " + note.getOrDefault("pid", "?")
                + ", started " + note.getOrDefault("started", "?");
    }

    /** Entries of the folder other than the lock file, files before folders. */
    private static List<Path> content(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(LOCK))
                    .sorted(Comparator.comparing((Path p) -> Files.isDirectory(p)).thenComparing(Path::toString))
                    .toList();
        }
    }

    /**
     * Moves every entry into a trash folder, then deletes it. The tables (files) move first, so that a run killed
     * while clearing never leaves a table beside a half-removed set of maps; the trash is deleted by the next run.
     */
    private static void clear(Path dir, List<Path> content) throws IOException {
        Path trash = dir.resolve(TRASH);
        Files.createDirectories(trash);
        for (Path p : content) {
            Files.move(p, trash.resolve(p.getFileName()));
        }
        deleteRecursively(trash);
    }

    static int removeTemporaryFiles(Path dir) throws IOException {
        int[] n = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && TEMP.matcher(file.getFileName().toString()).matches()) {
                    Files.deleteIfExists(file);
                    n[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                // folders left empty (a run killed before its first rename) go too
                if (e == null && !d.equals(dir)) {
                    try (Stream<Path> s = Files.list(d)) {
                        if (s.findAny().isEmpty()) {
                            Files.delete(d);
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
