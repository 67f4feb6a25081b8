package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchmarkCommandTest {
    private static final int TEST_GOOD = 2;
    private static final int TEST_LOGICAL = 2;

    /** A tiny MVTec LOCO category of toy scenes: a missing disc is the logical anomaly. */
    private static Path writeToyCategory(Path root) throws IOException {
        Path c = root.resolve("discs");
        Files.createDirectories(c);
        Files.writeString(c.resolve("defects_config.json"), """
                [{"defect_name": "missing_disc", "pixel_value": 255, "saturation_threshold": 1.0,
                  "relative_saturation": true}]""");
        for (int i = 0; i < 8; i++) {
            png(ToyScenes.scene(i, ToyScenes.Defect.NONE), c.resolve(String.format("train/good/%03d.png", i)));
        }
        for (int i = 0; i < 3; i++) {
            png(ToyScenes.scene(100 + i, ToyScenes.Defect.NONE), c.resolve(String.format("validation/good/%03d.png", i)));
        }
        for (int i = 0; i < TEST_GOOD; i++) {
            png(ToyScenes.scene(200 + i, ToyScenes.Defect.NONE), c.resolve(String.format("test/good/%03d.png", i)));
        }
        for (int i = 0; i < TEST_LOGICAL; i++) {
            png(ToyScenes.scene(300 + i, ToyScenes.Defect.MISSING),
                    c.resolve(String.format("test/logical_anomalies/%03d.png", i)));
            BufferedImage mask = new BufferedImage(ToyScenes.SIZE, ToyScenes.SIZE, BufferedImage.TYPE_BYTE_GRAY);
            int[] centre = ToyScenes.DISCS[ToyScenes.CHANGED];
            for (int y = centre[1] - ToyScenes.RADIUS; y < centre[1] + ToyScenes.RADIUS; y++) {
                for (int x = centre[0] - ToyScenes.RADIUS; x < centre[0] + ToyScenes.RADIUS; x++) {
                    mask.getRaster().setSample(x, y, 0, 255);
                }
            }
            Path m = c.resolve(String.format("ground_truth/logical_anomalies/%03d/000.png", i));
            Files.createDirectories(m.getParent());
            ImageIO.write(mask, "png", m.toFile());
        }
        return root;
    }

    private static void png(RgbImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageWriters.writePng(image.toBufferedImage(), file);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchmarkCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasTheIssuesKeysWithSaneValues(@TempDir Path tmp) throws IOException {
        Path root = writeToyCategory(tmp);
        Run r = run("--dataset", root.toString(), "--category", "discs", "--json", "--warmup", "1", "--threads", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());

        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("fit_s", "predict_ms_median", "predict_ms_p90", "stages_ms_median",
                "images_per_s_single", "images_per_s_parallel", "peak_heap_mb", "threads", "bank_mb");
        List<String> stages = new ArrayList<>();
        j.get("stages_ms_median").fieldNames().forEachRemaining(stages::add);
        assertThat(stages).containsExactly("decode", "features", "upsampling", "masks", "retrieval", "encoding",
                "matching", "measuring", "writing", "total");

        assertThat(j.get("test_images").asInt()).isEqualTo(TEST_GOOD + TEST_LOGICAL);
        assertThat(j.get("train_images").asInt()).isEqualTo(8);
        assertThat(j.get("threads").asInt()).isEqualTo(2);
        assertThat(j.get("fit_s").asDouble()).isPositive();
        double median = j.get("predict_ms_median").asDouble();
        assertThat(median).isPositive().isLessThanOrEqualTo(j.get("predict_ms_p90").asDouble());
        // Every stage the embedded pipeline runs takes some time; their sum cannot exceed the total of the slowest
        // image, and each stage median is at most its p90.
        double sum = 0;
        for (String s : stages.subList(0, stages.size() - 1)) {
            double v = j.get("stages_ms_median").get(s).asDouble();
            assertThat(v).as(s).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(j.get("stages_ms_p90").get(s).asDouble());
            sum += v;
        }
        for (String s : List.of("decode", "features", "upsampling", "masks", "writing")) {
            assertThat(j.get("stages_ms_median").get(s).asDouble()).as(s).isPositive();
        }
        assertThat(j.get("stages_ms_median").get("total").asDouble()).isPositive();
        assertThat(sum).isLessThanOrEqualTo(j.get("stages_ms_p90").get("total").asDouble() * (stages.size() - 1));
        assertThat(j.get("images_per_s_single").asDouble()).isPositive();
        assertThat(j.get("images_per_s_parallel").asDouble()).isPositive();
        assertThat(j.get("peak_heap_mb").asDouble()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        assertThat(j.get("bank_mb").asDouble()).isPositive().isLessThan(50);
    }

    @Test
    void textReportNamesEveryStage(@TempDir Path tmp) throws IOException {
        Path root = writeToyCategory(tmp);
        Run r = run("--dataset", root.toString(), "--category", "discs", "--warmup", "0", "--max-images", "1",
                "--threads", "1", "--no-write");
        assertThat(r.exit()).as(r.err()).isZero();
        for (String s : List.of("decode", "features", "upsampling", "masks", "retrieval", "encoding", "matching",
                "measuring", "writing", "total", "images/s", "peak heap")) {
            assertThat(r.out()).contains(s);
        }
        assertThat(r.out()).contains("1 test images");
    }

    @Test
    void unknownCategoryFailsNamingIt(@TempDir Path tmp) throws IOException {
        Path root = writeToyCategory(tmp);
        Run r = run("--dataset", root.toString(), "--category", "nope");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("nope").contains("no such category");
    }
}
