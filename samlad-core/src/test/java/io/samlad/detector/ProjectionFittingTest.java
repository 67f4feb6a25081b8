package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.features.ChannelProjection;
import io.samlad.features.FeatureMap;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.stats.PrincipalComponents;
import io.samlad.upsample.JointBilateralUpsampler;
import io.samlad.upsample.Upsampler;
import java.util.concurrent.atomic.AtomicInteger;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel projection at fit and predict, shown with the embedded backbone (31 channels) projected to 12: the
 * bank stores the projected features, the projection and a provenance line; predict projects queries the same way,
 * also after the bank is saved and loaded; the fit is deterministic whatever the threads; and at the default width
 * (wider than the embedded features) nothing is projected and nothing changes.
 */
class ProjectionFittingTest {
    private static final SamladConfig PROJECTED = SamladConfig.defaults().toBuilder()
            .projection(SamladConfig.Projection.DEFAULTS.withWidth(12).withImages(3).withPatches(500)).build();

    @TempDir
    static Path dir;
    static List<Path> normals = new ArrayList<>();

    @BeforeAll
    static void images() throws IOException {
        for (int i = 0; i < 6; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(700 + i, Defect.NONE).toBufferedImage(), p);
            normals.add(p);
        }
    }

    private static SamladDetector fit(SamladConfig config, int threads) {
        Pipeline pipeline = Samlad.embeddedPipeline(config);
        return new SamladDetector(pipeline, BankFitter.fit(pipeline, config, normals, List.of(),
                ProgressListener.NONE, threads).bank(), true);
    }

    @Test
    void aProjectedBankStoresItsProjectionAndPredictsTheSameAfterLoading() throws IOException {
        try (SamladDetector fitted = fit(PROJECTED, 2)) {
            TemplateBank bank = fitted.bank();
            assertThat(bank.projection()).isNotNull();
            assertThat(bank.projection().inputChannels()).isEqualTo(31);
            assertThat(bank.projection().width()).isEqualTo(12);
            assertThat(bank.scene(0).patches().channels()).isEqualTo(12);
            assertThat(bank.scene(0).objects().get(0).meanFeature()).hasSize(12);
            assertThat(bank.provenance().projection()).startsWith("PCA of 31 backbone channels to 12: 11 leading"
                    + " components (").contains("fitted on 500 patches of 3 training images (seed 42)");

            Path file = dir.resolve("projected.samlad");
            fitted.save(file);
            TemplateBank loaded = Samlad.readBank(file);
            assertThat(loaded.projection()).isEqualTo(bank.projection());
            assertThat(loaded.provenance().projection()).isEqualTo(bank.provenance().projection());
            try (Pipeline pipeline = Samlad.embeddedPipeline(loaded.config());
                    FittedDetector reloaded = Samlad.load(loaded, file, pipeline)) {
                Prediction a = fitted.predict(ToyScenes.scene(9, Defect.MISSING));
                Prediction b = reloaded.predict(ToyScenes.scene(9, Defect.MISSING));
                assertThat(b.score()).isEqualTo(a.score());
                assertThat(b.anomalyMap().data()).containsExactly(a.anomalyMap().data());
            }
        }
    }

    @Test
    void theProjectionIsTheSameWhateverTheThreads() {
        try (SamladDetector one = fit(PROJECTED, 1); SamladDetector two = fit(PROJECTED, 2)) {
            assertThat(two.bank().projection()).isEqualTo(one.bank().projection());
        }
    }

    @Test
    void featuresNarrowerThanTheWidthAreNotProjectedAndPredictAsWithout() {
        SamladConfig off = SamladConfig.defaults().toBuilder()
                .projection(SamladConfig.Projection.DEFAULTS.withWidth(0)).build();
        try (SamladDetector byDefault = fit(SamladConfig.defaults(), 2); SamladDetector without = fit(off, 2)) {
            assertThat(SamladConfig.defaults().projection().width()).isGreaterThan(31);
            assertThat(byDefault.bank().projection()).isNull();
            assertThat(byDefault.bank().provenance().projection()).isNull();
            assertThat(byDefault.bank().scene(0).patches().channels()).isEqualTo(31);
            Prediction a = byDefault.predict(ToyScenes.scene(9, Defect.MISSING));
            Prediction b = without.predict(ToyScenes.scene(9, Defect.MISSING));
            assertThat(a.score()).isEqualTo(b.score());
            assertThat(a.anomalyMap().data()).containsExactly(b.anomalyMap().data());
        }
    }

    @Test
    void jointBilateralUpsamplingCommutesWithTheProjectionSoItRunsAfter() {
        // upsample(B f) = B upsample(f) up to rounding: projecting first gives the same fine features at lower cost
        JointBilateralUpsampler jbu = new JointBilateralUpsampler(2, 1.0, 0.12);
        assertThat(jbu.commutesWithChannelMaps()).isTrue();
        RgbImage image = ToyScenes.scene(3, Defect.NONE).resizeShortSide(64);
        FeatureMap coarse = Samlad.embeddedPipeline(PROJECTED).features().extract(image).patches();
        ChannelProjection b = ChannelProjection.fromComponents(PrincipalComponents.fit(coarse.data(),
                coarse.width() * coarse.height(), coarse.channels(), 12), 12);
        float[] first = jbu.upsample(b.apply(coarse), image, 32, 16).data();
        float[] after = b.apply(jbu.upsample(coarse, image, 32, 16)).data();
        assertThat(first).hasSameSizeAs(after);
        for (int i = 0; i < first.length; i++) {
            assertThat(first[i]).isCloseTo(after[i], within(1e-5f * (1 + Math.abs(after[i]))));
        }
    }

    @Test
    void anUpsamplerThatNeedsTheBackbonesChannelsGetsThemAndTheProjectionFollowsIt() {
        // a learned upsampler (FeatUp) is trained on the backbone's channels: it must see all 31 here
        AtomicInteger seen = new AtomicInteger();
        JointBilateralUpsampler jbu = new JointBilateralUpsampler(2, 1.0, 0.12);
        Upsampler learned = new Upsampler() {
            @Override
            public FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height) {
                seen.set(coarse.channels());
                return jbu.upsample(coarse, guide, width, height);
            }

            @Override
            public String id() {
                return "learned";
            }
        };
        Pipeline embedded = Samlad.embeddedPipeline(PROJECTED);
        try (Pipeline pipeline = new Pipeline(embedded.features(), learned, embedded.masks());
                SamladDetector fitted = new SamladDetector(pipeline, BankFitter.fit(pipeline, PROJECTED, normals,
                        List.of(), ProgressListener.NONE, 2).bank())) {
            assertThat(seen.get()).isEqualTo(31);
            assertThat(fitted.bank().scene(0).patches().channels()).isEqualTo(12);
            assertThat(fitted.bank().scene(0).objects().get(0).meanFeature()).hasSize(12);
            seen.set(0);
            Prediction p = fitted.predict(ToyScenes.scene(9, Defect.MISSING));
            assertThat(seen.get()).isEqualTo(31);
            assertThat(p.score()).isFinite();
        }
    }

    @Test
    void imagesAndPatchesAreASeededSpreadChoice() {
        int[] a = ProjectionFitting.pickImages(300, PROJECTED);
        assertThat(a).hasSize(3).isSorted().isEqualTo(ProjectionFitting.pickImages(300, PROJECTED));
        assertThat(ProjectionFitting.pickImages(300, PROJECTED.toBuilder().seed(43).build())).isNotEqualTo(a);
        assertThat(ProjectionFitting.pickImages(2, PROJECTED)).containsExactly(0, 1);
        int sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += ProjectionFitting.perImage(500, 3, k);
        }
        assertThat(sum).isEqualTo(500);
    }
}
