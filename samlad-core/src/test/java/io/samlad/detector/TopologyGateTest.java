package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDENTITY's hole term, swapped pairs and the joint rarity of missing objects found twice speak only where the bank's
 * places have a reliable identity; elsewhere the fit turns them off in the bank, so that queries need no holes read
 * and pair no objects, and says so in the bank.
 */
class TopologyGateTest {
    @TempDir
    Path dir;

    @Test
    void aBankWhosePlacesHaveNoReliableIdentityIsFittedWithoutTheHoleTerm() throws Exception {
        SamladConfig config = SamladConfig.defaults().toBuilder()
                .identity(SamladConfig.Identity.DEFAULTS.withImages(12).withNeighbours(2).withAreaScale(0.015)).build();
        assertThat(config.identity().topologyWeight()).isPositive();
        assertThat(config.identity().fillWeight()).isPositive();
        assertThat(config.identity().placeSpread()).isPositive();
        assertThat(config.identity().swapPairs()).isTrue();
        config = config.toBuilder().fusion(config.fusion().withCorroboratedSwapScore(0.8).withSwapExchange(true))
                .build();
        try (SamladDetector fitted = ToyBanks.fitted(dir, 12, config)) {
            // the toy scenes' objects do not recognise their places as reliably as the gate's 0.8 asks
            assertThat(fitted.config().identity().topologyWeight()).isZero();
            assertThat(fitted.config().identity().fillWeight()).isZero(); // the holes' fill goes with them
            assertThat(fitted.config().identity().placeSpread()).isZero(); // and the places' spread
            assertThat(fitted.config().identity().areaScale()).isZero(); // and IDENTITY's own area scale (round 11)
            // and so are swapped pairs (verdicts object by object), and a missing object found twice stays out of
            // the image score: the bank's fusion names no joint competitor
            assertThat(fitted.config().identity().swapPairs()).isFalse();
            if (fitted.bank().calibration().fusion() != null) {
                assertThat(fitted.bank().calibration().fusion().corroboratedMaximum()).isFalse();
                // nor is a missing candidate's place judged (fusion.emptyPlace): no scale, nothing computed
                assertThat(fitted.bank().calibration().fusion().emptyPlace()).isNull();
                assertThat(PredictionAssembler.emptyPlaceJudged(fitted.bank(), fitted.bank().calibration())).isFalse();
                // nor do two parts that look exchanged compete in the image score: nothing sought, nothing fitted
                assertThat(fitted.bank().calibration().fusion().swapMaximum()).isFalse();
                assertThat(fitted.bank().calibration().fusion().swapExchange()).isNull();
                assertThat(PredictionAssembler.swapsScored(fitted.bank(), fitted.bank().calibration())).isFalse();
                // nor does a part turned over compete by its mirror share (fusion.mirrorScore)
                assertThat(fitted.bank().calibration().fusion().mirrorRarity()).isNull();
                assertThat(PredictionAssembler.mirrorsScored(fitted.bank(), fitted.bank().calibration())).isFalse();
                assertThat(MirrorRarity.speaks(fitted.bank(), fitted.config())).isFalse();
            }
            assertThat(fitted.predict(ToyScenes.scene(300, Defect.NONE)).score()).isFinite();
        }
    }

    @Test
    void aBankWhosePlacesHaveNoReliableIdentityStoresNoContrastImagesAndWeighsNoDeformation() throws Exception {
        SamladConfig config = SamladConfig.defaults().toBuilder()
                .identity(SamladConfig.Identity.DEFAULTS.withImages(12).withNeighbours(2).withDeformationScale(2)
                        .withDeformationMirror(6).withPartShare(0.5))
                .build();
        try (SamladDetector fitted = ToyBanks.fitted(dir, 12, config)) {
            assertThat(fitted.config().identity().deformationScale()).isZero();
            assertThat(fitted.config().identity().deformationMirror()).isZero();
            // a piece and a part are alike jitter where places have no identity: the place's part is not read
            assertThat(fitted.config().identity().partShare()).isZero();
            // the fit analysed its images with the contrast (the gate decides after), and dropped it from the bank
            assertThat(fitted.bank().scenes()).allSatisfy(scene -> assertThat(scene.objects())
                    .noneMatch(o -> AppearanceDescriptor.hasContrast(o.appearance())));
            assertThat(fitted.predict(ToyScenes.scene(300, Defect.NONE)).score()).isFinite();
        }
    }

    @Test
    void contrastImagesAreDroppedOnlyWhereNoTermReadsThem() {
        float[] withContrast = new float[AppearanceDescriptor.contrastOffset() + AppearanceDescriptor.CONTRAST_LENGTH];
        BitSet bits = new BitSet(16);
        bits.set(5);
        List<SceneObject> objects = List.of(new SceneObject(new ObjectMask(4, 4, bits), new float[] {0}, null,
                withContrast), new SceneObject(new ObjectMask(4, 4, bits), new float[] {0}, null, withContrast));
        FeatureMap map = new FeatureMap(1, 2, 2, new float[4]);
        List<Scene> scenes = List.of(new Scene(4, 4, new float[] {1}, map, map, objects));
        SamladConfig on = SamladConfig.defaults().toBuilder()
                .identity(SamladConfig.Identity.DEFAULTS.withDeformationScale(2)).build();
        SamladConfig off = on.toBuilder().identity(on.identity().withDeformationScale(0).withDeformationMirror(0))
                .build();
        SamladConfig mirrorOnly = on.toBuilder().identity(on.identity().withDeformationScale(0)
                .withDeformationMirror(6)).build();
        assertThat(BankFitter.withoutUnusedContrast(scenes, mirrorOnly)).isSameAs(scenes);
        assertThat(BankFitter.withoutUnusedContrast(scenes, on)).isSameAs(scenes);
        List<Scene> stripped = BankFitter.withoutUnusedContrast(scenes, off);
        assertThat(stripped.get(0).objects()).hasSameSizeAs(objects).allSatisfy(o -> assertThat(o.appearance())
                .hasSize(AppearanceDescriptor.contrastOffset()));
        // scenes without contrast images are kept as they are
        assertThat(BankFitter.withoutUnusedContrast(stripped, off)).isSameAs(stripped);
    }
}
