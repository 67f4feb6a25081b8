package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes.Defect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code samlad predict} into a folder that already holds a run: refused, overwritten or appended to, as asked. */
class PredictOutputFolderTest {
    @TempDir
    static Path shared;
    static Path bank;
    static Path first;
    static Path second;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitASmallBank() throws IOException {
        Path train = ToyImages.normals(shared.resolve("train"), 100, 4);
        bank = shared.resolve("toy.samlad");
        CliRun.Result fit = CliRun.run("fit", "--train", train.toString(), "--out", bank.toString());
        assertThat(fit.exitCode()).as(fit.toString()).isZero();
        first = ToyImages.write(shared.resolve("one/a.png"), 500, Defect.NONE).getParent();
        second = ToyImages.write(shared.resolve("two/b.png"), 501, Defect.MISSING).getParent();
    }

    private CliRun.Result predict(Path input, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--bank", bank.toString(), "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        args.add(input.toString());
        return CliRun.run(args.toArray(String[]::new));
    }

    private List<String> tablePaths() throws IOException {
        List<String> csv = Files.readAllLines(dir.resolve("out/predictions.csv"));
        return csv.subList(1, csv.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedUntilItSaysOverwriteOrAppend() throws IOException {
        assertThat(predict(first).exitCode()).isZero();
        CliRun.Result again = predict(second);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.errLines().get(0)).startsWith("samlad: error: " + dir.resolve("out"))
                .contains("holds the outputs of an earlier run").contains("--overwrite").contains("--append");
        assertThat(tablePaths()).as("the earlier run is untouched").containsExactly("one/a.png");

        CliRun.Result appended = predict(second, "--append");
        assertThat(appended.exitCode()).as(appended.toString()).isZero();
        assertThat(appended.out()).contains("appended to an earlier table of 1 rows");
        assertThat(tablePaths()).containsExactly("one/a.png", "two/b.png");
        assertThat(dir.resolve("out/anomaly_maps/one/a.tiff")).isRegularFile();

        CliRun.Result overwritten = predict(second, "--overwrite");
        assertThat(overwritten.exitCode()).as(overwritten.toString()).isZero();
        assertThat(tablePaths()).containsExactly("two/b.png");
        assertThat(dir.resolve("out/anomaly_maps/one")).doesNotExist();
    }

    @Test
    void overwriteAndAppendTogetherOrABadMapScaleAreUsageErrors() {
        CliRun.Result both = predict(first, "--overwrite", "--append");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
        assertThat(both.err()).contains("--overwrite and --append exclude each other");
        for (String scale : List.of("0", "1.5", "NaN", "-1")) {
            CliRun.Result bad = predict(first, "--map-scale", scale);
            assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
            assertThat(bad.err()).contains("--map-scale must be in (0, 1]");
        }
        CliRun.Result panel = predict(first, "--overlay-panel", "100");
        assertThat(panel.exitCode()).as(panel.toString()).isEqualTo(2);
        assertThat(panel.err()).contains("--overlay-panel must be at least 160");
        assertThat(dir.resolve("out")).doesNotExist();
        CliRun.Result nice = predict(first, "--writer-nice", "20");
        assertThat(nice.exitCode()).as(nice.toString()).isEqualTo(2);
        assertThat(nice.err()).contains("--writer-nice must be in 0..19, got 20");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void mapScaleWritesSmallerMaps() throws IOException {
        CliRun.Result r = predict(first, "--map-scale", "0.5", "--no-overlays");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var map = ImageWriters.readFloatTiff(dir.resolve("out/anomaly_maps/one/a.tiff"));
        assertThat(map.width()).isEqualTo(Math.round(ToyImages.WIDTH * 0.5f));
        assertThat(map.height()).isEqualTo(Math.round(ToyImages.HEIGHT * 0.5f));
    }
}
