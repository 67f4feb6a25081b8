package io.samlad.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the outputs of a batch of predictions into one folder:
 * <ul>
 *   <li>{@code predictions.csv}: {@code path,score,logical_score,structural_score,label,threshold,objects,missing,
 *       extra,mismatched,structural,time_ms};</li>
 *   <li>{@code predictions.jsonl}: the same plus objects with verdicts, references and per-stage timings;</li>
 *   <li>{@code anomaly_maps/<relpath>.tiff}: float32 map at the original size;</li>
 *   <li>{@code overlays/<relpath>.png}: image | heat map | objects with verdicts.</li>
 * </ul>
 * Per-image files are written as each image finishes (atomically); the two tables are written on {@link #close()},
 * in input order, so an aborted run never leaves a half-written table. Thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {
    public static final String CSV_HEADER =
            "path,score,logical_score,structural_score,label,threshold,objects,missing,extra,mismatched,structural,time_ms";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path outDir;
    private final boolean maps;
    private final boolean overlays;
    private final List<String> bankNames;
    private final TreeMap<Integer, String[]> rows = new TreeMap<>();

    /**
     * @param bankNames file names of the bank images (to name references in the JSON), may be empty
     */
    public PredictionWriter(Path outDir, boolean maps, boolean overlays, List<String> bankNames) {
        this.outDir = outDir;
        this.maps = maps;
        this.overlays = overlays;
        this.bankNames = List.copyOf(bankNames);
    }

    /**
     * @param index   position in the input order (rows are sorted by it)
     * @param relPath path relative to the input root, with '/' separators
     */
    public void write(int index, String relPath, RgbImage image, Prediction p, double threshold) throws IOException {
        if (maps) {
            ImageWriters.writeFloatTiff(p.anomalyMap(), outDir.resolve("anomaly_maps").resolve(withExt(relPath, "tiff")));
        }
        if (overlays) {
            ImageWriters.writePng(OverlayRenderer.render(image, p, threshold, 0, Math.max(1, 2 * threshold)),
                    outDir.resolve("overlays").resolve(withExt(relPath, "png")));
        }
        PredictionRecord rec = PredictionRecord.of(relPath, p, threshold, bankNames);
        String csv = String.join(",", csvQuote(relPath), num(p.score()), num(p.logicalScore()),
                num(p.structuralScore()), rec.label(), num(threshold), Integer.toString(p.objects().size()),
                Long.toString(PredictionRecord.count(p, Verdict.MISSING)),
                Long.toString(PredictionRecord.count(p, Verdict.EXTRA)),
                Long.toString(PredictionRecord.count(p, Verdict.MISMATCHED)),
                Long.toString(PredictionRecord.count(p, Verdict.STRUCTURAL)),
                String.format(Locale.ROOT, "%.1f", p.timings().totalMillis()));
        String json = JSON.writeValueAsString(rec);
        synchronized (rows) {
            rows.put(index, new String[] {csv, json});
        }
    }

    /** Writes the tables. */
    @Override
    public void close() throws IOException {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        StringBuilder jsonl = new StringBuilder();
        synchronized (rows) {
            for (Map.Entry<Integer, String[]> e : rows.entrySet()) {
                csv.append(e.getValue()[0]).append('\n');
                jsonl.append(e.getValue()[1]).append('\n');
            }
        }
        AtomicFiles.write(outDir.resolve("predictions.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(outDir.resolve("predictions.jsonl"),
                o -> o.write(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Number of predictions recorded so far. */
    public int size() {
        synchronized (rows) {
            return rows.size();
        }
    }

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
}
