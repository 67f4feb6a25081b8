package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole embedded method on scenes whose answer is known (four discs; see {@link ToyScenes}): a removed disc is
 * {@code missing} where it was, an added one {@code extra}, a recoloured one {@code mismatched}, a scratch
 * {@code structural} with the anomaly map's peak on it, and every defect scores above the normal test scenes.
 */
class ToySceneVerdictsTest {
    @TempDir
    static Path dir;
    static FittedDetector detector;

    @BeforeAll
    static void fit() throws Exception {
        List<Path> train = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(i, Defect.NONE).toBufferedImage(), p);
            train.add(p);
        }
        SamladConfig config = SamladConfig.defaults();
        detector = Samlad.fit(Samlad.embeddedPipeline(config), config, train, List.of(), ProgressListener.NONE);
    }

    static Prediction predict(long seed, Defect d) {
        return detector.predict(ToyScenes.scene(seed, d));
    }

    /** The object with the verdict nearest to (x, y) must lie within 8 px of it. */
    static void assertVerdictNear(Prediction p, Verdict v, int[] at) {
        DetectedObject best = null;
        double bestDist = Double.POSITIVE_INFINITY;
        for (DetectedObject o : p.objects()) {
            double d = Math.hypot(o.centroidX() - at[0], o.centroidY() - at[1]);
            if (o.verdict() == v && d < bestDist) {
                best = o;
                bestDist = d;
            }
        }
        assertThat(best).as("a %s object in %s", v, p.objects()).isNotNull();
        assertThat(bestDist).isLessThan(8);
    }

    @Test
    void missingDiscIsMissingWhereItWas() {
        Prediction p = predict(1001, Defect.MISSING);
        assertThat(p.isAnomalous(detector.threshold())).isTrue();
        assertVerdictNear(p, Verdict.MISSING, ToyScenes.DISCS[ToyScenes.CHANGED]);
        // one missing part, one missing object (not one per segment the reference cut it into)
        assertThat(p.objects()).filteredOn(o -> o.verdict() == Verdict.MISSING).hasSize(1);
        assertThat(p.logicalScore()).isGreaterThan(p.structuralScore());
    }

    @Test
    void addedDiscIsExtra() {
        Prediction p = predict(1002, Defect.EXTRA);
        assertVerdictNear(p, Verdict.EXTRA, ToyScenes.EXTRA_AT);
        assertThat(p.logicalScore()).isGreaterThan(detector.threshold());
    }

    @Test
    void recolouredDiscIsMismatched() {
        Prediction p = predict(1003, Defect.RECOLOURED);
        assertVerdictNear(p, Verdict.MISMATCHED, ToyScenes.DISCS[ToyScenes.CHANGED]);
    }

    @Test
    void scratchIsStructuralWithTheMapPeakOnIt() {
        Prediction p = predict(1004, Defect.SCRATCH);
        assertVerdictNear(p, Verdict.STRUCTURAL, ToyScenes.DISCS[ToyScenes.CHANGED]);
        FloatMap m = p.anomalyMap();
        assertThat(m.width()).isEqualTo(ToyScenes.SIZE);
        int arg = 0;
        for (int i = 1; i < m.data().length; i++) {
            if (m.data()[i] > m.data()[arg]) {
                arg = i;
            }
        }
        int[] scratch = ToyScenes.DISCS[ToyScenes.CHANGED];
        assertThat(Math.hypot(arg % m.width() - scratch[0], arg / m.width() - scratch[1])).isLessThan(16);
        assertThat(p.structuralScore()).isGreaterThan(p.logicalScore());
    }

    @Test
    void everyDefectScoresAboveEveryNormalScene() {
        double worstNormal = Double.NEGATIVE_INFINITY;
        for (long seed = 2000; seed < 2006; seed++) {
            Prediction p = predict(seed, Defect.NONE);
            worstNormal = Math.max(worstNormal, p.score());
            assertThat(p.objects()).allSatisfy(o -> assertThat(o.verdict()).isEqualTo(Verdict.OK));
        }
        for (Defect d : List.of(Defect.MISSING, Defect.EXTRA, Defect.RECOLOURED, Defect.SCRATCH)) {
            assertThat(predict(3000 + d.ordinal(), d).score()).as(d.name()).isGreaterThan(worstNormal);
        }
    }
}
