package io.samlad.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetLoader;
import io.samlad.data.DefectMask;
import io.samlad.data.GroundTruthReader;
import io.samlad.data.Sample;
import io.samlad.eval.metrics.AurocInterval;
import io.samlad.eval.metrics.CurveArea;
import io.samlad.eval.metrics.WilsonInterval;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.util.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One evaluation of the toy category is shared by the tests that only read its outputs (keeps the suite fast). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluatorTest {
    @TempDir
    static Path tmp;
    Dataset dataset;
    Path out;

    @BeforeAll
    void evaluateOnce() throws Exception {
        ToyLoco.write(tmp.resolve("data"), "toy", 1);
        dataset = DatasetLoader.load(tmp.resolve("data"), Optional.empty(), List.of(), 1);
        out = tmp.resolve("out");
        run(out, 40_000_000L);
    }

    private List<CategoryOutcome> run(Path dir, long pixelBudget) throws Exception {
        Evaluator e = new Evaluator((c, p) -> new MeanImageDetector(c), new EvaluationOptions(dir, 2, pixelBudget, 2,
                true), ProgressListener.NONE);
        return e.evaluate(dataset);
    }

    @Test
    void writesTheOfficialMapLayoutAndMetricsOfTheFixedShape() throws Exception {
        Category c = dataset.categories().get(0);
        MeanImageDetector reference = new MeanImageDetector(c);
        for (Sample s : c.test()) {
            Path tiff = out.resolve("anomaly_maps/toy/test/" + s.defectType() + "/" + s.id() + ".tiff");
            assertThat(tiff).exists();
            FloatMap written = ImageWriters.readFloatTiff(tiff);
            FloatMap expected = reference.predict(ImageLoader.read(s.image())).anomalyMap();
            assertThat(written.width()).isEqualTo(ToyLoco.W);
            assertThat(written.data()).containsExactly(expected.data());
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("toy/metrics.json").toFile());
        assertThat(m.get("category").asText()).isEqualTo("toy");
        assertThat(m.get("image_auroc").fieldNames()).toIterable().containsExactly("logical", "structural", "mean");
        assertThat(m.get("au_spro").fieldNames()).toIterable().containsExactly("0.01", "0.05", "0.1", "0.3", "1.0");
        assertThat(m.has("au_spro_logical")).isTrue();
        assertThat(m.has("au_spro_structural")).isTrue();
        for (String k : List.of("pixel_auroc", "au_pro_0.3", "image_f1_max")) {
            assertThat(m.get(k).asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(m.get("counts").get("test_good").asInt()).isEqualTo(4);
        assertThat(m.get("counts").get("test_logical_anomalies").asInt()).isEqualTo(3);
        assertThat(m.get("timing_ms_per_image").has("measuring")).isTrue();
        assertThat(m.get("provenance").get("metric_grid_stride").asInt()).isEqualTo(1);
        // the rates at the threshold with the Wilson intervals their counts allow
        JsonNode at = m.get("at_threshold");
        double[] fpr = WilsonInterval.of(at.get("fp").asInt(), at.get("fp").asInt() + at.get("tn").asInt());
        assertThat(at.get("fpr_good_ci95").get(0).asDouble()).isEqualTo(fpr[0]);
        assertThat(at.get("fpr_good_ci95").get(1).asDouble()).isEqualTo(fpr[1]);
        assertThat(at.get("recall_ci95").get(0).asDouble()).isLessThanOrEqualTo(at.get("recall").asDouble());
        assertThat(at.get("recall_ci95").get(1).asDouble()).isGreaterThanOrEqualTo(at.get("recall").asDouble());
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("report.md")).exists();
        // per-image tables from the core's PredictionWriter, in test order, keyed by path within the category
        List<String> csv = Files.readAllLines(out.resolve("toy/predictions.csv"));
        assertThat(csv).hasSize(1 + c.test().size());
        assertThat(csv.get(1)).startsWith("test/good/000.png,");
        assertThat(Files.readAllLines(out.resolve("toy/predictions.jsonl"))).hasSize(c.test().size());
        assertThat(out.resolve("toy/overlays/test/logical_anomalies/000.png")).exists();
    }

    @Test
    void imageAurocAndAuSproAgreeWithABruteForceRecomputationFromTheWrittenFiles() throws Exception {
        Category c = dataset.categories().get(0);
        MeanImageDetector reference = new MeanImageDetector(c);
        JsonNode m = new ObjectMapper().readTree(out.resolve("toy/metrics.json").toFile());
        for (String split : List.of("logical", "structural")) {
            String type = split + "_anomalies";
            // image AUROC by counting pairs of (good, anomalous) scores
            List<Double> good = new ArrayList<>();
            List<Double> bad = new ArrayList<>();
            for (Sample s : c.test()) {
                double score = reference.predict(ImageLoader.read(s.image())).score();
                if (s.isGood()) {
                    good.add(score);
                } else if (s.defectType().equals(type)) {
                    bad.add(score);
                }
            }
            double pairs = 0;
            for (double b : bad) {
                for (double g : good) {
                    pairs += b > g ? 1 : b == g ? 0.5 : 0;
                }
            }
            assertThat(m.get("image_auroc").get(split).asDouble()).isCloseTo(pairs / (good.size() * bad.size()),
                    within(1e-12));
            // its 95 % interval, from the same counts
            double[] ci = AurocInterval.around(pairs / (good.size() * bad.size()), bad.size(), good.size(),
                    AurocInterval.Z95);
            assertThat(m.get("image_auroc_ci95").get(split).get(0).asDouble()).isCloseTo(ci[0], within(1e-12));
            assertThat(m.get("image_auroc_ci95").get(split).get(1).asDouble()).isCloseTo(ci[1], within(1e-12));

            // AU-sPRO from the TIFFs and masks on disk, threshold by threshold
            List<float[]> maps = new ArrayList<>();
            List<List<DefectMask>> truths = new ArrayList<>();
            for (Sample s : c.test()) {
                if (s.isGood() || s.defectType().equals(type)) {
                    maps.add(ImageWriters.readFloatTiff(out.resolve("anomaly_maps/toy/test/" + s.defectType() + "/"
                            + s.id() + ".tiff")).data());
                    truths.add(GroundTruthReader.read(s, c.defects()));
                }
            }
            TreeSet<Float> thresholds = new TreeSet<>();
            maps.forEach(a -> {
                for (float v : a) {
                    thresholds.add(v);
                }
            });
            CurveArea area = new CurveArea(0.05, 1.0);
            area.add(0, 0);
            for (float t : thresholds.descendingSet()) {
                long fp = 0;
                long ok = 0;
                double spro = 0;
                int regions = 0;
                for (int i = 0; i < maps.size(); i++) {
                    float[] a = maps.get(i);
                    java.util.BitSet any = new java.util.BitSet();
                    for (DefectMask d : truths.get(i)) {
                        any.or(d.pixels());
                        int tp = 0;
                        for (int p = d.pixels().nextSetBit(0); p >= 0; p = d.pixels().nextSetBit(p + 1)) {
                            tp += a[p] >= t ? 1 : 0;
                        }
                        spro += Math.min(tp / d.defect().get().saturationArea(d.area()), 1.0);
                        regions++;
                    }
                    for (int p = 0; p < a.length; p++) {
                        if (!any.get(p)) {
                            ok++;
                            fp += a[p] >= t ? 1 : 0;
                        }
                    }
                }
                area.add(fp / (double) ok, spro / regions);
            }
            assertThat(m.get("au_spro_" + split).get("0.05").asDouble()).isCloseTo(area.normalisedArea(0),
                    within(1e-9));
            assertThat(m.get("au_spro_" + split).get("1.0").asDouble()).isCloseTo(area.normalisedArea(1),
                    within(1e-9));
        }
        double mean = 0.5 * (m.get("au_spro_logical").get("0.3").asDouble()
                + m.get("au_spro_structural").get("0.3").asDouble());
        assertThat(m.get("au_spro").get("0.3").asDouble()).isCloseTo(mean, within(1e-12));
    }

    @Test
    void reportIsSelfContainedAndShowsTheGallery() throws Exception {
        String html = Files.readString(out.resolve("toy/report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"img/").doesNotContain("src=\"http");
        assertThat(html).contains("AU-sPRO").contains("worst-1").contains("best-1");
        assertThat(out.resolve("toy/img/spro.png")).exists();
        assertThat(out.resolve("toy/img/gallery-worst-1.png")).exists();
        assertThat(Files.readString(out.resolve("toy/report.md"))).contains("![").contains("img/roc.png");
    }

    @Test
    void mvtecAdLayoutGetsPixelMetricsButNoSpro() throws Exception {
        // Rearrange the toy scenes as MVTec AD: one defect type "spot", binary *_mask.png masks.
        Path loco = tmp.resolve("data/toy");
        Path ad = tmp.resolve("ad/toy");
        copyAll(loco.resolve("train/good"), ad.resolve("train/good"));
        copyAll(loco.resolve("test/good"), ad.resolve("test/good"));
        copyAll(loco.resolve("test/structural_anomalies"), ad.resolve("test/spot"));
        for (int i = 0; i < 3; i++) {
            Path src = loco.resolve(String.format("ground_truth/structural_anomalies/%03d/000.png", i));
            Files.createDirectories(ad.resolve("ground_truth/spot"));
            Files.copy(src, ad.resolve(String.format("ground_truth/spot/%03d_mask.png", i)));
        }
        Dataset d = DatasetLoader.load(tmp.resolve("ad"), Optional.empty(), List.of(), 1);
        assertThat(d.format()).isEqualTo(io.samlad.data.DatasetFormat.MVTEC_AD);
        // no validation split in MVTec AD: the fake calibrates on the training images instead
        new Evaluator((c, p) -> new MeanImageDetector(new Category(c.name(), c.root(), c.format(), c.train(), c.train(),
                c.test(), c.defects())), new EvaluationOptions(tmp.resolve("ad-out"), 1, 40_000_000L, 1, false),
                ProgressListener.NONE).evaluate(d);
        Path adOut = tmp.resolve("ad-out");
        JsonNode m = new ObjectMapper().readTree(adOut.resolve("toy/metrics.json").toFile());
        assertThat(m.get("format").asText()).isEqualTo("mvtec_ad");
        assertThat(m.get("image_auroc").fieldNames()).toIterable().containsExactly("all", "mean");
        assertThat(m.has("au_spro")).isFalse();
        assertThat(m.get("au_pro_0.3").asDouble()).isBetween(0.0, 1.0);
        assertThat(m.get("pixel_auroc").asDouble()).isBetween(0.0, 1.0);
        assertThat(adOut.resolve("anomaly_maps/toy/test/spot/002.tiff")).exists();
    }

    private static void copyAll(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void aSmallPixelBudgetSamplesTheGridAndSaysSo() throws Exception {
        // 10 test images of 40x30 = 12000 pixels; a budget of 4000 needs stride 2 (3000 pixels)
        Path sampled = tmp.resolve("sampled");
        run(sampled, 4_000L);
        JsonNode m = new ObjectMapper().readTree(sampled.resolve("toy/metrics.json").toFile());
        assertThat(m.get("provenance").get("metric_grid_stride").asInt()).isEqualTo(2);
        assertThat(m.get("provenance").get("threshold_sweep").asText()).contains("stride 2");
        assertThat(m.get("au_spro").get("1.0").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void aTestImageThatCannotBeReadGetsAnErrorRowAndNoMetricsAreWritten() throws Exception {
        Path data = tmp.resolve("corrupt");
        ToyLoco.write(data, "toy", 1);
        Dataset d = DatasetLoader.load(data, Optional.empty(), List.of(), 1);
        Sample victim = d.categories().get(0).test().get(2);
        byte[] png = Files.readAllBytes(victim.image());
        Files.write(victim.image(), java.util.Arrays.copyOf(png, png.length / 2));
        Path dir = tmp.resolve("corrupt-out");
        Evaluator e = new Evaluator((c, p) -> new MeanImageDetector(c), new EvaluationOptions(dir, 2, 40_000_000L, 2,
                false), ProgressListener.NONE);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> e.evaluate(d));
        assertThat(t).isInstanceOf(io.samlad.util.InvalidInputException.class)
                .hasMessageContaining("1 of " + d.categories().get(0).test().size() + " test images of toy could not"
                        + " be scored").hasMessageContaining(victim.image().toString());
        List<String> csv = Files.readAllLines(dir.resolve("toy/predictions.csv"));
        assertThat(csv).hasSize(1 + d.categories().get(0).test().size());
        assertThat(csv).filteredOn(l -> l.split(",", -1)[1].isEmpty()).hasSize(1)
                .allMatch(l -> l.startsWith("test/" + victim.defectType() + "/" + victim.image().getFileName()));
        assertThat(dir.resolve("toy/metrics.json")).doesNotExist();
        assertThat(dir.resolve("metrics.json")).doesNotExist();
    }
}
