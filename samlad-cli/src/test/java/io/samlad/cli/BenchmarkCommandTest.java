package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.data.synth.DefectRegion;
import io.samlad.data.synth.DefectType;
import io.samlad.data.synth.ToyLocoWriter;
import io.samlad.toy.ToyScenes;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchmarkCommandTest {
    private static final int TEST_GOOD = 2;
    private static final int TEST_LOGICAL = 2;

    /** A tiny MVTec LOCO category of toy scenes: a missing disc is the logical anomaly. */
    private static Path writeToyCategory(Path root) throws IOException {
        DefectType missing = DefectType.relative("missing_disc", 255, 1.0);
        ToyLocoWriter toy = ToyLocoWriter.create(root.resolve("discs"), missing);
        for (int i = 0; i < 8; i++) {
            toy.train(ToyScenes.scene(i, ToyScenes.Defect.NONE).toBufferedImage());
        }
        for (int i = 0; i < 3; i++) {
            toy.validation(ToyScenes.scene(100 + i, ToyScenes.Defect.NONE).toBufferedImage());
        }
        for (int i = 0; i < TEST_GOOD; i++) {
            toy.testGood(ToyScenes.scene(200 + i, ToyScenes.Defect.NONE).toBufferedImage());
        }
        int[] centre = ToyScenes.DISCS[ToyScenes.CHANGED];
        Rectangle where = new Rectangle(centre[0] - ToyScenes.RADIUS, centre[1] - ToyScenes.RADIUS,
                2 * ToyScenes.RADIUS, 2 * ToyScenes.RADIUS);
        for (int i = 0; i < TEST_LOGICAL; i++) {
            toy.logical(ToyScenes.scene(300 + i, ToyScenes.Defect.MISSING).toBufferedImage(),
                    new DefectRegion(missing, where));
        }
        toy.finish();
        return root;
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
        // CPU time of the detector's stages on the predicting thread
        assertThat(j.get("stages_cpu_ms_median").get("features").asDouble()).isPositive();
        assertThat(j.get("stages_cpu_ms_median").get("measuring").asDouble()).isPositive();
        assertThat(j.get("stages_cpu_ms_median").has("writing")).isFalse();
        // the background writer's CPU per image, reported apart (it renders and encodes on its own thread)
        assertThat(j.has("writer_cpu_ms_per_image")).isTrue();
        assertThat(j.get("writer_cpu_ms_per_image").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(sum).isLessThanOrEqualTo(j.get("stages_ms_p90").get("total").asDouble() * (stages.size() - 1));
        assertThat(j.get("images_per_s_single").asDouble()).isPositive();
        assertThat(j.get("images_per_s_parallel").asDouble()).isPositive();
        assertThat(j.get("peak_heap_mb").asDouble()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        assertThat(j.get("bank_mb").asDouble()).isPositive().isLessThan(50);
        // provenance: the embedded pipeline's identity, and no ONNX model
        assertThat(j.path("provenance").path("pipeline").asText()).startsWith("features=embedded");
        assertThat(j.path("provenance").path("models").isArray()).isTrue();
        assertThat(j.path("provenance").path("models")).isEmpty();
        // the embedded 31 channels are narrower than the default projection width: not projected
        assertThat(j.path("provenance").path("projection").asText()).isEqualTo("none");
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
