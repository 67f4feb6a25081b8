package io.samlad.spark;

import io.samlad.detector.Prediction;
import io.samlad.detector.SamladDetector;
import io.samlad.config.Stage;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Scores one partition of {@code binaryFile} rows ({@code path}, {@code content}) with the executor's shared
 * detector, lazily, one row at a time. Anything that goes wrong with one image becomes that row's {@code error}:
 * a bad image never fails the task.
 */
final class InspectPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> bank;
    private final String bankSha256;
    private final String bankUri;
    private final double threshold;
    private final InspectOptions options;
    private final HadoopFiles files;
    private final InspectCounters counters;
    private final SparkModels models;

    InspectPartition(Broadcast<byte[]> bank, String bankSha256, String bankUri, double threshold,
            InspectOptions options, HadoopFiles files, InspectCounters counters, SparkModels models) {
        this.models = models;
        this.counters = counters;
        this.bank = bank;
        this.bankSha256 = bankSha256;
        this.bankUri = bankUri;
        this.threshold = threshold;
        this.options = options;
        this.files = files;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SamladDetector detector = ExecutorCache.detector(bankSha256, bankUri, bank::value, models);
        List<String> names = detector.bank().names();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                Row in = rows.next();
                String path = in.getString(0);
                // Passed through as it came: Timestamp or Instant, as spark.sql.datetime.java8API.enabled says.
                Object modified = in.length() > 2 ? in.get(2) : null;
                try {
                    long t0 = System.nanoTime();
                    RgbImage image = ImageBytes.decode(path, (byte[]) in.get(1));
                    long decode = System.nanoTime() - t0;
                    Prediction p = detector.predict(image);
                    p.timings().add(Stage.DECODE, decode);
                    String map = options.mapsDir() == null ? null : writeMap(path, p);
                    if (counters != null) {
                        counters.images.add(1);
                        counters.anomalous.add(p.isAnomalous(threshold) ? 1 : 0);
                        counters.millis.add(p.timings().totalMillis());
                    }
                    return InspectionRows.of(path, modified, p, threshold, names, map);
                } catch (RuntimeException | IOException | StackOverflowError e) {
                    if (counters != null) {
                        counters.images.add(1);
                        counters.errors.add(1);
                    }
                    String m = ImageBytes.oneLine(e);
                    return InspectionRows.error(path, modified, threshold, m.contains(path) ? m : path + ": " + m);
                }
            }
        };
    }

    private String writeMap(String imagePath, Prediction p) throws IOException {
        String rel = relative(imagePath, options.inputRoot());
        int dot = rel.lastIndexOf('.');
        String stem = dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
        String dir = options.mapsDir().endsWith("/") ? options.mapsDir() : options.mapsDir() + "/";
        String target = dir + stem + ".tiff";
        if (isLocal(target)) {
            ImageWriters.writeFloatTiff(p.anomalyMap(), localPath(target));
        } else {
            // The JDK's TIFF writer writes to local files: write one, then copy it to the cluster file system.
            Path tmp = Files.createTempFile("samlad-map", ".tiff");
            try {
                ImageWriters.writeFloatTiff(p.anomalyMap(), tmp);
                files.writeAll(target, Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return target;
    }

    /** The image's path below {@code root} ('/'-separated), or its file name when it is not below it. */
    static String relative(String imagePath, String root) {
        String p = pathPart(imagePath);
        if (root != null) {
            String r = pathPart(root);
            r = r.endsWith("/") ? r : r + "/";
            if (p.startsWith(r)) {
                return p.substring(r.length());
            }
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static String pathPart(String uriOrPath) {
        // Hadoop's Path, unlike java.net.URI, takes the unescaped form binaryFile gives (spaces and all).
        return new org.apache.hadoop.fs.Path(uriOrPath).toUri().getPath();
    }

    static boolean isLocal(String uriOrPath) {
        return !uriOrPath.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || uriOrPath.startsWith("file:");
    }

    static Path localPath(String uriOrPath) {
        return Path.of(pathPart(uriOrPath));
    }
}
