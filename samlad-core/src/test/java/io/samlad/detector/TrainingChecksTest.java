package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit-time sanity checks: one noise image among the normals, an image of another size or aspect, and validation
 * images that are training images are each named in one line; clean data gives no finding.
 */
class TrainingChecksTest {
    @TempDir
    Path dir;

    @Test
    void aScoreFarAboveTheOthersIsNamedAndOrdinarySpreadIsNot() {
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        double[] ordinary = {-0.4, 0.1, 0.0, 0.9, 1.3, -0.2, 0.5, 0.2};
        assertThat(TrainingChecks.outliers(names, ordinary, "score", TrainingChecks.MIN_SCORE_GAP)).isEmpty();
        double[] withNoise = ordinary.clone();
        withNoise[5] = 13.9;
        List<String> found = TrainingChecks.outliers(names, withNoise, "score", TrainingChecks.MIN_SCORE_GAP);
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).startsWith("f: outlier among the training images: score 13.900");
    }

    @Test
    void tooFewScoresSayNothing() {
        assertThat(TrainingChecks.outliers(List.of("a", "b", "c"), new double[] {0, 0, 100}, "s", 1)).isEmpty();
    }

    @Test
    void sizesAndAspectsAgainstTheMajority() {
        Path a = Path.of("a.png");
        Path b = Path.of("b.png");
        Path c = Path.of("c.png");
        Path d = Path.of("d.png");
        Path e = Path.of("e.png");
        Path v = Path.of("v.png");
        Map<Path, ImageLoader.Size> sizes = Map.of(a, new ImageLoader.Size(200, 100), b, new ImageLoader.Size(200, 100),
                c, new ImageLoader.Size(400, 200), d, new ImageLoader.Size(100, 100), e, new ImageLoader.Size(200, 100),
                v, new ImageLoader.Size(300, 100));
        List<String> found = TrainingChecks.sizes(List.of(a, b, c, d, e), List.of(v), sizes);
        assertThat(found).hasSize(3);
        assertThat(found.get(0)).startsWith("c.png: size 400x200 differs from the 3 of 5 training images that are 200x100");
        assertThat(found.get(1)).startsWith("d.png: aspect ratio 1.000 (100x100) differs");
        assertThat(found.get(2)).startsWith("v.png: aspect ratio 3.000");
        // two sizes, half each: no majority, nothing stands out
        assertThat(TrainingChecks.sizes(List.of(a, d), List.of(), sizes)).isEmpty();
    }

    private List<Path> normals(int count) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path p = dir.resolve("train/n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(200 + i, Defect.NONE).toBufferedImage(), p);
            out.add(p);
        }
        return out;
    }

    @Test
    void validationImagesThatAreTrainingImagesAreFoundByContent() throws IOException {
        List<Path> train = normals(3);
        Path copy = Files.copy(train.get(1), Files.createDirectories(dir.resolve("val")).resolve("renamed.png"));
        Path other = dir.resolve("val/other.png");
        ImageWriters.writePng(ToyScenes.scene(999, Defect.NONE).toBufferedImage(), other);
        List<String> found = TrainingChecks.validationInTraining(train, List.of(copy, other));
        assertThat(found).containsExactly(copy + ": validation image is also a training image (" + train.get(1)
                + "): it scores like the bank's own images and makes the threshold too low");
        assertThat(TrainingChecks.validationInTraining(train, train)).hasSize(1).first().asString()
                .contains("all 3 validation images are training images");
    }

    /** The case, end to end: a noise image among normals is named by its leave-one-out score. */
    @Test
    void aNoiseImageAmongTheNormalsIsNamedInTheBanksProvenance() throws IOException {
        List<Path> train = normals(11);
        Path noise = dir.resolve("train/zz-noise.png");
        BufferedImage img = new BufferedImage(ToyScenes.SIZE, ToyScenes.SIZE, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        ImageWriters.writePng(img, noise);
        train.add(noise);
        SamladConfig config = SamladConfig.defaults();
        try (Pipeline pipeline = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(pipeline, config, train, List.of(), ProgressListener.NONE)) {
            List<String> findings = d.fitFindings();
            System.out.println("findings: " + findings);
            assertThat(findings).isNotEmpty().allMatch(f -> f.startsWith(noise + ": outlier among the training images"));
            assertThat(((SamladDetector) d).bank().provenance().findings()).isEqualTo(findings);
        }
        train.remove(noise);
        try (Pipeline pipeline = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(pipeline, config, train, List.of(), ProgressListener.NONE)) {
            assertThat(d.fitFindings()).as("clean normals").isEmpty();
        }
    }
}
