package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.Samlad;
import io.samlad.calibration.PatchNoise;
import io.samlad.config.SamladConfig;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ProgressListener;
import io.samlad.util.Version;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Banks outlive the code that wrote them. A committed bank of the current format version must keep loading; a bank
 * written before a configuration field existed loads with that field's default; a header no default can repair is
 * refused with a message that says which samlad wrote it and what to do.
 *
 * <p>The committed file is a small toy bank; {@code -Dsamlad.writeBankFixture=true} writes it again (only when the
 * format version is raised: then keep the old file and a reader for it, or say in the release notes that old banks
 * must be fitted again).
 */
class BankFormatEvolutionTest {
    static final Path FIXTURE = Path.of("src", "test", "resources", "banks",
            "toy-format" + BankCodec.FORMAT_VERSION + ".samlad");
    /**
     * Not the defaults everywhere, so that a reader which ignored the header would show; the search radius is not
     * estimated at fit (that would rewrite the neighbourhood the header is compared on); ATTRIBUTE is on, as the
     * default was when the fixture was written.
     */
    static final SamladConfig FIXTURE_CONFIG = SamladConfig.defaults().toBuilder().workingShortSide(64).references(3)
            .projection(SamladConfig.Projection.DEFAULTS.withWidth(16).withImages(3).withPatches(256))
            .stability(SamladConfig.defaults().stability().withSearchRadiusMax(0).withAttributes(true))
            // and before missing objects' voters were compared with their median area (round 14)
            .measuring(SamladConfig.defaults().measuring().withMissingAreaMedian(false))
            // the fixture was written when the threshold was cross-fitted over 5 folds
            .thresholding(SamladConfig.defaults().thresholding().withCalibrationFolds(5))
            // and before IDENTITY weighed other-place and mirror evidence and judged by rarity: it reads as fitted
            .identity(SamladConfig.defaults().identity().withOtherPlaceWeight(0).withMirrorWeight(0)
                    .withRarityVerdicts(false).withRarityScore(0)
                    // and before the hole topology: its descriptors hold none, and IDENTITY was calibrated without it
                    .withTopologyWeight(0)
                    // and before swapped pairs were judged together: its verdicts are given object by object
                    .withSwapPairs(false)
                    // and before the holes' fill: calibrated without it
                    .withFillWeight(0).withFillNeighbours(0)
                    // and before unseeded swaps and one finding per part (round 9): read off
                    .withSwapGain(0).withPartsAsOne(false)
                    // and before the places' spread (round 9b): raw distances to the examples
                    .withPlaceSpread(0)
                    // and before the deformation-tolerant distance (round 10): no contrast images
                    .withDeformationScale(0).withDeformationMirror(0)
                    // and before a piece was judged against its place's whole part (round 11)
                    .withPartShare(0))
            // and before the COMPOSITION measure: its header names none, so it reads with the measure off
            .composition(SamladConfig.Composition.OFF)
            // and before objects' scores were painted on their deepest cells: its maps keep to the findings; and before
            // IDENTITY's rarity joined the image score and missing objects were judged by joint rarity; and before
            // over-counted kinds and notches were painted as findings (its maps paint every part by itself), before
            // missing objects found twice joined the image score, before the kinds rule's relation gate, and before
            // empty places
            .fusion(SamladConfig.defaults().fusion().withMapObjects(SamladConfig.Fusion.MapObjects.FINDINGS)
                    .withCorroboratedMissing(false).withMapKindsAsOne(0).withMapNotchGrown(false)
                    .withCorroboratedScore(0).withMapKindsMaxRelation(0).withEmptyPlace(false)
                    // and before swapped pairs joined the image score (round 11)
                    .withCorroboratedSwapScore(0).withSwapScoreGain(0.1).withSwapExchange(false)
                    // and before parts turned over joined it by their mirror rarity (round 11)
                    .withMirrorScore(0).withMirrorIdentity(true).withMirrorShare(0.1))
            // and before the peer measures: its header names none, and its objects carry no forms
            .peers(SamladConfig.Peers.OFF)
            // and before the COLOURS measure: its header names none and its scenes hold no colour histograms
            .colours(SamladConfig.Colours.OFF)
            // and before the LAYOUT measure: its header names none, so it reads with the measure off
            .layout(io.samlad.config.InnerLayout.OFF)
            .seed(7).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theCommittedBankOfTheCurrentFormatLoadsAndPredicts() throws IOException {
        if (Boolean.getBoolean("samlad.writeBankFixture")) {
            writeFixture();
        }
        byte[] bytes = Files.readAllBytes(FIXTURE);
        assertThat(ByteBuffer.wrap(bytes, 8, 4).getInt()).as("format version of " + FIXTURE)
                .isEqualTo(BankCodec.FORMAT_VERSION);
        TemplateBank bank = Samlad.readBank(FIXTURE);
        assertThat(bank.config().workingShortSide()).isEqualTo(64);
        assertThat(bank.config().references()).isEqualTo(3);
        assertThat(bank.config().seed()).isEqualTo(7);
        assertThat(bank.size()).isEqualTo(5);
        assertThat(bank.provenance().toolVersion()).isNotBlank();
        // the embedded 31 channels projected to 16 (format 3's optional section)
        assertThat(bank.projection().width()).isEqualTo(16);
        assertThat(bank.scene(0).patches().channels()).isEqualTo(16);
        assertThat(bank.provenance().projection()).startsWith("PCA of 31 backbone channels to 16");
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, FIXTURE, pipeline)) {
            Prediction p = detector.predict(ToyScenes.scene(500, Defect.NONE));
            assertThat(p.score()).isFinite();
            assertThat(detector.threshold()).isFinite();
        }
    }

    @Test
    void aBankWrittenBeforeObjectFormsReadsWithThePeerMeasuresOffAndScoresAsItDid() throws IOException {
        TemplateBank bank = Samlad.readBank(FIXTURE);
        assertThat(bank.config().peers()).isEqualTo(SamladConfig.Peers.OFF);
        assertThat(bank.scene(0).objects()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.form().measured()).isFalse());
        // its calibration knows no peer measure: a query is scored as before, with no PEER_SIZE or PEER_SHAPE value
        assertThat(bank.calibration().location()).doesNotContainKeys(io.samlad.calibration.Measure.PEER_SIZE,
                io.samlad.calibration.Measure.PEER_SHAPE);
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, FIXTURE, pipeline)) {
            assertThat(detector.predict(ToyScenes.scene(500, Defect.NONE)).score()).isFinite();
        }
    }

    @Test
    void aBankWrittenBeforeTheColoursMeasureReadsWithItOffAndScoresAsItDid() throws IOException {
        TemplateBank bank = Samlad.readBank(FIXTURE);
        assertThat(bank.config().colours().on()).isFalse();
        assertThat(bank.scenes()).allSatisfy(s -> assertThat(s.hasColours()).isFalse());
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, FIXTURE, pipeline)) {
            // the query is analysed with the bank's configuration: no histogram, no COLOURS value
            var scorer = new io.samlad.measure.SamladScorer(bank.config());
            var query = pipeline.analyzer(bank.config(), true, bank.projection())
                    .analyze(ToyScenes.scene(500, Defect.NONE), new io.samlad.config.StageTimings());
            assertThat(query.hasColours()).isFalse();
            // nor the PIECES measure, which reads the same colours: the query computes no lattice
            assertThat(bank.config().colours().pieces().on()).isFalse();
            assertThat(query.lattice()).isNull();
            assertThat(scorer.score(query, bank, -1, new io.samlad.config.StageTimings()).values())
                    .doesNotContainKeys(io.samlad.calibration.Measure.COLOURS, io.samlad.calibration.Measure.PIECES,
                            io.samlad.calibration.Measure.LAYOUT);
            // nor LAYOUT, which reads objects' insides from the same lattice: the header names no such measure
            assertThat(bank.config().layout()).isEqualTo(io.samlad.config.InnerLayout.OFF);
        }
    }

    @Test
    void aBankOfFormatOneStillLoadsAndPredictsWithoutAppearances() throws IOException {
        Path v1 = Path.of("src", "test", "resources", "banks", "toy-format1.samlad");
        assertThat(ByteBuffer.wrap(Files.readAllBytes(v1), 8, 4).getInt()).isEqualTo(1);
        TemplateBank bank = Samlad.readBank(v1);
        assertThat(bank.scene(0).objects()).allSatisfy(o -> assertThat(o.appearance()).isEmpty());
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, v1, pipeline)) {
            assertThat(detector.predict(ToyScenes.scene(500, Defect.NONE)).score()).isFinite();
        }
    }

    @Test
    void aBankOfFormatTwoStillLoadsUnprojected() throws IOException {
        Path v2 = Path.of("src", "test", "resources", "banks", "toy-format2.samlad");
        assertThat(ByteBuffer.wrap(Files.readAllBytes(v2), 8, 4).getInt()).isEqualTo(2);
        TemplateBank bank = Samlad.readBank(v2);
        assertThat(bank.projection()).isNull();
        // written before projections: its configuration says none was applied
        assertThat(bank.config().projection().width()).isZero();
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, v2, pipeline)) {
            assertThat(detector.predict(ToyScenes.scene(500, Defect.NONE)).score()).isFinite();
        }
    }

    @Test
    void banksOfFormatsTwoAndThreeKeepTheirBoxAppearancesAndScoreAsTheyDid() throws IOException {
        for (int version = 2; version <= 3; version++) {
            Path old = Path.of("src", "test", "resources", "banks", "toy-format" + version + ".samlad");
            assertThat(ByteBuffer.wrap(Files.readAllBytes(old), 8, 4).getInt()).isEqualTo(version);
            TemplateBank bank = Samlad.readBank(old);
            // they knew one descriptor and named none: queries must be described as their objects were
            assertThat(bank.config().identity().descriptor()).isEqualTo(SamladConfig.Identity.Descriptor.BOX);
            assertThat(bank.config().identity().minConsistency()).isZero();
            assertThat(bank.scene(0).objects()).allSatisfy(o -> assertThat(o.appearance())
                    .hasSize(io.samlad.objects.AppearanceDescriptor.LENGTH));
            try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                    FittedDetector detector = Samlad.load(bank, old, pipeline)) {
                assertThat(detector.predict(ToyScenes.scene(500, Defect.NONE)).score()).isFinite();
            }
        }
    }

    @Test
    void aConfigurationFieldTheWriterDidNotKnowTakesItsDefault() throws IOException {
        Path older = rewriteHeader("older.samlad", header -> {
            ObjectNode measuring = (ObjectNode) header.get("config").get("measuring");
            measuring.remove("gaussianRidge");
            measuring.remove("robustMaxCells");
            ((ObjectNode) header.get("config")).remove("retrievalCandidates");
        });
        SamladConfig config = Samlad.readBank(older).config();
        SamladConfig defaults = SamladConfig.defaults();
        assertThat(config.measuring().gaussianRidge()).isEqualTo(defaults.measuring().gaussianRidge());
        assertThat(config.measuring().robustMaxCells()).isEqualTo(defaults.measuring().robustMaxCells());
        assertThat(config.retrievalCandidates()).isEqualTo(defaults.retrievalCandidates());
        // What the writer did say is kept.
        assertThat(config).isEqualTo(FIXTURE_CONFIG);
    }

    @Test
    void aBankWrittenBeforeTheOwnPlaceVoteAndThePlaceSubspacesReadsWithBothOff() throws IOException {
        // the fixture's header predates them: whatever the defaults become, it reads as it was calibrated
        SamladConfig config = Samlad.readBank(FIXTURE).config();
        assertThat(config.identity().ownPlaceWeight()).isZero();
        assertThat(config.identity().subspaceComponents()).isZero();
        assertThat(config.identity().topologyWeight()).isZero();
        assertThat(config.identity().fillWeight()).isZero();
        assertThat(config.identity().placeSpread()).isZero(); // nor the places' spread (round 9b)
        assertThat(config.measuring().recognisedPatchWeight()).isEqualTo(1.0); // every patch cell in full (round 10)
        assertThat(config.measuring().missingAreaMedian()).isFalse(); // voters against the nearest's area (round 14)
        assertThat(SamladConfig.defaults().measuring().missingAreaMedian()).isTrue();
        assertThat(SamladConfig.defaults().identity().placeSpread()).isPositive();
        Path newer = rewriteHeader("newer.samlad", header -> {
            ObjectNode identity = (ObjectNode) header.get("config").get("identity");
            identity.put("ownPlaceWeight", 0.2);
            identity.put("ownPlaceNeighbours", 7);
            identity.put("placeEvidenceConsistency", 0.9);
            identity.put("subspaceComponents", 4);
            identity.put("subspaceWeight", 0.5);
            identity.put("topologyWeight", 0.7);
            identity.put("fillWeight", 0.4);
            identity.put("fillNeighbours", 12);
            identity.put("placeSpread", 0.75);
        });
        SamladConfig.Identity read = Samlad.readBank(newer).config().identity();
        assertThat(read).isEqualTo(FIXTURE_CONFIG.identity().withOwnPlaceWeight(0.2).withOwnPlaceNeighbours(7)
                .withPlaceEvidenceConsistency(0.9).withSubspaceComponents(4).withSubspaceWeight(0.5)
                .withTopologyWeight(0.7).withFillWeight(0.4).withFillNeighbours(12).withPlaceSpread(0.75));
    }

    @Test
    void aBankWrittenBeforeTheDeformationTermReadsItOffAndAHeaderNamingItKeepsIt() throws IOException {
        // the fixture's header predates it (round 10): its objects carry no contrast image, its IDENTITY stays as
        // calibrated
        SamladConfig.Identity old = Samlad.readBank(FIXTURE).config().identity();
        assertThat(old.deformationScale()).isZero();
        assertThat(old.deformationMirror()).isZero();
        assertThat(Samlad.readBank(FIXTURE).scenes()).allSatisfy(scene -> assertThat(scene.objects())
                .noneMatch(o -> io.samlad.objects.AppearanceDescriptor.hasContrast(o.appearance())));
        Path newer = rewriteHeader("deformation.samlad", header -> {
            ObjectNode identity = (ObjectNode) header.get("config").get("identity");
            identity.put("deformationScale", 1.5);
            identity.put("deformationWindow", 1);
            identity.put("deformationExamples", 12);
            identity.put("deformationMirror", 4.0);
        });
        assertThat(Samlad.readBank(newer).config().identity()).isEqualTo(FIXTURE_CONFIG.identity()
                .withDeformationScale(1.5).withDeformationWindow(1).withDeformationExamples(12)
                .withDeformationMirror(4));
    }

    @Test
    void aBankWrittenBeforeIdentitysOwnAreaScaleDampsAsObjectDoesAndAHeaderNamingItKeepsIt() throws IOException {
        // the fixture's header predates it (round 11): its IDENTITY was calibrated with OBJECT's damping
        SamladConfig.Identity old = Samlad.readBank(FIXTURE).config().identity();
        assertThat(old.areaScale()).isZero();
        assertThat(old.areaScaleOr(0.01)).isEqualTo(0.01);
        Path newer = rewriteHeader("area.samlad", header -> {
            ObjectNode identity = (ObjectNode) header.get("config").get("identity");
            identity.put("areaScale", 0.015);
        });
        SamladConfig.Identity read = Samlad.readBank(newer).config().identity();
        assertThat(read).isEqualTo(FIXTURE_CONFIG.identity().withAreaScale(0.015));
        assertThat(read.areaScaleOr(0.01)).isEqualTo(0.015);
    }

    @Test
    void aBankWrittenBeforeThePlacePartReadsItOffAndAHeaderNamingItKeepsIt() throws IOException {
        // the fixture's header predates it (round 11): its IDENTITY was calibrated with the absolute damping alone
        assertThat(Samlad.readBank(FIXTURE).config().identity().partShare()).isZero();
        Path newer = rewriteHeader("part.samlad", header -> {
            ObjectNode identity = (ObjectNode) header.get("config").get("identity");
            identity.put("partShare", 0.5);
        });
        assertThat(Samlad.readBank(newer).config().identity())
                .isEqualTo(FIXTURE_CONFIG.identity().withPartShare(0.5));
    }

    @Test
    void aBankWrittenBeforeUnseededSwapsAndPartsAsOneReadsWithBothOff() throws IOException {
        // the fixture's header predates them: its verdicts stay those it was written with
        SamladConfig.Identity old = Samlad.readBank(FIXTURE).config().identity();
        assertThat(old.swapGain()).isZero();
        assertThat(old.partsAsOne()).isFalse();
        assertThat(SamladConfig.defaults().identity().swapGain()).isPositive();
        assertThat(SamladConfig.defaults().identity().partsAsOne()).isTrue();
        Path newer = rewriteHeader("parts.samlad", header -> {
            ObjectNode identity = (ObjectNode) header.get("config").get("identity");
            identity.put("swapPairs", true);
            identity.put("swapGain", 0.2);
            identity.put("partsAsOne", true);
        });
        assertThat(Samlad.readBank(newer).config().identity()).isEqualTo(
                FIXTURE_CONFIG.identity().withSwapPairs(true).withSwapGain(0.2).withPartsAsOne(true));
    }

    @Test
    void aBankWrittenBeforeMissingObjectsFoundTwiceJoinedTheImageScoreReadsWithItOffAndScoresAsBefore()
            throws IOException {
        TemplateBank old = Samlad.readBank(FIXTURE);
        assertThat(old.config().fusion().corroboratedScore()).isZero();
        assertThat(old.config().identity().swapPairs()).isFalse();
        assertThat(old.config().identity().topologyNeighbours()).isZero();
        // the calibration it was written with names no joint competitor: its fused score is the plain one
        if (old.calibration().fusion() != null) {
            assertThat(old.calibration().fusion().corroboratedMaximum()).isFalse();
        }
        Path newer = rewriteHeader("joint.samlad", header -> {
            ObjectNode fusion = (ObjectNode) header.get("config").get("fusion");
            fusion.put("corroboratedScore", 0.7);
        });
        assertThat(Samlad.readBank(newer).config().fusion())
                .isEqualTo(FIXTURE_CONFIG.fusion().withCorroboratedScore(0.7));
    }

    @Test
    void aBankWrittenBeforeSwappedPairsJoinedTheImageScoreReadsWithThemOffAndScoresAsBefore() throws IOException {
        TemplateBank old = Samlad.readBank(FIXTURE);
        assertThat(old.config().fusion().corroboratedSwapScore()).isZero();
        assertThat(old.config().fusion().swapExchange()).isFalse();
        // its calibration names no swap competitor and no exchange scale: its fused score is the one it was fitted with
        if (old.calibration().fusion() != null) {
            assertThat(old.calibration().fusion().swapMaximum()).isFalse();
            assertThat(old.calibration().fusion().swapExchange()).isNull();
        }
        Path newer = rewriteHeader("swaps.samlad", header -> {
            ObjectNode fusion = (ObjectNode) header.get("config").get("fusion");
            fusion.put("corroboratedSwapScore", 0.7);
            fusion.put("swapScoreGain", 0.2);
            fusion.put("swapExchange", true);
        });
        assertThat(Samlad.readBank(newer).config().fusion()).isEqualTo(FIXTURE_CONFIG.fusion()
                .withCorroboratedSwapScore(0.7).withSwapScoreGain(0.2).withSwapExchange(true));
    }

    @Test
    void aBankWrittenBeforePartsTurnedOverJoinedTheImageScoreReadsWithThemOffAndScoresAsBefore() throws IOException {
        TemplateBank old = Samlad.readBank(FIXTURE);
        assertThat(old.config().fusion().mirrorScore()).isZero();
        assertThat(old.config().fusion().mirrorIdentity()).isTrue();
        assertThat(SamladConfig.defaults().fusion().mirrorScore()).isPositive();
        // its calibration holds no mirror scale: no part competes by its mirror share
        if (old.calibration().fusion() != null) {
            assertThat(old.calibration().fusion().mirrorRarity()).isNull();
        }
        Path newer = rewriteHeader("mirror.samlad", header -> {
            ObjectNode fusion = (ObjectNode) header.get("config").get("fusion");
            fusion.put("mirrorScore", 0.7);
            fusion.put("mirrorIdentity", false);
            fusion.put("mirrorShare", 0.3);
        });
        assertThat(Samlad.readBank(newer).config().fusion()).isEqualTo(FIXTURE_CONFIG.fusion()
                .withMirrorScore(0.7).withMirrorIdentity(false).withMirrorShare(0.3));
    }

    @Test
    void aBankWrittenBeforeEmptyPlacesReadsWithThemOffAndScoresAsBefore() throws IOException {
        TemplateBank old = Samlad.readBank(FIXTURE);
        assertThat(old.config().fusion().emptyPlace()).isFalse();
        assertThat(SamladConfig.defaults().fusion().emptyPlace()).isTrue();
        // its calibration holds no emptiness scale: a missing pair's joint rarity is the two measures' alone
        if (old.calibration().fusion() != null) {
            assertThat(old.calibration().fusion().emptyPlace()).isNull();
        }
        Path newer = rewriteHeader("empty.samlad", header -> {
            ObjectNode fusion = (ObjectNode) header.get("config").get("fusion");
            fusion.put("emptyPlace", true);
        });
        assertThat(Samlad.readBank(newer).config().fusion()).isEqualTo(FIXTURE_CONFIG.fusion().withEmptyPlace(true));
    }

    @Test
    void aBankWrittenBeforeKindAndNotchPaintingReadsWithBothOffAndANewerOneKeepsThem() throws IOException {
        SamladConfig.Fusion old = Samlad.readBank(FIXTURE).config().fusion();
        assertThat(old.mapKindsAsOne()).isZero();
        assertThat(old.mapNotchGrown()).isFalse();
        assertThat(old.mapKindsMaxRelation()).isZero(); // and its kinds, were they painted, everywhere as before
        Path newer = rewriteHeader("kinds.samlad", header -> {
            ObjectNode fusion = (ObjectNode) header.get("config").get("fusion");
            fusion.put("mapKindsAsOne", 3);
            fusion.put("mapNotchGrown", true);
        });
        assertThat(Samlad.readBank(newer).config().fusion())
                .isEqualTo(FIXTURE_CONFIG.fusion().withMapKindsAsOne(3).withMapNotchGrown(true));
    }

    @Test
    void aBankWrittenWithLayoutsButBeforeLayoutJointReadsItOff() throws IOException {
        Path older = rewriteHeader("before-joint.samlad", header -> {
            ObjectNode layout = JSON.valueToTree(io.samlad.config.InnerLayout.DEFAULTS);
            layout.remove("jointFloor");
            layout.remove("rarity");
            ((ObjectNode) header.get("config")).set("layout", layout);
        });
        io.samlad.config.InnerLayout read = Samlad.readBank(older).config().layout();
        assertThat(read.jointFloor()).isZero();
        assertThat(read.rarity()).isEqualTo(io.samlad.config.InnerLayout.Rarity.NONE);
        assertThat(read.jointOn()).isFalse();
        assertThat(io.samlad.config.InnerLayout.DEFAULTS.jointFloor()).isPositive();
    }

    @Test
    void aBankWrittenBeforeThePlacesReachFollowsObjectsWithinThePlaceRadius() throws IOException {
        io.samlad.config.InnerLayout.Place place = new io.samlad.config.InnerLayout.Place(0.5, 0.5, 0.3, 0.2,
                new int[] {0, 1}, new int[0], new double[] {0.1}, 3.0, 0.09, 0.04);
        Path older = rewriteHeader("before-reach.samlad", header -> {
            ObjectNode layout = JSON.valueToTree(io.samlad.config.InnerLayout.DEFAULTS.withPlaces(List.of(place)));
            layout.remove("followJitter");
            ((ObjectNode) layout.get("places").get(0)).remove("reachX");
            ((ObjectNode) layout.get("places").get(0)).remove("reachY");
            ((ObjectNode) header.get("config")).set("layout", layout);
        });
        io.samlad.config.InnerLayout read = Samlad.readBank(older).config().layout();
        assertThat(read.followJitter()).isFalse();
        assertThat(read.places().get(0).reachX()).isZero();
        assertThat(read.followX(read.places().get(0))).isEqualTo(read.placeRadius());
        // a bank written now keeps the reach its fit measured and follows that far
        io.samlad.config.InnerLayout now = io.samlad.config.InnerLayout.DEFAULTS.withPlaces(List.of(place));
        assertThat(now.followX(place)).isEqualTo(0.09);
        assertThat(now.followY(place)).isEqualTo(now.placeRadius()); // never less than the place radius
    }

    @Test
    void aBankWrittenBeforeCorePaintingKeepsItsFindingsMapAndItsNoiseModels() throws IOException {
        Path older = rewriteHeader("before-core.samlad", header -> {
            ((ObjectNode) header.get("config").get("fusion")).remove("mapObjects");
            ObjectNode measuring = (ObjectNode) header.get("config").get("measuring");
            measuring.remove("patchNoisePrior");
            measuring.remove("bankNoisePrior");
        });
        TemplateBank bank = Samlad.readBank(older);
        // objects painted as before (the default is CORE now)
        assertThat(bank.config().fusion().mapObjects()).isEqualTo(SamladConfig.Fusion.MapObjects.FINDINGS);
        assertThat(SamladConfig.defaults().fusion().mapObjects()).isEqualTo(SamladConfig.Fusion.MapObjects.CORE);
        // the priors only shaped the noise models at fit; the stored models are used as they were
        TemplateBank current = Samlad.readBank(FIXTURE);
        assertThat(bank.config().measuring().bankNoisePrior()).isEqualTo(PatchNoise.PRIOR_IMAGES);
        assertThat(bank.calibration().patchNoise().scale()).containsExactly(current.calibration().patchNoise().scale());
    }

    @Test
    void aBankWrittenBeforePlacePeersJudgesOnlyInImagePeersAsItDid() throws IOException {
        Path older = rewriteHeader("before-place-peers.samlad", header -> {
            ObjectNode peers = JSON.valueToTree(SamladConfig.Peers.DEFAULTS);
            for (String field : List.of("placeRadius", "placeMaxArea", "placeSizeRatio", "placeMinShare")) {
                peers.remove(field);
            }
            ((ObjectNode) header.get("config")).set("peers", peers);
        });
        SamladConfig.Peers read = Samlad.readBank(older).config().peers();
        // in-image peers on, as written; no object judged by its place, which its calibration never saw
        assertThat(read).isEqualTo(SamladConfig.Peers.DEFAULTS.withPlaceRadius(0));
        assertThat(read.byPlace()).isFalse();
        assertThat(SamladConfig.Peers.DEFAULTS.byPlace()).isTrue();
    }

    @Test
    void aBankWrittenBeforeColourFindingsWerePaintedKeepsItsMaps() throws IOException {
        Path older = rewriteHeader("before-colour-paint.samlad", header -> {
            ObjectNode colours = JSON.valueToTree(SamladConfig.Colours.DEFAULTS);
            for (String field : List.of("paintMaxShare", "paintReverseShare", "paintPairs", "paintUnplaced")) {
                colours.remove(field);
            }
            ((ObjectNode) header.get("config")).set("colours", colours);
        });
        SamladConfig.Colours read = Samlad.readBank(older).config().colours();
        // COLOURS and PIECES as written; neither painted where its maps did not paint them
        assertThat(read).isEqualTo(SamladConfig.Colours.DEFAULTS.withPaint(0, 0, false).withPaintUnplaced(false));
        assertThat(read.painted()).isFalse();
        assertThat(SamladConfig.Colours.DEFAULTS.painted()).isTrue();
    }

    @Test
    void aBankWrittenBeforeHullGapsAndPiecesRarityReadsItsPairsAndFusionAsItDid() throws IOException {
        Path older = rewriteHeader("before-pieces-hull.samlad", header -> {
            ObjectNode colours = JSON.valueToTree(SamladConfig.Colours.DEFAULTS);
            ObjectNode pieces = JSON.valueToTree(SamladConfig.Pieces.DEFAULTS.fitted(new int[] {1, 0},
                    new double[] {0, 0.01}, new double[] {0, 0.03}));
            pieces.remove("hullWeight");
            pieces.remove("rarityScore");
            colours.set("pieces", pieces);
            ((ObjectNode) header.get("config")).set("colours", colours);
        });
        SamladConfig.Pieces read = Samlad.readBank(older).config().colours().pieces();
        // its pair medians and spreads are of plain log area ratios, and its image score knew no PIECES rarity
        assertThat(read.hullWeight()).isZero();
        assertThat(read.rarityScore()).isFalse();
        assertThat(read.on()).isTrue();
        assertThat(read.pairSpread()).containsExactly(0, 0.03);
        assertThat(SamladConfig.Pieces.DEFAULTS.hullWeight()).isPositive();
        assertThat(SamladConfig.Pieces.DEFAULTS.rarityScore()).isTrue();
        assertThat(SamladConfig.Pieces.OFF.rarityScore()).isFalse();
    }

    @Test
    void aHeaderNoDefaultRepairsSaysWhoWroteItAndWhatToDo() throws IOException {
        Path bad = rewriteHeader("bad.samlad", header -> {
            ((ObjectNode) header.get("config").get("measuring")).put("neighbourhood", 99);
            ((ObjectNode) header.get("provenance")).put("toolVersion", "0.0.9");
        });
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Samlad.readBank(bad));
        assertThat(e.getMessage()).startsWith(bad + ": ").contains("neighbourhood must be in [0, 16]")
                .contains("written by samlad 0.0.9").contains("fit it again with samlad " + Version.VERSION)
                .doesNotContain("\n");
    }

    /** The fixture with its JSON header edited, and a checksum that fits again. */
    private Path rewriteHeader(String name, Consumer<ObjectNode> edit) throws IOException {
        byte[] all = Files.readAllBytes(FIXTURE);
        ByteBuffer b = ByteBuffer.wrap(all);
        int length = b.getInt(12);
        ObjectNode header = (ObjectNode) JSON.readTree(Arrays.copyOfRange(all, 16, 16 + length));
        edit.accept(header);
        byte[] json = JSON.writeValueAsBytes(header);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(all, 0, 12);
        out.writeInt(json.length);
        out.write(json);
        out.write(all, 16 + length, all.length - 8 - (16 + length));
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private void writeFixture() throws IOException {
        List<Path> normals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(300 + i, Defect.NONE).toBufferedImage(), p);
            normals.add(p);
        }
        try (Pipeline pipeline = Samlad.embeddedPipeline(FIXTURE_CONFIG)) {
            Samlad.fit(pipeline, FIXTURE_CONFIG, normals, List.of(), ProgressListener.NONE).save(FIXTURE);
        }
        assertThat(new String(Files.readAllBytes(FIXTURE), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("SAMLADBK");
    }
}
