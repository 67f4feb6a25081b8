package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance criterion of the pipeline issue, run exactly as a user would: {@code fit} on the real
 * juice_bottle training images, {@code predict} on its test folders, and the image AUROC (logical anomalies vs good)
 * from the scores in {@code predictions.csv}: at least 0.95, and above the built-in patch-knn baseline on the same
 * data. Needs {@code ../shared/data} (MVTec LOCO, CC BY-NC-SA, never copied into the project); skipped without it.
 */
class JuiceBottleAcceptanceTest {
    static final Path JUICE = Path.of("../../shared/data/mvtec_loco_subset/juice_bottle");

    @Test
    void samladBeatsTheBaselineAndReachesTheTarget(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(JUICE.resolve("train/good")),
                "skipped: ../shared/data/mvtec_loco_subset/juice_bottle is absent (test data lives beside the project)");
        double samlad = auroc(tmp.resolve("samlad"), "samlad");
        double baseline = auroc(tmp.resolve("knn"), "patch-knn");
        System.out.printf("juice_bottle image AUROC (logical vs good): samlad %.4f, patch-knn %.4f%n", samlad, baseline);
        assertThat(samlad).isGreaterThanOrEqualTo(0.95);
        assertThat(samlad).isGreaterThan(baseline);
    }

    private static double auroc(Path dir, String detector) throws Exception {
        Path bank = dir.resolve("bank.samlad");
        run("fit", "--train", JUICE.resolve("train/good").toString(), "--validation",
                JUICE.resolve("validation/good").toString(), "--out", bank.toString(), "--detector", detector);
        run("predict", "--bank", bank.toString(), "--out", dir.resolve("out").toString(), "--no-overlays",
                "--no-maps", JUICE.resolve("test/good").toString(), JUICE.resolve("test/logical_anomalies").toString());
        List<String> lines = Files.readAllLines(dir.resolve("out/predictions.csv"));
        // Outputs are named after the input folder: good/000.png, logical_anomalies/000.png, ...
        List<Double> good = new ArrayList<>();
        List<Double> bad = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            (f[0].startsWith("good/") ? good : bad).add(Double.parseDouble(f[1]));
        }
        try (var files = Files.list(JUICE.resolve("test/good"))) {
            assertThat(good).hasSize((int) files.count());
        }
        assertThat(bad).isNotEmpty();
        double wins = 0;
        for (double b : bad) {
            for (double g : good) {
                wins += b > g ? 1 : b == g ? 0.5 : 0;
            }
        }
        return wins / (good.size() * (double) bad.size());
    }

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        int code = SamladCommand.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as("samlad %s: %s", String.join(" ", args), err).isZero();
    }
}
