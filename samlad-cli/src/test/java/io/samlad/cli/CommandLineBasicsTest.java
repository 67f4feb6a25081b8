package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help, version, usage errors and the registered commands. */
class CommandLineBasicsTest {
    private static final List<String> COMMANDS = List.of("fit", "predict", "demo", "evaluate", "datasets", "models",
            "serve", "bench-serve");

    @Test
    void everyCommandIsRegistered() {
        assertThat(new CommandLine(new SamladCommand()).getSubcommands().keySet()).containsAll(COMMANDS);
    }

    @Test
    void helpExitsZeroAndListsTheCommands() {
        CliRun.Result r = CliRun.run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: samlad");
        for (String c : COMMANDS) {
            assertThat(r.out()).as(c).containsPattern("(?m)^\\s+" + c + "\\s");
        }
        assertThat(r.err()).isBlank();
    }

    @Test
    void versionExitsZeroAndPrintsTheToolVersion() {
        CliRun.Result r = CliRun.run("--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("samlad " + Version.VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "demo", "evaluate", "datasets", "models", "serve", "bench-serve"})
    void everyCommandHasHelp(String command) {
        CliRun.Result r = CliRun.run(command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: samlad " + command);
        assertThat(r.err()).as(r.toString()).isBlank();
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        CliRun.Result r = CliRun.run("--no-such-option");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void unknownOptionOfACommandIsAUsageErrorNamingIt() {
        CliRun.Result r = CliRun.run("demo", "--no-such-option");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun.Result r = CliRun.run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: samlad");
    }

    /** The README's first command: it must run end to end with no data and no download. */
    @Test
    void demoWritesItsBankTablesMapsAndOverlays(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        CliRun.Result r = CliRun.run("demo", "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(out.resolve("demo.samlad")).isNotEmptyFile();
        // Every test image it generated is predicted: one row, one map and one overlay each.
        List<Path> tests;
        try (Stream<Path> s = Files.walk(out.resolve("data"))) {
            tests = s.filter(p -> p.toString().endsWith(".png")
                    && p.getParent().getParent().getFileName().toString().equals("test")).toList();
        }
        assertThat(tests).isNotEmpty();
        Path results = out.resolve("results");
        List<String> csv = Files.readAllLines(results.resolve("predictions.csv"));
        assertThat(csv).hasSize(1 + tests.size());
        assertThat(Files.readAllLines(results.resolve("predictions.jsonl"))).hasSize(tests.size());
        for (String row : csv.subList(1, csv.size())) {
            String rel = row.substring(0, row.indexOf(','));
            assertThat(results.resolve("anomaly_maps").resolve(rel.replace(".png", ".tiff"))).as(rel).isNotEmptyFile();
            assertThat(results.resolve("overlays").resolve(rel)).as(rel).isNotEmptyFile();
        }
        // The printed table has a line per test image.
        for (String row : csv.subList(1, csv.size())) {
            assertThat(r.out()).contains(row.substring(0, row.indexOf(',')));
        }
    }
}
