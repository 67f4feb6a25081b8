package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.detector.SamladDetector;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ProgressListener;
import io.samlad.util.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank file: what is saved comes back to give the same predictions, it says where it came from, and a file that
 * is damaged, of another version or fitted with other stages is refused with a message naming it.
 */
class BankCodecTest {
    private static final SamladConfig CONFIG = SamladConfig.defaults();

    @TempDir
    static Path dir;
    static List<Path> normals;
    static Pipeline pipeline;
    static SamladDetector fitted;
    static Path bankFile;

    @BeforeAll
    static void fitAndSave() throws IOException {
        normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path p = dir.resolve("normals/n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(100 + i, Defect.NONE).toBufferedImage(), p);
            normals.add(p);
        }
        pipeline = Samlad.embeddedPipeline(CONFIG);
        fitted = (SamladDetector) Samlad.fit(pipeline, CONFIG, normals, List.of(), ProgressListener.NONE);
        bankFile = dir.resolve("banks/toy.samlad");
        fitted.save(bankFile);
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static void assertSamePrediction(Prediction expected, Prediction actual) {
        assertThat(actual.score()).isEqualTo(expected.score());
        assertThat(actual.logicalScore()).isEqualTo(expected.logicalScore());
        assertThat(actual.structuralScore()).isEqualTo(expected.structuralScore());
        assertThat(actual.anomalyMap().width()).isEqualTo(expected.anomalyMap().width());
        assertThat(actual.anomalyMap().data()).containsExactly(expected.anomalyMap().data());
        assertThat(actual.objects()).isEqualTo(expected.objects());
        assertThat(actual.references()).isEqualTo(expected.references());
    }

    @Test
    void savedBankGivesIdenticalPredictions() {
        SamladDetector loaded = (SamladDetector) Samlad.load(bankFile, pipeline);
        assertThat(loaded.threshold()).isEqualTo(fitted.threshold());
        assertThat(loaded.bankSize()).isEqualTo(normals.size());
        for (Defect d : List.of(Defect.NONE, Defect.MISSING, Defect.SCRATCH)) {
            RgbImage scene = ToyScenes.scene(700, d);
            assertSamePrediction(fitted.predict(scene), loaded.predict(scene));
        }
    }

    @Test
    void theScenesColourHistogramsComeBackExactly() {
        TemplateBank loaded = Samlad.readBank(bankFile);
        for (int i = 0; i < normals.size(); i++) {
            assertThat(fitted.bank().scene(i).hasColours()).isTrue();
            assertThat(loaded.scene(i).colours()).containsExactly(fitted.bank().scene(i).colours());
        }
    }

    @Test
    void aDetectorOpenedFromAFileOwnsItsStagesOneLoadedWithGivenStagesDoesNot() {
        AtomicInteger closed = new AtomicInteger();
        Function<SamladConfig, Pipeline> stages = config -> {
            Pipeline embedded = Samlad.embeddedPipeline(config);
            return new Pipeline(new FeatureExtractor() {
                @Override
                public ExtractedFeatures extract(RgbImage image) {
                    return embedded.features().extract(image);
                }

                @Override
                public String id() {
                    return embedded.features().id();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            }, embedded.upsampler(), embedded.masks());
        };
        try (FittedDetector opened = Samlad.open(bankFile, stages)) {
            assertThat(opened.referenceNames()).containsExactly("n0.png", "n1.png", "n2.png", "n3.png", "n4.png",
                    "n5.png");
            assertThat(closed).hasValue(0);
        }
        assertThat(closed).as("closing the detector closes the stages it owns").hasValue(1);
        Pipeline given = stages.apply(CONFIG);
        Samlad.load(bankFile, given).close();
        assertThat(closed).as("stages given by the caller stay open").hasValue(1);
        given.close();
        given.close();
        assertThat(closed).as("a pipeline closes its stages once").hasValue(2);
    }

    @Test
    void theObjectsPixelFormsSurviveTheFile() {
        TemplateBank written = fitted.bank();
        TemplateBank read = BankCodec.read(bankFile);
        assertThat(written.scene(0).objects()).anySatisfy(o -> assertThat(o.form().measured()).isTrue());
        for (int i = 0; i < written.size(); i++) {
            for (int j = 0; j < written.scene(i).objects().size(); j++) {
                assertThat(read.scene(i).objects().get(j).form()).isEqualTo(written.scene(i).objects().get(j).form());
            }
        }
        // the toy scenes' four discs are of four colours: no objects of one kind in an image, but each disc keeps its
        // place, so the fit judges outlines by place (BankFitter.withPeerGate): PEER_SHAPE only, no lost parts
        assertThat(CONFIG.peers().on()).isTrue();
        assertThat(read.config().peers())
                .isEqualTo(CONFIG.peers().withLoose(false).withSize(false).withSpacing(false));
        assertThat(read.calibration().location()).doesNotContainKey(io.samlad.calibration.Measure.PEER_SIZE)
                .containsKey(io.samlad.calibration.Measure.PEER_SHAPE);
    }

    @Test
    void theScenesLooseFormsSurviveTheFile() throws IOException {
        TemplateBank b = fitted.bank();
        List<io.samlad.objects.Scene> scenes = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            io.samlad.objects.Scene s = b.scene(i);
            List<io.samlad.objects.ObjectForm> loose = new ArrayList<>();
            for (int k = 0; k < i % 3; k++) {
                loose.add(new io.samlad.objects.ObjectForm(90f + k + i, 0.05f * k, 0.8f, 0.6f, 0.2f));
            }
            scenes.add(s.withLoose(loose));
        }
        TemplateBank withLoose = new TemplateBank(b.config(), b.pipelineId(), scenes, b.names(), b.calibration(),
                b.provenance(), b.projection());
        Path file = dir.resolve("banks/loose.samlad");
        BankCodec.write(withLoose, file);
        TemplateBank read = BankCodec.read(file);
        for (int i = 0; i < b.size(); i++) {
            assertThat(read.scene(i).loose()).isEqualTo(scenes.get(i).loose());
            assertThat(read.scene(i).objects().get(0).form()).isEqualTo(scenes.get(i).objects().get(0).form());
        }
    }

    @Test
    void thePiecesStatisticsFittedOnTheBankSurviveTheFile() throws IOException {
        TemplateBank b = fitted.bank();
        // the fit learnt them (a 6-image bank judges no colour: too few images hold any) and stored them
        assertThat(b.config().colours().pieces().whole()).isNotEmpty();
        SamladConfig.Pieces pieces = b.config().colours().pieces().fitted(new int[] {1, 0, 2},
                new double[] {0, 0.01, 0}, new double[] {0, 0.02, 0});
        SamladConfig config = b.config().toBuilder().colours(b.config().colours().withPieces(pieces)).build();
        TemplateBank withPieces = new TemplateBank(config, b.pipelineId(), b.scenes(), b.names(), b.calibration(),
                b.provenance(), b.projection());
        Path file = dir.resolve("banks/pieces.samlad");
        BankCodec.write(withPieces, file);
        SamladConfig.Pieces read = BankCodec.read(file).config().colours().pieces();
        assertThat(read.whole()).containsExactly(1, 0, 2);
        assertThat(read.pairMedian()).containsExactly(0, 0.01, 0);
        assertThat(read.pairSpread()).containsExactly(0, 0.02, 0);
        assertThat(read.on()).isTrue();
        assertThat(read.minAgreement()).isEqualTo(pieces.minAgreement());
    }

    @Test
    void savingALoadedBankReproducesTheFileExactly() throws IOException {
        Path again = dir.resolve("banks/again.samlad");
        Samlad.load(bankFile, pipeline).save(again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(bankFile));
    }

    @Test
    void provenanceIsSavedAndSaysWhereTheBankCameFrom() {
        TemplateBank read = BankCodec.read(bankFile);
        Provenance p = read.provenance();
        assertThat(p).isEqualTo(fitted.bank().provenance());
        assertThat(p.toolVersion()).isEqualTo(Version.VERSION);
        assertThat(p.imageCount()).isEqualTo(normals.size());
        assertThat(p.imageListSha256()).matches("[0-9a-f]{64}");
        assertThat(p.calibration()).contains("leave-one-out");
        assertThat(Instant.parse(p.createdAt())).isBeforeOrEqualTo(Instant.now());
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(read.names()).containsExactly("n0.png", "n1.png", "n2.png", "n3.png", "n4.png", "n5.png");
        // as configured, but for what the fit decided from the images: outlines judged by place (no objects of one
        // kind in an image, discs that keep their places), and PIECES fitted with no colour judged (6 images are too
        // few to agree on anything), and IDENTITY's hole term off (6 images hold too few examples per place for the
        // places' identity to be judged: BankFitter.withTopologyGate; the holes' fill, the places' spread, the deformation terms and the places' whole part with it), and swapped pairs off
        // likewise (BankFitter.withSwapGate)
        assertThat(read.config().colours().pieces().on()).isFalse();
        // and the LAYOUT places fitted (the toy discs keep their places, and their insides agree)
        assertThat(read.config().layout().fitted()).isTrue();
        assertThat(read.config().layout()).isEqualTo(fitted.bank().config().layout());
        assertThat(read.config()).isEqualTo(
                CONFIG.toBuilder().peers(CONFIG.peers().withLoose(false).withSize(false).withSpacing(false))
                        .identity(CONFIG.identity().withTopologyWeight(0).withFillWeight(0).withPlaceSpread(0)
                                .withDeformationMirror(0).withPartShare(0).withSwapPairs(false))
                        .colours(CONFIG.colours().withPieces(CONFIG.colours().pieces().fitted(new int[5],
                                new double[5], new double[5])))
                        .layout(CONFIG.layout().withPlaces(read.config().layout().places())).build());
        assertThat(read.pipelineId()).isEqualTo(pipeline.id());
    }

    @Test
    void imageListHashIdentifiesTheSetOfImagesNotTheirOrder() {
        List<Path> two = normals.subList(0, 2);
        List<Path> reversed = List.of(normals.get(1), normals.get(0));
        List<Path> other = List.of(normals.get(0), normals.get(2));
        Provenance a = fitQuick(two, List.of());
        Provenance b = fitQuick(reversed, List.of());
        Provenance c = fitQuick(other, normals.subList(3, 5));
        assertThat(b.imageListSha256()).isEqualTo(a.imageListSha256());
        assertThat(c.imageListSha256()).isNotEqualTo(a.imageListSha256());
        assertThat(c.imageCount()).isEqualTo(2);
        assertThat(c.calibration()).contains("held-out").contains("2");
    }

    private static Provenance fitQuick(List<Path> train, List<Path> calibration) {
        try (FittedDetector d = Samlad.fit(pipeline, CONFIG, train, calibration, ProgressListener.NONE)) {
            return ((SamladDetector) d).bank().provenance();
        }
    }

    @Test
    void loadingWithOtherStagesFailsNamingTheBank() {
        SamladConfig otherStride = CONFIG.toBuilder().featureStride(CONFIG.featureStride() * 2).build();
        try (Pipeline other = Samlad.embeddedPipeline(otherStride)) {
            assertThat(other.id()).isNotEqualTo(pipeline.id());
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> Samlad.load(bankFile, other));
            assertThat(e).isNotNull();
            assertThat(e.path()).isEqualTo(bankFile);
            assertThat(e.getMessage()).startsWith(bankFile + ": ").contains("other stages").doesNotContain("\n");
        }
    }

