package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.data.Category;
import io.samlad.data.DatasetLoader;
import io.samlad.data.Sample;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny category written from the caller's images reads back through the dataset loader as MVTec LOCO. */
class ToyLocoWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesACategoryTheLoaderReadsWithItsMasks() throws IOException {
        DefectType missing = DefectType.absolute("missing_square", 255, 50);
        DefectType spot = DefectType.relative("spot", 254, 1.0);
        BufferedImage image = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        ToyLocoWriter toy = ToyLocoWriter.create(tmp.resolve("toy"), missing, spot);
        toy.train(image).train(image).validation(image).testGood(image);
        toy.logical(image, new DefectRegion(missing, new Rectangle(2, 3, 4, 2)));
        toy.structural(image, new DefectRegion(spot, new Rectangle(0, 0, 1, 1)),
                new DefectRegion(spot, new Rectangle(10, 8, 2, 2)));
        Path root = toy.finish();

        Category c = DatasetLoader.load(tmp, Optional.empty(), List.of(), 0).categories().get(0);
        assertThat(c.name()).isEqualTo("toy");
        assertThat(root).isEqualTo(tmp.resolve("toy"));
        assertThat(c.trainImages()).extracting(p -> p.getFileName().toString()).containsExactly("000.png", "001.png");
        assertThat(c.validationImages()).hasSize(1);
        assertThat(c.testSamples(Sample.GOOD)).hasSize(1);
        assertThat(c.testSamples("structural_anomalies").get(0).masks()).hasSize(2);
        Path mask = c.testSamples("logical_anomalies").get(0).masks().get(0);
        BufferedImage m = ImageIO.read(mask.toFile());
        int inside = 0;
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                int v = m.getRaster().getSample(x, y, 0);
                assertThat(v).isIn(0, 255);
                inside += v == 255 ? 1 : 0;
            }
        }
        // exactly the rectangle's 4 x 2 pixels, at the defect's pixel value
        assertThat(inside).isEqualTo(8);
        assertThat(m.getRaster().getSample(2, 3, 0)).isEqualTo(255);
        assertThat(m.getRaster().getSample(6, 3, 0)).isZero();
    }

    @Test
    void refusesAnAnomalyWithoutARegionAndAnUndeclaredDefect() {
        DefectType missing = DefectType.absolute("missing_square", 255, 50);
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ToyLocoWriter toy = ToyLocoWriter.create(tmp.resolve("toy"), missing);
        assertThatThrownBy(() -> toy.logical(image)).hasMessageContaining("at least one defect region");
        DefectType other = DefectType.relative("other", 200, 1.0);
        assertThatThrownBy(() -> toy.logical(image, new DefectRegion(other, new Rectangle(0, 0, 2, 2))))
                .hasMessageContaining("other is not declared");
    }
}
