package io.samlad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the real juice_bottle subset from ../shared/data when it is there (it is never part of the repository). */
class RealLocoSubsetTest {
    static final Path SUBSET = Path.of("..", "..", "shared", "data", "mvtec_loco_subset");

    @Test
    void juiceBottleSubsetLoads() {
        assumeTrue(Files.isDirectory(SUBSET), "skipped: " + SUBSET.toAbsolutePath().normalize()
                + " is absent (the MVTec LOCO subset lives outside the repository)");
        Dataset d = DatasetLoader.load(SUBSET, Optional.empty(), List.of("juice_bottle"), 1);
        Category c = d.categories().get(0);
        assertThat(d.format()).isEqualTo(DatasetFormat.MVTEC_LOCO);
        // counts given by ../shared/data/README.md
        assertThat(c.train()).hasSize(300);
        assertThat(c.validation()).hasSize(35);
        assertThat(c.testSamples("good")).hasSize(27);
        assertThat(c.testSamples("logical_anomalies")).hasSize(71).allMatch(s -> s.masks().size() == 1);
        assertThat(c.testDefectTypes()).containsExactly("logical_anomalies");
        List<DefectMask> m = GroundTruthReader.read(c.testSamples("logical_anomalies").get(0), c.defects());
        assertThat(m.get(0).width()).isEqualTo(200);
        assertThat(m.get(0).area()).isPositive();
    }
}