    /** Reads a changed copy of the bank and returns the refusal. */
    private static InvalidInputException readFails(String name, UnaryOperator<byte[]> change) throws IOException {
        Path copy = Files.write(dir.resolve(name), change.apply(Files.readAllBytes(bankFile)));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(copy));
        assertThat(e).as("reading %s must fail", name).isNotNull();
        assertThat(e.path()).isEqualTo(copy);
        assertThat(e.getMessage()).startsWith(copy + ": ").doesNotContain("\n");
        return e;
    }

    @Test
    void otherFormatVersionIsRefused() throws IOException {
        InvalidInputException e = readFails("v.samlad", b -> {
            ByteBuffer.wrap(b).putInt(8, BankCodec.FORMAT_VERSION + 1);
            return b;
        });
        assertThat(e.getMessage()).contains("version " + (BankCodec.FORMAT_VERSION + 1));
    }

    @Test
    void everySingleByteChangeAfterTheHeaderIsCaught() throws IOException {
        int length = Files.readAllBytes(bankFile).length;
        for (int at : new int[] {12, 20, length / 3, length / 2, length - 9, length - 1}) {
            InvalidInputException e = readFails("flip" + at + ".samlad", b -> {
                b[at] ^= 0x01;
                return b;
            });
            assertThat(e.getMessage()).as("byte %d of %d", at, length).contains("checksum");
        }
    }

    @Test
    void truncatedOrExtendedFileIsRefused() throws IOException {
        assertThat(readFails("half.samlad", b -> Arrays.copyOf(b, b.length / 2)).getMessage()).contains("damaged");
        assertThat(readFails("short.samlad", b -> Arrays.copyOf(b, b.length - 1)).getMessage()).contains("damaged");
        assertThat(readFails("longer.samlad", b -> Arrays.copyOf(b, b.length + 8)).getMessage()).contains("damaged");
        assertThat(readFails("tiny.samlad", b -> Arrays.copyOf(b, 6)).getMessage()).contains("not a samlad bank");
    }

    @Test
    void otherFilesAreRefused() throws IOException {
        Path png = normals.get(0);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(png));
        assertThat(e.path()).isEqualTo(png);
        assertThat(e.getMessage()).contains("not a samlad bank");
        Path missing = dir.resolve("missing.samlad");
        e = catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(missing));
        assertThat(e.path()).isEqualTo(missing);
        assertThat(e.getMessage()).contains("no such bank file");
    }
}
