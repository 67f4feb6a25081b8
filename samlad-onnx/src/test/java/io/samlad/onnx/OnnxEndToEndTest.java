package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's fit / save / load / predict with every stage running through ONNX Runtime on the tiny models.
 * Normal images: a grey 64x64 scene with a red 20x20 square near the centre (a few pixels of jitter); the anomaly
 * lacks the square.
 */
class OnnxEndToEndTest {
    @TempDir
    Path dir;

    static RgbImage scene(int dx, int dy, boolean withSquare) {
        int w = 64;
        int h = 64;
        float[] d = new float[3 * w * h];
        java.util.Arrays.fill(d, 0.5f);
        if (withSquare) {
            for (int y = 22 + dy; y < 42 + dy; y++) {
                for (int x = 22 + dx; x < 42 + dx; x++) {
                    d[y * w + x] = 0.9f;
                    d[w * h + y * w + x] = 0.1f;
                    d[2 * w * h + y * w + x] = 0.1f;
                }
            }
        }
        return RgbImage.ofPlanar(w, h, d);
    }

    Path write(String name, RgbImage img) throws IOException {
        Path p = dir.resolve(name);
        ImageWriters.writePng(img.toBufferedImage(), p);
        return p;
    }

    static ModelChoice models(Path backbone) {
        BackboneCard vit = BackboneCard.empty().withInputSize(56);
        SamCard sam = SamCard.empty().withPointsPerSide(8);
        return new ModelChoice(backbone, null, vit, TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER_SINGLE_BATCHED,
                null, sam, TinyModels.UPSAMPLER, null);
    }

    @Test
    void fitSaveLoadPredictWithOnnxStages() throws IOException {
        SamladConfig config = SamladConfig.builder().workingShortSide(64).references(2).build();
        List<Path> train = new ArrayList<>();
        int[][] jitter = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 1}, {-1, -1}, {2, 0}};
        for (int i = 0; i < jitter.length; i++) {
            train.add(write("train" + i + ".png", scene(jitter[i][0], jitter[i][1], true)));
        }
        Path good = write("good.png", scene(1, -1, true));
        Path bad = write("bad.png", scene(0, 0, false));
        Path bank = dir.resolve("bank.samlad");
        Prediction goodFitted;
        try (Pipeline p = OnnxPipelines.create(models(TinyModels.VIT_CLS), TinyModels.CPU, () -> {
            throw new AssertionError("every stage has a model");
        })) {
            FittedDetector d = Samlad.fit(p, config, train, List.of(), ProgressListener.NONE);
            assertThat(d.bankSize()).isEqualTo(8);
            // the ViT's 384 channels are projected to the default 64, after the model upsampler (which needs 384)
            assertThat(d.featureProjection()).get().asString().startsWith("PCA of 384 backbone channels to 64");
            d.save(bank);
            goodFitted = d.predict(ImageLoader.read(good));
            Prediction badFitted = d.predict(ImageLoader.read(bad));
            assertThat(goodFitted.anomalyMap().width()).isEqualTo(64);
            assertThat(goodFitted.timings().millis(Stage.FEATURES)).isPositive();
            assertThat(goodFitted.timings().millis(Stage.MASKS)).isPositive();
            assertThat(goodFitted.timings().millis(Stage.UPSAMPLING)).isPositive();
            // the red square is the scene's object: its absence must score higher than a normal image
            assertThat(badFitted.score()).isGreaterThan(goodFitted.score());
        }
        // a fresh pipeline with the same models reads the bank and predicts the same
        try (Pipeline p = OnnxPipelines.create(models(TinyModels.VIT_CLS), TinyModels.CPU, () -> null)) {
            FittedDetector loaded = Samlad.load(bank, p);
            assertThat(loaded.predict(ImageLoader.read(good)).score()).isEqualTo(goodFitted.score());
        }
        // another backbone: the bank is refused, naming the file
        try (Pipeline other = OnnxPipelines.create(models(TinyModels.VIT_REG4), TinyModels.CPU, () -> null)) {
            assertThatThrownBy(() -> Samlad.load(bank, other)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(bank.toString()).hasMessageContaining("other stages");
        }
    }
}
