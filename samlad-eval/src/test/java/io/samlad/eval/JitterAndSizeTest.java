package io.samlad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.data.synth.SynthLocoGenerator;
import io.samlad.data.synth.SynthLocoOptions;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladDetector;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorers;
import io.samlad.objects.Scene;
import io.samlad.segment.ObjectMask;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On small generated sets: the patch search radius follows how much a category's parts move in its normal images
 * (issue 11, pose jitter), and a connector of the other size is an object whose size differs from its counterparts'
 * (ATTRIBUTE), found inside the ground truth.
 */
class JitterAndSizeTest {
    @TempDir
    Path tmp;

    @Test
    void theSearchRadiusFollowsTheMotionOfTheNormalParts() throws Exception {
        // Connectors shift by up to 16 px and cables sag by their own amount; pins move by at most 4.5 px in a
        // plate that shifts by 5: the connectors' category needs the wider search.
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.defaults().withCategories(List.of("connector_cable",
                "pin_grid")).withNormals(24, 0).withTest(1, 0, 0).withSeed(7));
        assertThat(fittedRadius(tmp.resolve("connector_cable"))).isGreaterThan(fittedRadius(tmp.resolve("pin_grid")));
    }

    private static int fittedRadius(Path category) {
        SamladConfig config = SamladConfig.defaults();
        try (Pipeline p = Samlad.embeddedPipeline(config);
                SamladDetector d = (SamladDetector) Samlad.fit(p, config,
                        ImageFiles.listNonEmpty(category.resolve("train/good")), List.of(), (t, x, y) -> { })) {
            return d.bank().config().measuring().neighbourhood();
        }
    }

    @Test
    void aConnectorOfTheOtherSizeIsTheObjectUnlikeItsCounterparts() throws Exception {
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.defaults().withCategories(List.of("connector_cable"))
                .withNormals(30, 0).withTest(0, 4, 0).withKinds(List.of("size_mismatch")).withSeed(5));
        Path root = tmp.resolve("connector_cable");
        SamladConfig config = SamladConfig.defaults();
        int inside = 0;
        try (Pipeline p = Samlad.embeddedPipeline(config);
                SamladDetector d = (SamladDetector) Samlad.fit(p, config,
                        ImageFiles.listNonEmpty(root.resolve("train/good")), List.of(), (t, x, y) -> { })) {
            var analyzer = p.analyzer(config, true);
            var scorer = Scorers.forConfig(d.bank().config());
            List<Path> anomalous = ImageFiles.listNonEmpty(root.resolve("test/logical_anomalies"));
            assertThat(anomalous).hasSize(4);
            for (Path image : anomalous) {
                Scene q = analyzer.analyze(ImageLoader.read(image), new StageTimings());
                RawMeasurement raw = scorer.score(q, d.bank(), -1, new StageTimings());
                RawMeasurement.ObjectFinding top = raw.objects().stream()
                        .max(java.util.Comparator.comparingDouble(RawMeasurement.ObjectFinding::attributeRaw))
                        .orElseThrow();
                // A connector area ratio of about 2.2 (log 0.78); normal connectors differ by a few per cent.
                assertThat(top.attributeRaw()).as(image.toString()).isGreaterThan(0.4);
                ObjectMask m = q.objects().get(top.objectIndex()).mask();
                inside += insideTruth(root, image, m.centroidX(), m.centroidY()) ? 1 : 0;
            }
        }
        assertThat(inside).as("the most resized object lies on the resized connector").isGreaterThanOrEqualTo(3);
    }

    private static boolean insideTruth(Path root, Path image, double cx, double cy) throws Exception {
        String id = image.getFileName().toString().replace(".png", "");
        try (var files = Files.list(root.resolve("ground_truth/logical_anomalies").resolve(id))) {
            for (Path m : files.toList()) {
                BufferedImage mask = ImageIO.read(m.toFile());
                int x = (int) (cx * mask.getWidth());
                int y = (int) (cy * mask.getHeight());
                if ((mask.getRGB(x, y) & 0xff) != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
