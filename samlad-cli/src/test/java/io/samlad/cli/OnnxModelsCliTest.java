package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.data.synth.DefectRegion;
import io.samlad.data.synth.DefectType;
import io.samlad.data.synth.ToyLocoWriter;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samlad models inspect}, {@code fit} and {@code predict} from the command line with every stage on the tiny
 * ONNX models of samlad-onnx's tests (real ONNX Runtime code path). Scenes: grey 64x64 with a red 20x20 square;
 * the anomaly lacks it.
 */
class OnnxModelsCliTest {
    static final Path MODELS = Path.of("../samlad-onnx/src/test/resources/models");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run samlad(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SamladCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String model(String name) {
        return MODELS.resolve(name).toString();
    }

    static RgbImage scene(int dx, int dy, boolean withSquare) {
        int w = 64;
        float[] d = new float[3 * w * w];
        java.util.Arrays.fill(d, 0.5f);
        for (int y = 22 + dy; withSquare && y < 42 + dy; y++) {
            for (int x = 22 + dx; x < 42 + dx; x++) {
                d[y * w + x] = 0.9f;
                d[w * w + y * w + x] = 0.1f;
                d[2 * w * w + y * w + x] = 0.1f;
            }
        }
        return RgbImage.ofPlanar(w, w, d);
    }

    static List<String> modelArgs(String backbone) {
        return List.of("--backbone", model(backbone), "--backbone-input-size", "56",
                "--sam-encoder", model("tiny_sam_encoder.onnx"),
                "--sam-decoder", model("tiny_sam_decoder_single_batched.onnx"), "--points-per-side", "8",
                "--upsampler", model("tiny_upsampler.onnx"), "--intra-op-threads", "1");
    }

    static String[] args(List<String> a, List<String> b, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void inspectSaysWhichRoleEachModelFits() {
        Run r = samlad("models", "inspect", model("tiny_vit_reg4.onnx"), model("tiny_sam_decoder.onnx"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fits     backbone: vision transformer, patch 14, 5 prefix token(s)")
                .contains("fits     sam-decoder: one prompt per run").contains("point_coords float32[1,?,2]");
        Run missing = samlad("models", "inspect", dir.resolve("none.onnx").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("none.onnx: no such model file");
    }

    @Test
    void fitAndPredictWithOnnxModels() throws IOException {
        Path train = Files.createDirectories(dir.resolve("train"));
        int[][] jitter = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 1}, {-1, -1}, {2, 0}};
        for (int i = 0; i < jitter.length; i++) {
            ImageWriters.writePng(scene(jitter[i][0], jitter[i][1], true).toBufferedImage(),
                    train.resolve("t" + i + ".png"));
        }
        Path test = Files.createDirectories(dir.resolve("test"));
        ImageWriters.writePng(scene(1, -1, true).toBufferedImage(), test.resolve("good.png"));
        ImageWriters.writePng(scene(0, 0, false).toBufferedImage(), test.resolve("missing.png"));
        Path bank = dir.resolve("bank.samlad");

        Run fit = samlad(args(List.of("fit", "--train", train.toString(), "--out", bank.toString(),
                "--working-size", "64", "-k", "2"), modelArgs("tiny_vit_cls.onnx")));
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(bank).exists();

        Path out = dir.resolve("pred");
        Run predict = samlad(args(List.of("predict", "--bank", bank.toString(), "--out", out.toString()),
                modelArgs("tiny_vit_cls.onnx"), test.toString()));
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(rows).hasSize(3);
        String good = rows.stream().filter(l -> l.startsWith("test/good.png")).findFirst().orElseThrow();
        String bad = rows.stream().filter(l -> l.startsWith("test/missing.png")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(bad.split(",")[1])).isGreaterThan(Double.parseDouble(good.split(",")[1]));

        // predicting with another backbone than the bank's is refused, naming the bank
        Run other = samlad(args(List.of("predict", "--bank", bank.toString(), "--out", dir.resolve("p2").toString()),
                modelArgs("tiny_vit_reg4.onnx"), test.toString()));
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("bank.samlad: bank was fitted with other stages");
        // half a SAM pair is a usage error
        Run half = samlad("predict", "--bank", bank.toString(), "--out", dir.resolve("p3").toString(),
                "--sam-encoder", model("tiny_sam_encoder.onnx"), test.toString());
        assertThat(half.code()).isEqualTo(2);
        assertThat(half.err()).contains("a SAM encoder and a SAM decoder go together");
    }

    @Test
    void evaluateWithOnnxModels() throws IOException {
        // A one-category MVTec LOCO layout: the anomaly lacks its square; its mask is where the square should be.
        DefectType missing = DefectType.relative("missing_square", 255, 1.0);
        ToyLocoWriter toy = ToyLocoWriter.create(dir.resolve("loco/squares"), missing);
        int[][] jitter = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 1}, {-1, -1}, {2, 0}, {0, 2}, {-2, 0}};
        for (int i = 0; i < jitter.length; i++) {
            BufferedImage image = scene(jitter[i][0], jitter[i][1], true).toBufferedImage();
            if (i < 7) {
                toy.train(image);
            } else {
                toy.validation(image);
            }
        }
        for (int i = 0; i < 2; i++) {
            toy.testGood(scene(i, -i, true).toBufferedImage());
            toy.logical(scene(0, 0, false).toBufferedImage(),
                    new DefectRegion(missing, new Rectangle(22, 22, 20, 20)));
        }
        toy.finish();

        Path out = dir.resolve("eval");
        Run eval = samlad(args(List.of("evaluate", "--dataset", dir.resolve("loco").toString(), "--out",
                out.toString(), "--working-size", "64", "-k", "2"), modelArgs("tiny_vit_cls.onnx")));
        assertThat(eval.code()).as(eval.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("squares/metrics.json").toFile());
        // Two good and two anomalous images: the anomalies lack the square and must rank above the good ones.
        assertThat(metrics.path("image_auroc").path("logical").asDouble()).isEqualTo(1.0);
        assertThat(out.resolve("anomaly_maps/squares/test/logical_anomalies/000.tiff")).isRegularFile();
        assertThat(out.resolve("squares/report.html")).isRegularFile();
        // provenance: the pipeline's identity and every model with its SHA-256 and card, in metrics and report
        com.fasterxml.jackson.databind.JsonNode d = metrics.path("provenance").path("detector");
        String decoderSha = io.samlad.onnx.Sha256.of(Path.of(model("tiny_sam_decoder_single_batched.onnx")));
        assertThat(d.path("pipeline").asText()).startsWith("features=onnx").contains(decoderSha);
        assertThat(d.path("models")).extracting(m -> m.path("role").asText())
                .containsExactly("backbone", "upsampler", "sam-encoder", "sam-decoder");
        assertThat(d.path("models").get(3).path("sha256").asText()).isEqualTo(decoderSha);
        assertThat(d.path("models").get(2).path("card").path("pointsPerSide").asInt()).isEqualTo(8);
        assertThat(Files.readString(out.resolve("squares/report.md"))).contains("sam-decoder")
                .contains(decoderSha);
    }

    @Test
    void inspectWithACardShowsTheProbedGridAndHintsAtTheOutputField() throws IOException {
        Path card = dir.resolve("c224.card.json");
        Files.writeString(card, "{\"inputSize\": 224}");
        Run r = samlad("models", "inspect", "--card", card.toString(), model("tiny_vit_reg4.onnx"),
                model("tiny_cnn_two_outputs.onnx"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("probe 224x224 input -> feature grid 16x16 x 384 channels (after 5 prefix")
                .contains("the model has 2 outputs: name the feature output with the card's \"output\" field");
        Path typo = dir.resolve("typo.card.json");
        Files.writeString(typo, "{\"inputSiz\": 224}");
        Run bad = samlad("models", "inspect", "--card", typo.toString(), model("tiny_vit_reg4.onnx"));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("typo.card.json: unknown field 'inputSiz'");
    }
}
