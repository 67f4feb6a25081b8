package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetFormat;
import io.samlad.data.DatasetLoader;
import io.samlad.data.DefectMask;
import io.samlad.data.GroundTruthReader;
import io.samlad.data.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generators write is read back, validated and decoded by the project's own MVTec LOCO loader. */
class LoaderRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void generatedBenchmarksLoadAsMvtecLoco() throws IOException {
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.defaults().withSize(80, 64).withNormals(2, 1)
                .withTest(2, 4, 4));
        DigitAnatomyGenerator.generate(tmp, DigitAnatomyOptions.defaults().withCounts(2, 1, 2, 4));
        Dataset dataset = DatasetLoader.load(tmp, Optional.empty(), List.of(), 0);
        assertThat(dataset.format()).isEqualTo(DatasetFormat.MVTEC_LOCO);
        assertThat(dataset.categories()).extracting(Category::name).containsExactlyInAnyOrder("compartment_box",
                "pin_grid", "connector_cable", "bottle", DigitAnatomyGenerator.NAME);
        for (Category c : dataset.categories()) {
            boolean digits = c.name().equals(DigitAnatomyGenerator.NAME);
            assertThat(c.train()).hasSize(2);
            assertThat(c.validation()).hasSize(1);
            assertThat(c.test()).hasSize(digits ? 6 : 10);
            assertThat(c.defects()).isPresent();
            int anomalous = 0;
            for (Sample s : c.test()) {
                List<DefectMask> masks = GroundTruthReader.read(s, c.defects());
                if (s.isGood()) {
                    assertThat(masks).isEmpty();
                    continue;
                }
                anomalous++;
                assertThat(masks).as(s.image().toString()).isNotEmpty();
                for (DefectMask m : masks) {
                    assertThat(m.area()).isPositive();
                    assertThat(m.width()).isEqualTo(digits ? 96 : 80);
                    assertThat(m.height()).isEqualTo(digits ? 96 : 64);
                    assertThat(m.defect()).as("mask value names a declared defect").isPresent();
                }
            }
            assertThat(anomalous).isEqualTo(digits ? 4 : 8);
        }
    }
}
