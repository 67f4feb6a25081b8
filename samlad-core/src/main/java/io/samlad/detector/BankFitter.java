package io.samlad.detector;

import io.samlad.Version;
import io.samlad.bank.FeatureQuantizer;
import io.samlad.bank.Provenance;
import io.samlad.bank.TemplateBank;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.measure.Calibration;
import io.samlad.measure.Measure;
import io.samlad.measure.PatchNoise;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorer;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits a template bank: analyses every normal image (in parallel), quantises the stored features, then calibrates
 * every measure on normal images that the bank does not contain (a separate calibration set, or leave-one-out on a
 * seeded subset of the training images) and sets the threshold.
 */
public final class BankFitter {
    /** Images per batched backbone call at fit time. */
    static final int FIT_BATCH = 8;

    private BankFitter() {
    }

    public static SamladDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress, int threads) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("need at least 2 normal images to fit, got " + train.size());
        }
        Scorer scorer = SamladDetector.scorerFor(config);
        SceneAnalyzer analyzer = new SceneAnalyzer(pipeline, config, scorer.needsObjects());
        boolean heldOut = !calibration.isEmpty();
        int[] looIndices = leaveOneOutImages(train.size(), config);
        boolean[] keepFine = new boolean[train.size()];
        for (int i : looIndices) {
            keepFine[i] = true;
        }
        // Chunks of images go through the backbone in one batched call each (model backends run batches faster);
        // chunks run in parallel.
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<List<Scene>> chunked = ParallelMap.map(chunks(train.size()), threads, (c, chunk) -> {
            List<RgbImage> images = new ArrayList<>();
            for (int i : chunk) {
                images.add(ImageLoader.read(train.get(i)));
            }
            List<Scene> kept = analyseChunk(analyzer, images, chunk, keepFine);
            progress.update("analysing normal images", done.addAndGet(chunk.size()), train.size());
            return kept;
        }, ProgressListener.NONE, "analysing normal images");
        List<Scene> analysed = new ArrayList<>();
        for (List<Scene> c : chunked) {
            analysed.addAll(c);
        }
        List<String> names = new ArrayList<>();
        for (Path p : train) {
            names.add(p.getFileName().toString());
        }
        TemplateBank bank = uncalibratedBank(pipeline.id(), config, analysed, names, imageListHash(train),
                looIndices.length, calibration.size());

        // Statistics (per-position noise, each measure's location and scale) come from training images scored
        // leave-one-out against the rest of the bank, together with the held-out normal images when there are some:
        // the former are many, the latter show how images the bank has never seen score (test parts are such images).
        // The threshold comes from the held-out images when given, else from the leave-one-out images.
        List<Integer> idx = new ArrayList<>();
        for (int i : looIndices) {
            idx.add(i);
        }
        List<Scene> statScenes = new ArrayList<>();
        for (int i : idx) {
            statScenes.add(analysed.get(i));
        }
        List<RawMeasurement> statRaws = ParallelMap.map(idx, threads,
                (k, i) -> scorer.score(analysed.get(i), bank, i, new StageTimings()), progress, "calibrating");
        List<Scene> heldScenes = List.of();
        List<RawMeasurement> heldRaws = List.of();
        if (heldOut) {
            heldScenes = ParallelMap.map(calibration, threads,
                    (k, path) -> analyzer.analyze(ImageLoader.read(path), new StageTimings()), progress,
                    "analysing held-out normal images");
            heldRaws = ParallelMap.map(heldScenes, threads, (k, sc) -> scorer.score(sc, bank, -1, new StageTimings()),
                    progress, "scoring held-out normal images");
        }
        return new SamladDetector(pipeline, calibratedBank(bank, statScenes, statRaws, heldScenes, heldRaws));
    }

    // The steps below are fit() cut at its per-image work, public so that a distributed fitter (samlad-spark) runs
    // exactly this code on its workers and driver and so writes the bank fit() writes.

    /** Indices of the training images, in groups of {@value #FIT_BATCH}, each analysed in one batched call. */
    public static List<List<Integer>> chunks(int imageCount) {
        List<List<Integer>> chunks = new ArrayList<>();
        for (int start = 0; start < imageCount; start += FIT_BATCH) {
            List<Integer> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(imageCount, start + FIT_BATCH); i++) {
                chunk.add(i);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Analyses one chunk of training images; only images scored leave-one-out ({@code keepFine[index]}) keep their
     * fine features.
     */
    public static List<Scene> analyseChunk(SceneAnalyzer analyzer, List<RgbImage> images, List<Integer> chunk,
            boolean[] keepFine) {
        List<Scene> scenes = analyzer.analyzeAll(images, new StageTimings());
        List<Scene> kept = new ArrayList<>();
        for (int k = 0; k < chunk.size(); k++) {
            kept.add(keepFine[chunk.get(k)] ? scenes.get(k) : scenes.get(k).withoutFine());
        }
        return kept;
    }

    /**
     * The bank of the analysed training images (features quantised as stored), not yet calibrated: what the
     * leave-one-out and held-out images are scored against.
     */
    public static TemplateBank uncalibratedBank(String pipelineId, SamladConfig config, List<Scene> analysed,
            List<String> names, String imageListHash, int leaveOneOutCount, int heldOutCount) {
        FeatureQuantizer quantizer = FeatureQuantizer.fit(analysed);
        List<Scene> stored = quantizer.roundTrip(analysed);
        Provenance provenance = new Provenance(Version.VERSION, Instant.now().toString(), analysed.size(),
                imageListHash,
                "statistics: leave-one-out on " + leaveOneOutCount + " training images"
                        + (heldOutCount > 0 ? " and " + heldOutCount + " held-out normal images; threshold: the"
                                + " held-out images" : "; threshold: the same images"),
                System.getProperty("java.version"));
        return new TemplateBank(config, pipelineId, stored, names, Calibration.identity(), provenance);
    }

    /**
     * Calibrates {@code bank} from the raw measurements of the leave-one-out training images ({@code statScenes},
     * in {@link #leaveOneOutImages} order) and of the held-out normal images (may be empty), in input order.
     */
    public static TemplateBank calibratedBank(TemplateBank bank, List<Scene> statScenes,
            List<RawMeasurement> looRaws, List<Scene> heldScenes, List<RawMeasurement> heldRaws) {
        SamladConfig config = bank.config();
        boolean heldOut = !heldScenes.isEmpty();
        List<RawMeasurement> statRaws = new ArrayList<>(looRaws);
        statRaws.addAll(heldRaws);
        List<io.samlad.image.FloatMap> maps = new ArrayList<>();
        List<io.samlad.image.FloatMap> bankMaps = new ArrayList<>();
        for (RawMeasurement r : statRaws) {
            maps.add(r.patchMap());
            bankMaps.add(r.bankMap());
        }
        PatchNoise noise = PatchNoise.fit(maps).orElse(null);
        PatchNoise bankNoise = statRaws.get(0).values().containsKey(Measure.PATCH_BANK)
                ? PatchNoise.fit(bankMaps).orElse(null) : null;
        Calibration cal = calibrate(normalise(statRaws, noise, bankNoise), config).withPatchNoise(noise, bankNoise);

        List<Scene> thresholdScenes = heldOut ? heldScenes : statScenes;
        List<RawMeasurement> thresholdRaws = normalise(heldOut ? heldRaws : statRaws, noise, bankNoise);
        // The threshold is a quantile of exactly the image scores predict() gives these normal images.
        TemplateBank calibrated = bank.withCalibration(cal);
        double[] fused = new double[thresholdRaws.size()];
        for (int i = 0; i < fused.length; i++) {
            Scene sc = thresholdScenes.get(i);
            fused[i] = PredictionAssembler.assemble(sc.width(), sc.height(), sc, thresholdRaws.get(i), calibrated, cal,
                    new StageTimings()).score();
        }
        double[] sorted = fused.clone();
        Arrays.sort(sorted);
        double threshold = Calibration.quantile(sorted, config.measuring().thresholdQuantile());
        return bank.withCalibration(cal.withThreshold(threshold, fused));
    }

    private static List<RawMeasurement> normalise(List<RawMeasurement> raws, PatchNoise noise, PatchNoise bankNoise) {
        List<RawMeasurement> out = new ArrayList<>(raws.size());
        for (RawMeasurement r : raws) {
            out.add(r.withPatchNoise(noise, bankNoise));
        }
        return out;
    }

    static Calibration calibrate(List<RawMeasurement> raws, SamladConfig config) {
        Map<Measure, double[]> values = new EnumMap<>(Measure.class);
        for (Measure m : raws.get(0).values().keySet()) {
            double[] v = new double[raws.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = raws.get(i).values().getOrDefault(m, 0.0);
            }
            values.put(m, v);
        }
        // Scale floors: a measure almost constant on normals must not turn a tiny difference into a huge score.
        double theta = config.matching().noMatchCost();
        Map<Measure, Double> floors = new EnumMap<>(Measure.class);
        for (Map.Entry<Measure, double[]> e : values.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            double median = Calibration.quantile(v, 0.5);
            double floor = switch (e.getKey()) {
                case OBJECT, MISSING -> 0.25 * theta;
                case GLOBAL -> 0.1 * Math.abs(median) + 1e-3;
                default -> 0.05 * Math.abs(median) + 1e-6; // PATCH, PATCH_BANK, GAUSSIAN
            };
            floors.put(e.getKey(), floor);
        }
        return Calibration.fit(values, floors);
    }

    /** The training images scored leave-one-out for the statistics: a seeded subset, in ascending order. */
    public static int[] leaveOneOutImages(int n, SamladConfig config) {
        int count = Math.min(config.measuring().calibrationImages(), n);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] pick = Arrays.copyOf(all, count);
        Arrays.sort(pick);
        return pick;
    }

    static String imageListHash(List<Path> images) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (Path p : images) {
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                size = -1;
            }
            names.add(p.getFileName().toString());
            sizes.add(size);
        }
        return imageListHash(names, sizes);
    }

    /** Provenance's hash of a set of images (file names and sizes, in any order). */
    public static String imageListHash(List<String> fileNames, List<Long> sizes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < fileNames.size(); i++) {
                entries.add(fileNames.get(i) + "\t" + sizes.get(i));
            }
            entries.sort(null);
            for (String e : entries) {
                md.update(e.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
