package io.samlad.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.util.AtomicFiles;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ThreadNice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Writes the outputs of a batch of predictions into one folder:
 * <ul>
 *   <li>{@code predictions.csv}: {@code path,score,logical_score,structural_score,label,threshold,objects,missing,
 *       extra,mismatched,structural,time_ms,error}: one row per input; an input that could not be scored has only
 *       its path and the error;</li>
 *   <li>{@code predictions.jsonl}: the same plus objects with verdicts, references, per-stage timings, and the map's
 *       and overlay's file names with the map's CRC-32 (so a table can be checked against the files beside it);</li>
 *   <li>{@code anomaly_maps/<relpath>.tiff}: float32 map, Deflate-compressed, at the original size times
 *       {@link Options#mapScale()};</li>
 *   <li>{@code overlays/<relpath>.png}: image | heat map | objects with verdicts.</li>
 * </ul>
 *
 * <p>Per-image files are encoded and written on a bounded background queue ({@link BackgroundWriter}), each one
 * atomically. The tables are written only by {@link #commit()}, after every file is on disk, in input order: a run
 * that fails or is killed leaves no table, never a table that looks complete and is not. With
 * {@link Options#append()} the rows of the folder's earlier tables are kept (a re-predicted path replaces its row);
 * while the run is going the earlier tables wait under hidden names, and a run killed meanwhile is recovered by the
 * next one (rows whose files the dead run had already replaced are dropped). Thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {
    public static final String CSV_HEADER = "path,score,logical_score,structural_score,label,threshold,objects,missing,"
            + "extra,mismatched,structural,time_ms,error";
    /** The header of tables written before the {@code error} column existed (appended to with an empty error). */
    static final String CSV_HEADER_V1 = CSV_HEADER.substring(0, CSV_HEADER.length() - ",error".length());
    public static final String CSV = "predictions.csv";
    public static final String JSONL = "predictions.jsonl";
    /** Where an appending run keeps the earlier tables until its own are written. */
    static final String PREVIOUS_CSV = ".predictions.previous.csv";
    static final String PREVIOUS_JSONL = ".predictions.previous.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param maps          write anomaly-map TIFFs
     * @param overlays      write overlay PNGs
     * @param mapScale      maps are written at this fraction of the image size (area-averaged), in (0, 1]
     * @param mapRoot       folder of the maps (null: {@code anomaly_maps} in the output folder)
     * @param append        keep the rows of the folder's earlier tables
     * @param queueCapacity images waiting for the background writer (0: write on the caller's thread)
     * @param overlayPanel  the longest side of an overlay's panels, in pixels, for images larger than that
     *                      ({@link OverlayRenderer#DEFAULT_PANEL_LIMIT} by default)
     * @param writerNice    the background writer thread's Linux nice value, 0 (the predicting threads' priority) to
     *                      19 ({@link #DEFAULT_WRITER_NICE}: the writer runs where the predictors leave a core idle;
     *                      see {@link io.samlad.util.ThreadNice})
     */
    public record Options(boolean maps, boolean overlays, double mapScale, Path mapRoot, boolean append,
            int queueCapacity, int overlayPanel, int writerNice) {
        /** The writer's default nice value: the lowest priority, docs/performance.md "Round 8 — branch speed". */
        public static final int DEFAULT_WRITER_NICE = ThreadNice.LOWEST;

        /** Options with the default writer priority. */
        public Options(boolean maps, boolean overlays, double mapScale, Path mapRoot, boolean append,
                int queueCapacity, int overlayPanel) {
            this(maps, overlays, mapScale, mapRoot, append, queueCapacity, overlayPanel, DEFAULT_WRITER_NICE);
        }

        public Options {
            if (writerNice < 0 || writerNice > ThreadNice.LOWEST) {
                throw new IllegalArgumentException("writer nice must be in 0.." + ThreadNice.LOWEST + ", got "
                        + writerNice);
            }
            if (overlayPanel < OverlayRenderer.MIN_PANEL_LIMIT) {
                throw new IllegalArgumentException("overlay panel must be at least " + OverlayRenderer.MIN_PANEL_LIMIT
                        + " pixels, got " + overlayPanel);
            }
            if (!(mapScale > 0 && mapScale <= 1)) {
                throw new IllegalArgumentException("map scale must be in (0, 1], got " + mapScale);
            }
            if (queueCapacity < 0) {
                throw new IllegalArgumentException("queue capacity must be >= 0, got " + queueCapacity);
            }
        }

        /** Maps at full size, overlays with panels of the default size, a queue of 4 images, no append. */
        public static Options defaults() {
            return new Options(true, true, 1.0, null, false, 4, OverlayRenderer.DEFAULT_PANEL_LIMIT);
        }

        public Options withOverlayPanel(int pixels) {
            return new Options(maps, overlays, mapScale, mapRoot, append, queueCapacity, pixels, writerNice);
        }

        public Options withMaps(boolean on) {
            return new Options(on, overlays, mapScale, mapRoot, append, queueCapacity, overlayPanel, writerNice);
        }

        public Options withOverlays(boolean on) {
            return new Options(maps, on, mapScale, mapRoot, append, queueCapacity, overlayPanel, writerNice);
        }

        public Options withMapScale(double scale) {
            return new Options(maps, overlays, scale, mapRoot, append, queueCapacity, overlayPanel, writerNice);
        }

        public Options withMapRoot(Path root) {
            return new Options(maps, overlays, mapScale, root, append, queueCapacity, overlayPanel, writerNice);
        }

        public Options withAppend(boolean on) {
            return new Options(maps, overlays, mapScale, mapRoot, on, queueCapacity, overlayPanel, writerNice);
        }

        public Options withWriterNice(int nice) {
            return new Options(maps, overlays, mapScale, mapRoot, append, queueCapacity, overlayPanel, nice);
        }

        public Options withQueueCapacity(int capacity) {
            return new Options(maps, overlays, mapScale, mapRoot, append, capacity, overlayPanel, writerNice);
        }
    }

    /** One row: a scored input (record set) or a failed one (error set); files are filled in by the writer. */
    private static final class Row {
        final String path;
        final String csv;
        final String json;          // kept rows of an earlier table: the line as it was
        final PredictionRecord record;
        final String error;
        Path mapPath;               // where this row's map goes (null: named after the path under the map root)
        volatile String mapCrc;

        Row(String path, String csv, String json, PredictionRecord record, String error) {
            this.path = path;
            this.csv = csv;
            this.json = json;
            this.record = record;
            this.error = error;
        }
    }

    private final Path outDir;
    private final Options options;
    private final Path mapRoot;
    private final Path overlayRoot;
    private final List<String> bankNames;
    private final TreeMap<Integer, Row> rows = new TreeMap<>();
    private final Map<String, Row> earlier = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final BackgroundWriter background;
    private int failed;
    private boolean committed;

    /** Maps and overlays as asked, full-size maps, background queue of 4 images, no append. */
    public PredictionWriter(Path outDir, boolean maps, boolean overlays, List<String> bankNames) {
        this(outDir, Options.defaults().withMaps(maps).withOverlays(overlays), bankNames);
    }

    /**
     * @param bankNames file names of the bank images (to name references in the JSON), may be empty
     * @throws InvalidInputException when appending to tables this version cannot read
     */
    public PredictionWriter(Path outDir, Options options, List<String> bankNames) {
        this.outDir = outDir;
        this.options = options;
        this.mapRoot = options.mapRoot() != null ? options.mapRoot() : outDir.resolve("anomaly_maps");
        this.overlayRoot = outDir.resolve("overlays");
        this.bankNames = List.copyOf(bankNames);
        if (options.append()) {
            try {
                loadEarlierTables();
            } catch (IOException e) {
                throw new InvalidInputException(outDir, "cannot read the earlier tables to append to them ("
                        + e.getMessage() + ")");
            }
        }
        this.background = new BackgroundWriter(options.queueCapacity(), options.writerNice());
    }

    /**
     * Records a scored input and queues its map and overlay. Returns once the row is recorded and the files are
     * queued (or, when the queue is full, written).
     *
     * @param index   position in the input order (rows are sorted by it)
     * @param relPath path relative to the input root, with '/' separators
     */
    public void write(int index, String relPath, RgbImage image, Prediction p, double threshold) throws IOException {
        write(index, relPath, image, p, threshold, null);
    }

    /**
     * As {@link #write(int, String, RgbImage, Prediction, double)}, with the map written to {@code mapFile} (for a
     * fixed layout such as the official MVTec one) instead of a name derived from the path; null for that name.
     */
    public void write(int index, String relPath, RgbImage image, Prediction p, double threshold, Path mapFile)
            throws IOException {
        PredictionRecord rec = PredictionRecord.of(relPath, p, threshold, bankNames);
        String csv = String.join(",", csvQuote(relPath), num(p.score()), num(p.logicalScore()),
                num(p.structuralScore()), rec.label(), num(threshold), Integer.toString(p.objects().size()),
                Long.toString(PredictionRecord.count(p, Verdict.MISSING)),
                Long.toString(PredictionRecord.count(p, Verdict.EXTRA)),
                Long.toString(PredictionRecord.count(p, Verdict.MISMATCHED)),
                Long.toString(PredictionRecord.count(p, Verdict.STRUCTURAL)),
                String.format(Locale.ROOT, "%.1f", p.timings().totalMillis()), "");
        Row row = new Row(relPath, csv, null, rec, null);
        row.mapPath = mapFile;
        put(index, row);
        if (options.maps() || options.overlays()) {
            background.submit(() -> writeFiles(row, image, p, threshold));
        }
    }

    /** Records an input that could not be scored: its row carries only the path and the error. */
    public void fail(int index, String relPath, String error) {
        String oneLine = error.replace('\n', ' ').replace('\r', ' ');
        String csv = csvQuote(relPath) + ",".repeat(12) + csvQuote(oneLine);
        put(index, new Row(relPath, csv, null, null, oneLine));
    }

    private void put(int index, Row row) {
        synchronized (rows) {
            if (committed) {
                throw new IllegalStateException("tables already written");
            }
            if (rows.put(index, row) != null) {
                throw new IllegalArgumentException("index " + index + " written twice");
            }
            if (row.error != null) {
                failed++;
            }
        }
    }

    private void writeFiles(Row row, RgbImage image, Prediction p, double threshold) throws IOException {
        if (options.maps()) {
            FloatMap map = p.anomalyMap();
            String description = "samlad anomaly map of " + row.path;
            if (options.mapScale() < 1) {
                int w = Math.max(1, (int) Math.round(map.width() * options.mapScale()));
                int h = Math.max(1, (int) Math.round(map.height() * options.mapScale()));
                description += String.format(Locale.ROOT, " (%dx%d image, scale %s)", map.width(), map.height(),
                        options.mapScale());
                map = map.resize(w, h);
            }
            // ImageDescription is ASCII: other characters of a path become '?'
            byte[] tiff = ImageWriters.encodeFloatTiff(map, description.replaceAll("[^\\x20-\\x7e]", "?"));
            ImageWriters.writeBytes(tiff, mapFile(row));
            CRC32 crc = new CRC32();
            crc.update(tiff);
            row.mapCrc = String.format(Locale.ROOT, "%08x", crc.getValue());
        }
        if (options.overlays()) {
            BufferedImage overlay = OverlayRenderer.render(image, p, threshold, 0, Math.max(1, 2 * threshold),
                    options.overlayPanel());
            ImageWriters.writeBytes(ImageWriters.encodePng(overlay, OverlayRenderer.copiedPanelShift(overlay.getWidth())),
                    overlayFile(row.path));
        }
    }

    private Path mapFile(Row row) {
        return row.mapPath != null ? row.mapPath : mapFile(row.path);
    }

    private Path mapFile(String relPath) {
        return mapRoot.resolve(withExt(relPath, "tiff"));
    }

    private Path overlayFile(String relPath) {
        return overlayRoot.resolve(withExt(relPath, "png"));
    }

    /**
     * CPU time the background writer thread has spent rendering, encoding and writing maps and overlays so far
     * (nanoseconds; files written on the predicting thread because the queue was full are not in it).
     */
    public long backgroundCpuNanos() {
        return background.workerCpuNanos();
    }

    /**
     * Waits for every queued file, then writes the tables (JSON lines first, then the CSV, each atomically): the
     * rows of this run in input order, after the kept rows of the earlier tables when appending.
     *
     * @throws IOException when a file or a table could not be written (then no table is written)
     */
    public void commit() throws IOException {
        background.drain();
        List<Row> all = new ArrayList<>();
        synchronized (rows) {
            Set<String> mine = new HashSet<>();
            rows.values().forEach(r -> mine.add(r.path));
            earlier.values().stream().filter(r -> !mine.contains(r.path)).forEach(all::add);
            all.addAll(rows.values());
            committed = true;
        }
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        StringBuilder jsonl = new StringBuilder();
        for (Row r : all) {
            csv.append(r.csv).append('\n');
            jsonl.append(jsonLine(r)).append('\n');
        }
        if (options.append()) {
            // before the tables appear, so that a table never stands beside files it does not describe
            removeUnlistedFiles(all);
        }
        AtomicFiles.write(outDir.resolve(JSONL), o -> o.write(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(outDir.resolve(CSV), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        if (options.append()) {
            Files.deleteIfExists(outDir.resolve(PREVIOUS_CSV));
            Files.deleteIfExists(outDir.resolve(PREVIOUS_JSONL));
        }
    }

    private String jsonLine(Row r) throws IOException {
        if (r.json != null) {
            return r.json;
        }
        if (r.error != null) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", r.path);
            m.put("error", r.error);
            return JSON.writeValueAsString(m);
        }
        PredictionRecord rec = r.record.withFiles(
                options.maps() ? relative(mapFile(r)).toString().replace('\\', '/') : null,
                r.mapCrc,
                options.overlays() ? relative(overlayFile(r.path)).toString().replace('\\', '/') : null);
        return JSON.writeValueAsString(rec);
    }

    /** A path relative to the output folder (as the tables name files; {@code ../} where it lies outside). */
    private Path relative(Path file) {
        return outDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    }

    /** Drains the queue (no file is lost or left half-written) and stops the writer; writes no table. */
    @Override
    public void close() throws IOException {
        background.close();
    }

    /** Number of rows recorded by this run so far (scored and failed). */
    public int size() {
        synchronized (rows) {
            return rows.size();
        }
    }

    /** Number of inputs recorded as failed. */
    public int failed() {
        synchronized (rows) {
            return failed;
        }
    }

    /** Rows kept from the earlier tables when appending (before this run replaces any). */
    public int earlierRows() {
        return earlier.size();
    }

    /** What the user should be told (rows dropped when recovering a killed run, stale files removed). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    // ---- appending --------------------------------------------------------------------------------------------

    /**
     * Reads the earlier tables. A committed table is the CSV (written last); without it, the tables an earlier
     * appending run had set aside are the truth, less the rows whose files that run had already rewritten.
     */
    private void loadEarlierTables() throws IOException {
        Path liveCsv = outDir.resolve(CSV);
        Path liveJsonl = outDir.resolve(JSONL);
        Path prevCsv = outDir.resolve(PREVIOUS_CSV);
        Path prevJsonl = outDir.resolve(PREVIOUS_JSONL);
        boolean recovering = !Files.exists(liveCsv) && Files.exists(prevCsv);
        if (recovering && !Files.exists(prevJsonl) && Files.exists(liveJsonl)) {
            // the interrupted run was killed between setting the CSV aside and the JSON lines (below): the live JSON
            // lines are still the committed ones; finish setting them aside, so that this run's own uncommitted JSON
            // lines can never be taken for them
            Files.move(liveJsonl, prevJsonl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Path csvFile = recovering ? prevCsv : liveCsv;
        Path jsonlFile = recovering ? prevJsonl : liveJsonl;
        if (!Files.exists(csvFile)) {
            Files.deleteIfExists(liveJsonl); // a table set cut short before its CSV: not committed
            return;
        }
        List<String> csvLines = Files.readAllLines(csvFile, StandardCharsets.UTF_8);
        List<String> jsonLines = Files.exists(jsonlFile) ? Files.readAllLines(jsonlFile, StandardCharsets.UTF_8)
                : List.of();
        if (csvLines.isEmpty() || !(csvLines.get(0).equals(CSV_HEADER) || csvLines.get(0).equals(CSV_HEADER_V1))) {
            throw new InvalidInputException(csvFile, "is not a predictions table this version writes (header "
                    + (csvLines.isEmpty() ? "missing" : "'" + csvLines.get(0) + "'") + ")");
        }
        boolean pad = csvLines.get(0).equals(CSV_HEADER_V1);
        Map<String, String> jsonByPath = new LinkedHashMap<>();
        for (String line : jsonLines) {
            if (!line.isBlank()) {
                jsonByPath.put(JSON.readTree(line).path("path").asText(), line);
            }
        }
        FileTime committedAt = Files.getLastModifiedTime(csvFile);
        int stale = 0;
        for (String line : csvLines.subList(1, csvLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String path = firstCsvField(line);
            String json = jsonByPath.get(path);
            if (json == null) {
                throw new InvalidInputException(jsonlFile, "has no line for '" + path + "' of " + csvFile.getFileName()
                        + "; the tables do not belong together");
            }
            if (recovering && rewrittenSince(JSON.readTree(json), path, committedAt)) {
                stale++;
                continue;
            }
            earlier.put(path, new Row(path, pad ? line + "," : line, json, null, null));
        }
        if (recovering) {
            notes.add("recovered the tables of the run before the interrupted one: " + earlier.size() + " rows kept"
                    + (stale > 0 ? ", " + stale + " dropped whose files the interrupted run had replaced" : ""));
        } else {
            // set the committed tables aside: until this run commits, no table claims files it may rewrite. The CSV
            // (the commit mark) goes first: killed between the two moves, a CSV must not stand without its JSON lines
            Files.move(liveCsv, prevCsv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (Files.exists(liveJsonl)) {
                Files.move(liveJsonl, prevJsonl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private boolean rewrittenSince(JsonNode json, String path, FileTime committedAt) throws IOException {
        for (Path f : filesOf(json, path)) {
            try {
                if (Files.getLastModifiedTime(f).compareTo(committedAt) > 0) {
                    return true;
                }
            } catch (NoSuchFileException e) {
                return true;
            }
        }
        return false;
    }

    /** The map and overlay a JSON line names (tables of older versions: named after the path). */
    private List<Path> filesOf(JsonNode json, String path) {
        if (json.has("error")) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        if (json.has("mapFile") || json.has("overlayFile")) {
            for (String key : List.of("mapFile", "overlayFile")) {
                if (json.hasNonNull(key)) {
                    out.add(outDir.resolve(json.get(key).asText()));
                }
            }
        } else {
            for (Path p : List.of(mapFile(path), overlayFile(path))) {
                if (Files.exists(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Deletes maps and overlays no row lists (left by an interrupted run, or replaced by a no-maps row). */
    private void removeUnlistedFiles(List<Row> all) throws IOException {
        Set<Path> listed = new HashSet<>();
        for (Row r : all) {
            if (r.json != null) {
                listed.addAll(filesOf(JSON.readTree(r.json), r.path).stream().map(p -> p.toAbsolutePath().normalize())
                        .toList());
            } else if (r.error == null) {
                if (options.maps()) {
                    listed.add(mapFile(r).toAbsolutePath().normalize());
                }
                if (options.overlays()) {
                    listed.add(overlayFile(r.path).toAbsolutePath().normalize());
                }
            }
        }
        int removed = 0;
        for (Path root : List.of(mapRoot, overlayRoot)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                if (!listed.contains(f.toAbsolutePath().normalize())) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            notes.add("removed " + removed + " map or overlay file" + (removed == 1 ? "" : "s")
                    + " that no table row describes");
        }
    }

    // ---- formatting -------------------------------------------------------------------------------------------

    static String withExt(String relPath, String ext) {
        int slash = relPath.lastIndexOf('/');
        int dot = relPath.lastIndexOf('.');
        String stem = dot > slash ? relPath.substring(0, dot) : relPath;
        return stem + "." + ext;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static String csvQuote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** The first field of a CSV line, unquoted. */
    static String firstCsvField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
