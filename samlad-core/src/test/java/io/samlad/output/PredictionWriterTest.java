package io.samlad.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder of a batch, written from hand-made predictions whose every column is known. */
class PredictionWriterTest {
    @TempDir
    Path out;

    private static final RgbImage IMAGE = RgbImage.ofPlanar(6, 4, new float[3 * 6 * 4]);

    private static DetectedObject object(int id, Verdict v) {
        return new DetectedObject(id, v, 1.0 + id, 2.5, 1.5, 1, 0, 3, 2, 0.25, v == Verdict.EXTRA ? -1 : 0, id);
    }

    /** A prediction with a 6x4 map whose value at (x, y) is {@code base + 10 y + x}. */
    private static Prediction prediction(double score, double base, List<DetectedObject> objects) {
        float[] map = new float[24];
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) (base + 10 * (i / 6) + i % 6);
        }
        StageTimings t = new StageTimings();
        t.add(Stage.FEATURES, 2_000_000);
        t.add(Stage.MASKS, 500_000);
        return new Prediction(score, score - 1, score, new FloatMap(6, 4, map), objects, List.of(1, 0, 7), t);
    }

    private static String[] csvRow(String line) {
        return line.split(",", -1);
    }

    @Test
    void rowsFollowTheInputIndexNotTheOrderTheyFinished() throws IOException {
        try (PredictionWriter w = new PredictionWriter(out, false, false, List.of())) {
            w.write(2, "c.png", IMAGE, prediction(3, 0, List.of()), 1.0);
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.write(1, "b.png", IMAGE, prediction(2, 0, List.of()), 1.0);
            w.commit();
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(csv.get(0)).isEqualTo(PredictionWriter.CSV_HEADER);
        assertThat(csv.subList(1, 4).stream().map(l -> csvRow(l)[0])).containsExactly("a.png", "b.png", "c.png");
        ObjectMapper json = new ObjectMapper();
        List<String> jsonl = Files.readAllLines(out.resolve("predictions.jsonl"));
        assertThat(jsonl).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(json.readTree(jsonl.get(i)).get("score").asDouble()).isEqualTo(i + 1.0);
        }
    }

    @Test
    void csvColumnsCountVerdictsAndLabelByScoreAboveThreshold() throws IOException {
        List<DetectedObject> objects = List.of(object(0, Verdict.OK), object(1, Verdict.MISSING),
                object(2, Verdict.EXTRA), object(3, Verdict.EXTRA), object(4, Verdict.STRUCTURAL));
        try (PredictionWriter w = new PredictionWriter(out, false, false, List.of())) {
            w.write(0, "above.png", IMAGE, prediction(2.0, 0, objects), 1.5);
            // Equal to the threshold is not above it.
            w.write(1, "equal.png", IMAGE, prediction(1.5, 0, List.of()), 1.5);
            w.commit();
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        String[] header = csvRow(csv.get(0));
        String[] above = csvRow(csv.get(1));
        String[] equal = csvRow(csv.get(2));
        assertThat(above).hasSameSizeAs(header);
        assertThat(header).startsWith("path", "score", "logical_score", "structural_score", "label", "threshold",
                "objects", "missing", "extra", "mismatched", "structural", "time_ms");
        assertThat(Double.parseDouble(above[1])).isEqualTo(2.0);
        assertThat(Double.parseDouble(above[2])).isEqualTo(1.0);
        assertThat(above[4]).isEqualTo("anomalous");
        assertThat(Double.parseDouble(above[5])).isEqualTo(1.5);
        assertThat(List.of(above).subList(6, 11)).containsExactly("5", "1", "2", "0", "1");
        assertThat(Double.parseDouble(above[11])).isCloseTo(2.5, within(0.05));
        assertThat(equal[4]).isEqualTo("normal");
    }

    @Test
    void pathsWithCommasAndQuotesAreQuotedInTheCsv() throws IOException {
        try (PredictionWriter w = new PredictionWriter(out, false, false, List.of())) {
            w.write(0, "lot 7, \"B\"/img.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.commit();
        }
        String row = Files.readAllLines(out.resolve("predictions.csv")).get(1);
        assertThat(row).startsWith("\"lot 7, \"\"B\"\"/img.png\",");
        JsonNode json = new ObjectMapper().readTree(Files.readAllLines(out.resolve("predictions.jsonl")).get(0));
        assertThat(json.get("path").asText()).isEqualTo("lot 7, \"B\"/img.png");
    }

    @Test
    void jsonCarriesObjectsReferencesAndTimings() throws IOException {
        List<DetectedObject> objects = List.of(object(0, Verdict.OK), object(1, Verdict.MISMATCHED));
        try (PredictionWriter w = new PredictionWriter(out, false, false, List.of("r0.png", "r1.png"))) {
            w.write(0, "x.png", IMAGE, prediction(4, 0, objects), 1.0);
            w.commit();
        }
        JsonNode n = new ObjectMapper().readTree(Files.readAllLines(out.resolve("predictions.jsonl")).get(0));
        assertThat(n.get("label").asText()).isEqualTo("anomalous");
        assertThat(n.get("objects")).hasSize(2);
        JsonNode o = n.get("objects").get(1);
        assertThat(o.get("verdict").asText()).isEqualTo("mismatched");
        assertThat(o.get("score").asDouble()).isEqualTo(2.0);
        assertThat(o.get("bbox").toString()).isEqualTo("[1,0,3,2]");
        assertThat(n.get("references").toString()).isEqualTo("[1,0,7]");
        // Index 7 is outside the two-image bank: no name rather than a wrong one.
        assertThat(n.get("referenceNames").toString()).isEqualTo("[\"r1.png\",\"r0.png\",\"\"]");
        assertThat(n.get("timingsMs").get("features").asDouble()).isEqualTo(2.0);
    }

    @Test
    void mapsAndOverlaysAreNamedAfterTheInputPath() throws IOException {
        Prediction p = prediction(1, -3.5, List.of());
        try (PredictionWriter w = new PredictionWriter(out, true, true, List.of())) {
            w.write(0, "good/000.png", IMAGE, p, 1.0);
            w.write(1, "v1.2/noext", IMAGE, p, 1.0);
            w.write(2, "shot.final.JPG", IMAGE, p, 1.0);
            w.commit();
        }
        for (String stem : List.of("good/000", "v1.2/noext", "shot.final")) {
            Path tiff = out.resolve("anomaly_maps/" + stem + ".tiff");
            assertThat(ImageWriters.readFloatTiff(tiff).data()).as(stem).containsExactly(p.anomalyMap().data());
            assertThat(ImageIO.read(out.resolve("overlays/" + stem + ".png").toFile())).as(stem).isNotNull();
        }
    }

    @Test
    void tablesAppearOnlyWhenTheBatchIsCommitted() throws IOException {
        PredictionWriter w = new PredictionWriter(out, true, true, List.of());
        w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
        assertThat(out.resolve("predictions.csv")).doesNotExist();
        assertThat(w.size()).isEqualTo(1);
        w.commit();
        w.close();
        assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(2);
    }

    @Test
    void aBatchClosedWithoutCommitLeavesItsFilesButNoTable() throws IOException {
        // what a run that fails half-way leaves: complete maps and overlays, no table claiming to be the batch
        try (PredictionWriter w = new PredictionWriter(out, true, true, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
        }
        assertThat(out.resolve("predictions.csv")).doesNotExist();
        assertThat(out.resolve("predictions.jsonl")).doesNotExist();
        assertThat(ImageWriters.readFloatTiff(out.resolve("anomaly_maps/a.tiff")).width()).isEqualTo(6);
        assertThat(out.resolve("overlays/a.png")).exists();
    }

    @Test
    void everyInputHasARowAndFailedOnesCarryTheirError() throws IOException {
        try (PredictionWriter w = new PredictionWriter(out, true, false, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.fail(1, "b,bad.png", "b,bad.png: truncated PNG, \"IDAT\" missing");
            w.write(2, "c.png", IMAGE, prediction(2, 0, List.of()), 1.0);
            assertThat(w.failed()).isEqualTo(1);
            w.commit();
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csvRow(csv.get(0))[12]).isEqualTo("error");
        assertThat(csvRow(csv.get(1))[12]).isEmpty();
        assertThat(csv.get(2)).isEqualTo("\"b,bad.png\"" + ",".repeat(12) + "\"b,bad.png: truncated PNG, \"\"IDAT\"\" missing\"");
        ObjectMapper json = new ObjectMapper();
        List<String> jsonl = Files.readAllLines(out.resolve("predictions.jsonl"));
        assertThat(json.readTree(jsonl.get(1)).get("error").asText()).isEqualTo("b,bad.png: truncated PNG, \"IDAT\" missing");
        assertThat(json.readTree(jsonl.get(1)).has("score")).isFalse();
        // scored rows name their map and its checksum, so a table can be checked against the files beside it
        JsonNode a = json.readTree(jsonl.get(0));
        assertThat(a.get("mapFile").asText()).isEqualTo("anomaly_maps/a.tiff");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(Files.readAllBytes(out.resolve("anomaly_maps/a.tiff")));
        assertThat(a.get("mapCrc32").asText()).isEqualTo(String.format("%08x", crc.getValue()));
        assertThat(a.has("overlayFile")).isFalse();
    }

    @Test
    void mapScaleWritesSmallerMapsThatSayTheImageSize() throws IOException {
        float[] v = new float[40 * 20];
        java.util.Arrays.fill(v, 2.5f);
        Prediction p = new Prediction(1, 0, 1, new FloatMap(40, 20, v), List.of(), List.of(), new StageTimings());
        PredictionWriter.Options o = PredictionWriter.Options.defaults().withOverlays(false).withMapScale(0.25);
        try (PredictionWriter w = new PredictionWriter(out, o, List.of())) {
            w.write(0, "a.png", RgbImage.ofPlanar(40, 20, new float[3 * 40 * 20]), p, 1.0);
            w.commit();
        }
        FloatMap back = ImageWriters.readFloatTiff(out.resolve("anomaly_maps/a.tiff"));
        assertThat(back.width()).isEqualTo(10);
        assertThat(back.height()).isEqualTo(5);
        assertThat(back.data()).containsOnly(2.5f);
        assertThat(new String(Files.readAllBytes(out.resolve("anomaly_maps/a.tiff")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("samlad anomaly map of a.png (40x20 image, scale 0.25)");
    }

    @Test
    void appendKeepsEarlierRowsAndReplacesARepredictedPath() throws IOException {
        try (PredictionWriter w = new PredictionWriter(out, true, false, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.write(1, "b.png", IMAGE, prediction(2, 0, List.of()), 1.0);
            w.commit();
        }
        PredictionWriter.Options o = PredictionWriter.Options.defaults().withOverlays(false).withAppend(true);
        try (PredictionWriter w = new PredictionWriter(out, o, List.of())) {
            assertThat(w.earlierRows()).isEqualTo(2);
            // while the run goes, no table claims the files it may rewrite
            assertThat(out.resolve("predictions.csv")).doesNotExist();
            w.write(0, "b.png", IMAGE, prediction(5, 0, List.of()), 1.0);
            w.write(1, "c.png", IMAGE, prediction(3, 0, List.of()), 1.0);
            w.commit();
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(csv.subList(1, csv.size()).stream().map(l -> csvRow(l)[0] + "=" + csvRow(l)[1]))
                .containsExactly("a.png=1.000000", "b.png=5.000000", "c.png=3.000000");
        assertThat(Files.readAllLines(out.resolve("predictions.jsonl"))).hasSize(3);
        assertThat(out.resolve(".predictions.previous.csv")).doesNotExist();
    }

    @Test
    void anAppendRunKilledBeforeItsTablesIsRecoveredWithoutRowsWhoseFilesItReplaced() throws Exception {
        try (PredictionWriter w = new PredictionWriter(out, true, false, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.write(1, "b.png", IMAGE, prediction(2, 0, List.of()), 1.0);
            w.commit();
        }
        Thread.sleep(20); // file times move on (coarse clocks tick every few ms)
        PredictionWriter.Options o = PredictionWriter.Options.defaults().withOverlays(false).withAppend(true);
        // the "killed" run: sets the tables aside, rewrites b's map and adds d's, never commits
        try (PredictionWriter w = new PredictionWriter(out, o, List.of())) {
            w.write(0, "b.png", IMAGE, prediction(9, 100, List.of()), 1.0);
            w.write(1, "d.png", IMAGE, prediction(9, 100, List.of()), 1.0);
        }
        assertThat(out.resolve("predictions.csv")).doesNotExist();
        try (PredictionWriter w = new PredictionWriter(out, o, List.of())) {
            assertThat(w.earlierRows()).isEqualTo(1);
            assertThat(w.notes()).anyMatch(n -> n.contains("1 dropped"));
            w.write(0, "c.png", IMAGE, prediction(3, 0, List.of()), 1.0);
            w.commit();
            assertThat(w.notes()).anyMatch(n -> n.contains("removed 2 map"));
        }
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(csv.subList(1, csv.size()).stream().map(l -> csvRow(l)[0])).containsExactly("a.png", "c.png");
        try (var files = Files.list(out.resolve("anomaly_maps"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("a.tiff", "c.tiff");
        }
    }

    @Test
    void anAppendRunKilledWhileSettingTheTablesAsideLeavesNoCsvWithoutItsJsonLinesAndIsRecovered() throws Exception {
        try (PredictionWriter w = new PredictionWriter(out, true, false, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.write(1, "b.png", IMAGE, prediction(2, 0, List.of()), 1.0);
            w.commit();
        }
        // what a run killed between the two renames of setting the tables aside leaves: the CSV (moved first) is
        // aside, the JSON lines are not
        Files.move(out.resolve(PredictionWriter.CSV), out.resolve(PredictionWriter.PREVIOUS_CSV));
        PredictionWriter.Options o = PredictionWriter.Options.defaults().withOverlays(false).withAppend(true);
        try (PredictionWriter w = new PredictionWriter(out, o, List.of())) {
            assertThat(w.earlierRows()).isEqualTo(2);
            // the committed JSON lines are set aside too: this run's own, until it commits, are never taken for them
            assertThat(out.resolve(PredictionWriter.PREVIOUS_JSONL)).exists();
            assertThat(out.resolve(PredictionWriter.JSONL)).doesNotExist();
            w.write(0, "c.png", IMAGE, prediction(3, 0, List.of()), 1.0);
            w.commit();
        }
        List<String> csv = Files.readAllLines(out.resolve(PredictionWriter.CSV));
        assertThat(csv.subList(1, csv.size()).stream().map(l -> csvRow(l)[0]))
                .containsExactly("a.png", "b.png", "c.png");
        assertThat(Files.readAllLines(out.resolve(PredictionWriter.JSONL))).hasSize(3);
    }

    @Test
    void noMapsAndNoOverlaysMeansNoSuchFolders() throws IOException {
        try (PredictionWriter w = new PredictionWriter(out, false, false, List.of())) {
            w.write(0, "a.png", IMAGE, prediction(1, 0, List.of()), 1.0);
            w.commit();
        }
        assertThat(out.resolve("anomaly_maps")).doesNotExist();
        assertThat(out.resolve("overlays")).doesNotExist();
    }
}
