package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.Samlad;
import io.samlad.image.ImageWriters;
import io.samlad.output.OutputFolder;
import io.samlad.output.PredictionWriter;
import io.samlad.toy.ToyScenes.Defect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit} and {@code predict} run as separate processes (the built classes, {@code java -cp}) and are killed with
 * SIGKILL at random points, from fixed seeds. After every kill: the bank that was there still loads (the old one or
 * the new one, never a damaged one); a table in the output folder, if there is one, agrees with the files beside it
 * (each row's map has the CRC-32 its JSON line records, and no map lies there that no row describes); and the next
 * run succeeds and leaves no temporary file. Two banks take turns, so a row kept from one run beside a map rewritten
 * by another would show as a CRC mismatch. Up to 25 kills (at least 11), bounded to about 60 s plus the runs in progress: on a busy machine the
kills stop at the time budget once the minimum is reached.
 */
class CrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PREDICT_KILLS = 14;
    private static final int FIT_KILLS = 10;
    /** Kills stop at these many seconds per test once the minimum is reached, so a busy machine costs no more. */
    private static final long PREDICT_BUDGET_S = 40;
    private static final long FIT_BUDGET_S = 20;
    private static final int MIN_PREDICT_KILLS = 6;
    private static final int MIN_FIT_KILLS = 4;

    @TempDir
    static Path shared;
    static Path trainA;
    static Path trainB;
    static Path bankA;
    static Path bankB;
    static Path inputs;
    static int inputCount;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitTwoBanks() throws IOException {
        trainA = ToyImages.normals(shared.resolve("trainA"), 100, 4);
        trainB = ToyImages.normals(shared.resolve("trainB"), 300, 4);
        bankA = shared.resolve("a.samlad");
        bankB = shared.resolve("b.samlad");
        for (Path[] p : new Path[][] {{trainA, bankA}, {trainB, bankB}}) {
            CliRun.Result fit = CliRun.run("fit", "--train", p[0].toString(), "--out", p[1].toString());
            assertThat(fit.exitCode()).as(fit.toString()).isZero();
        }
        inputs = shared.resolve("in");
        Defect[] kinds = Defect.values();
        for (int i = 0; i < 8; i++) {
            ToyImages.write(inputs.resolve(String.format("q%02d.png", i)), 700 + i, kinds[i % kinds.length]);
        }
        inputCount = 8;
    }

    /** Starts {@code samlad args...} in its own JVM, output to a log file. */
    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.samlad.cli.SamladCommand"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("runs.log").toFile())).start();
    }

    private int runToEnd(String... args) throws Exception {
        Process p = start(args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run finished").isTrue();
        return p.exitValue();
    }

    /** Kills the process after {@code delayMs}; true when it was still running (a real kill). */
    private static boolean killAfter(Process p, long delayMs) throws InterruptedException {
        if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
        p.waitFor();
        return true;
    }

    private String[] predict(Path bank, Path out, String mode) {
        return new String[] {"predict", "--bank", bank.toString(), "--out", out.toString(), "--threads", "2", mode,
            inputs.toString()};
    }

    @Test
    void predictKilledAtRandomPointsNeverLeavesATableThatDisagreesWithItsFiles() throws Exception {
        Path out = dir.resolve("out");
        long t0 = System.nanoTime();
        assertThat(runToEnd(predict(bankA, out, "--overwrite"))).as(log()).isZero();
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        assertComplete(out);

        // a second run on the same folder while the first holds it fails at once
        Process holder = start(predict(bankB, out, "--append"));
        waitForRunning(out, holder);
        long c0 = System.nanoTime();
        CliRun.Result second = CliRun.run(predict(bankA, out, "--overwrite"));
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.err()).contains("another samlad run is writing into this folder")
                .contains("pid " + holder.pid());
        assertThat((System.nanoTime() - c0) / 1e9).as("refused at once, not after the work").isLessThan(20);
        int kills = killAfter(holder, 0) ? 1 : 0;
        assertAgrees(out);

        Random rnd = new Random(20261130L);
        long deadline = System.nanoTime() + PREDICT_BUDGET_S * 1_000_000_000L;
        int tries = 0;
        for (int k = 0; k < PREDICT_KILLS && (k < MIN_PREDICT_KILLS || System.nanoTime() < deadline); k++) {
            tries++;
            Path bank = rnd.nextBoolean() ? bankA : bankB;
            String mode = rnd.nextInt(3) == 0 ? "--overwrite" : "--append";
            Process p = start(predict(bank, out, mode));
            if (killAfter(p, (long) (rnd.nextDouble() * runMs * 1.1))) {
                kills++;
            }
            assertAgrees(out);
            if (k % 5 == 4) {
                assertThat(runToEnd(predict(rnd.nextBoolean() ? bankA : bankB, out, "--append"))).as(log()).isZero();
                assertComplete(out);
            }
        }
        // the run after the last kill succeeds and cleans up
        assertThat(runToEnd(predict(bankB, out, "--append"))).as(log()).isZero();
        assertComplete(out);
        System.out.printf("crash test: %d of %d predict kills hit a live process%n", kills, tries + 1);
        assertThat(kills).as("kills that hit a live process").isGreaterThanOrEqualTo(MIN_PREDICT_KILLS / 2);
    }

    @Test
    void fitKilledAtRandomPointsLeavesTheEarlierBankOrTheNewOneNeverADamagedOne() throws Exception {
        Path bank = dir.resolve("bank.samlad");
        long t0 = System.nanoTime();
        assertThat(runToEnd("fit", "--train", trainA.toString(), "--out", bank.toString())).as(log()).isZero();
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        Random rnd = new Random(7L);
        int kills = 0;
        int tries = 0;
        long deadline = System.nanoTime() + FIT_BUDGET_S * 1_000_000_000L;
        for (int k = 0; k < FIT_KILLS && (k < MIN_FIT_KILLS || System.nanoTime() < deadline); k++) {
            tries++;
            Path train = k % 2 == 0 ? trainB : trainA;
            Process p = start("fit", "--train", train.toString(), "--out", bank.toString());
            // the save comes at the end: aim most kills at the second half of the run (a few land after it)
            double at = rnd.nextInt(3) == 0 ? rnd.nextDouble() : 0.5 + 0.55 * rnd.nextDouble();
            if (killAfter(p, (long) (at * runMs))) {
                kills++;
            }
            // readBank checks the version, the length and the checksum of the whole file
            assertThat(Samlad.readBank(bank).names()).as("bank after kill %d", k).hasSize(4);
        }
        assertThat(runToEnd("fit", "--train", trainB.toString(), "--out", bank.toString())).as(log()).isZero();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary bank left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
        System.out.printf("crash test: %d of %d fit kills hit a live process%n", kills, tries);
        assertThat(kills).as("kills that hit a live process").isGreaterThanOrEqualTo(MIN_FIT_KILLS / 2);
    }

    private void waitForRunning(Path out, Process p) throws Exception {
        Path note = out.resolve(OutputFolder.LOCK);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(note) && Files.readString(note).contains("pid=" + p.pid() + "\n")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the holding run never took the folder\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("runs.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** After a successful run: every input has its row, every file agrees, nothing temporary is left. */
    private static void assertComplete(Path out) throws IOException {
        assertAgrees(out);
        List<String> csv = Files.readAllLines(out.resolve(PredictionWriter.CSV));
        assertThat(csv).hasSize(1 + inputCount);
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .filter(n -> !n.equals(OutputFolder.LOCK)).toList()).as("hidden leftovers").isEmpty();
        }
    }

    /** If there is a table, it agrees with the maps and overlays beside it. */
    private static void assertAgrees(Path out) throws IOException {
        Path csvFile = out.resolve(PredictionWriter.CSV);
        if (!Files.exists(csvFile)) {
            return; // no table claims anything
        }
        List<String> csv = Files.readAllLines(csvFile);
        assertThat(csv.get(0)).isEqualTo(PredictionWriter.CSV_HEADER);
        Map<String, JsonNode> byPath = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve(PredictionWriter.JSONL))) {
            JsonNode n = JSON.readTree(line);
            byPath.put(n.get("path").asText(), n);
        }
        assertThat(byPath).hasSize(csv.size() - 1);
        Set<Path> described = new HashSet<>();
        for (String line : csv.subList(1, csv.size())) {
            String path = line.substring(0, line.indexOf(','));
            JsonNode n = byPath.get(path);
            assertThat(n).as("JSON line for %s", path).isNotNull();
            assertThat(n.has("error")).as(line).isFalse();
            Path map = out.resolve(n.get("mapFile").asText());
            byte[] bytes = Files.readAllBytes(map);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            assertThat(String.format("%08x", crc.getValue())).as("map of %s", path).isEqualTo(n.get("mapCrc32").asText());
            assertThat(ImageWriters.readFloatTiff(map).width()).isEqualTo(ToyImages.WIDTH);
            assertThat(Double.parseDouble(line.split(",")[1])).isEqualTo(n.get("score").asDouble(), within());
            described.add(map.normalize());
            Path overlay = out.resolve(n.get("overlayFile").asText());
            assertThat(overlay).isRegularFile();
            described.add(overlay.normalize());
        }
        for (String folder : List.of("anomaly_maps", "overlays")) {
            if (!Files.isDirectory(out.resolve(folder))) {
                continue;
            }
            try (Stream<Path> s = Files.walk(out.resolve(folder))) {
                List<Path> files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().endsWith(".tmp")).map(Path::normalize).toList();
                assertThat(files).as("files beside the table that no row describes")
                        .allMatch(described::contains);
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
