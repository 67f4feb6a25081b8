package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.image.RgbImage;
import io.samlad.segment.FelzenszwalbSegmenter;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.upsample.JointBilateralUpsampler;
import org.junit.jupiter.api.Test;

/**
 * The COLOURS histogram and the colour lattice are made with the masks, beside the features, when the masks run as
 * side work: the scene holds the same histogram, lattice, objects and features as when every stage runs in turn on
 * one thread.
 */
class ColoursBesideMasksTest {
    private static SceneAnalyzer analyzer(SamladConfig config, boolean overlap) {
        SamladConfig.Segmentation s = config.segmentation();
        SamladConfig.Upsampling u = config.upsampling();
        return new SceneAnalyzer(new EmbeddedFeatureExtractor(config.featureStride()),
                new JointBilateralUpsampler(u.radius(), u.spatialSigma(), u.rangeSigma()),
                new FelzenszwalbSegmenter(s.scale(), s.sigma(), s.minArea()), config, true, overlap, null);
    }

    @Test
    void aSceneAnalysedWithMasksBesideTheFeaturesHoldsTheSameHistogramAsInTurn() {
        SamladConfig config = SamladConfig.defaults();
        assertThat(config.colours().on()).isTrue();
        for (Defect defect : new Defect[] {Defect.NONE, Defect.RECOLOURED, Defect.MISSING}) {
            RgbImage image = ToyScenes.scene(7, defect);
            StageTimings besideTimings = new StageTimings();
            Scene beside = analyzer(config, true).analyze(image, besideTimings);
            Scene inTurn = analyzer(config, false).analyze(image, new StageTimings());
            float[] expected = ColourHistogram.of(analyzer(config, false).workingImage(image));
            assertThat(beside.colours()).containsExactly(expected);
            assertThat(inTurn.colours()).containsExactly(expected);
            assertThat(beside.objects()).hasSameSizeAs(inTurn.objects());
            for (int i = 0; i < beside.objects().size(); i++) {
                assertThat(beside.objects().get(i).mask().bits()).isEqualTo(inTurn.objects().get(i).mask().bits());
                assertThat(beside.objects().get(i).meanFeature())
                        .containsExactly(inTurn.objects().get(i).meanFeature());
            }
            assertThat(beside.fine().data()).containsExactly(inTurn.fine().data());
            // the histogram's time is still charged to the features, wherever it ran
            assertThat(besideTimings.cpuMillis(Stage.FEATURES)).isPositive();
        }
    }

    @Test
    void theLatticeMadeBesideTheMasksIsTheOneMadeInTurn() {
        SamladConfig config = SamladConfig.defaults();
        assertThat(config.colours().pieces().needsLattice()).isTrue();
        for (Defect defect : new Defect[] {Defect.NONE, Defect.MISSING}) {
            RgbImage image = ToyScenes.scene(5, defect);
            Scene beside = analyzer(config, true).analyze(image, new StageTimings());
            Scene inTurn = analyzer(config, false).analyze(image, new StageTimings());
            ColourLattice expected = ColourLattice.of(analyzer(config, false).workingImage(image));
            for (Scene scene : new Scene[] {beside, inTurn}) {
                assertThat(scene.lattice()).isNotNull();
                assertThat(scene.lattice().width()).isEqualTo(expected.width());
                assertThat(scene.lattice().codes()).containsExactly(expected.codes());
            }
        }
    }

    @Test
    void noHistogramIsMadeWhereTheMeasureIsOff() {
        SamladConfig off = SamladConfig.defaults().toBuilder().colours(SamladConfig.Colours.OFF).build();
        assertThat(off.colours().on()).isFalse();
        Scene beside = analyzer(off, true).analyze(ToyScenes.scene(3, Defect.NONE), new StageTimings());
        assertThat(beside.colours()).isEmpty();
        assertThat(beside.hasColours()).isFalse();
    }
}
