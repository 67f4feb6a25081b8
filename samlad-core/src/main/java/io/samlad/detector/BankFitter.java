package io.samlad.detector;

import io.samlad.bank.FeatureQuantizer;
import io.samlad.bank.Provenance;
import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.calibration.PatchNoise;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorer;
import io.samlad.measure.Scorers;
import io.samlad.calibration.ThresholdCalibrator;
import io.samlad.calibration.ThresholdPromise;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.stats.Quantiles;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import io.samlad.util.Version;
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
import java.util.concurrent.atomic.AtomicInteger;

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
        return fit(pipeline, config, train, calibration, progress, threads, ImageLimits.defaults());
    }

    /** As above, reading images within {@code limits}. */
    public static SamladDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress, int threads, ImageLimits limits) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("need at least 2 normal images to fit, got " + train.size());
        }
        Scorer scorer = Scorers.forConfig(config);
        SceneAnalyzer analyzer = pipeline.analyzer(config, scorer.needsObjects());
        int[] shuffled = shuffledIndices(train.size(), config.seed());
        int statCount = Math.min(config.measuring().calibrationImages(), train.size());
        int[] looIndices = sorted(Arrays.copyOf(shuffled, statCount));
        // Further training images, scored leave-one-out with the final statistics (so out of sample already), only
        // to give the threshold more normal scores than the statistics need.
        int extraCount = Math.max(0, Math.min(train.size() - statCount,
                config.thresholding().images() - statCount - calibration.size()));
        int[] extraIndices = sorted(Arrays.copyOfRange(shuffled, statCount, statCount + extraCount));
        int[] queried = Arrays.copyOf(looIndices, statCount + extraCount);
        System.arraycopy(extraIndices, 0, queried, statCount, extraCount);
        List<Scene> analysed = analyseTraining(analyzer, train, queried, progress, threads, limits);
        List<Scene> stored = FeatureQuantizer.fit(analysed).roundTrip(analysed);
        List<String> names = new ArrayList<>();
        for (Path p : train) {
            names.add(p.getFileName().toString());
        }
        int folds = Math.min(config.thresholding().calibrationFolds(), statCount + calibration.size());
        TemplateBank bank = new TemplateBank(config, pipeline.id(), stored, names, Calibration.identity(),
                provenance(train, calibration, looIndices.length, folds, extraCount));

        // Statistics (per-position noise, each measure's location and scale) come from training images scored
        // leave-one-out against the rest of the bank, together with the held-out normal images when there are some:
        // the former are many, the latter show how images the bank has never seen score (test parts are such images).
        List<Scored> leaveOneOut = scoreLeaveOneOut(scorer, bank, analysed, looIndices, progress, threads);
        List<Scored> heldOut = scoreHeldOut(scorer, analyzer, bank, calibration, progress, threads, limits);
        List<Scored> statistics = new ArrayList<>(leaveOneOut);
        statistics.addAll(heldOut);
        Calibration cal = calibrateOn(statistics, config);
        TemplateBank calibrated = bank.withCalibration(cal);

        // The threshold is set on image scores exactly as predict() gives them, but each computed with statistics
        // fitted without that image's fold: in-sample scores come out low (an image's own outlier widens the spread
        // it is divided by), and a threshold set on them flags far more unseen normal parts than it promises.
        List<Scene> scenes = new ArrayList<>();
        List<RawMeasurement> raws = new ArrayList<>();
        for (Scored sc : statistics) {
            scenes.add(sc.scene());
            raws.add(sc.raw());
        }
        double[] crossFitted = CrossFitting.outOfFoldScores(scenes, raws, calibrated, folds,
                part -> calibrateOn(part.stream().map(r -> new Scored(null, r)).toList(), config));
        double[] extra = normalScores(scoreLeaveOneOut(scorer, bank, analysed, extraIndices, progress, threads),
                calibrated);
        double[] fused = Arrays.copyOf(crossFitted, crossFitted.length + extra.length);
        System.arraycopy(extra, 0, fused, crossFitted.length, extra.length);
        ThresholdCalibrator.Result t = threshold(fused, config);
        // the sanity checks read the training images' own leave-one-out scores
        double[] looScores = normalScores(leaveOneOut, calibrated);
        List<String> findings = TrainingChecks.fitted(train, calibration, bank, looIndices, looScores);
        return new SamladDetector(pipeline, bank.withCalibration(cal.withThreshold(t.threshold(), fused,
                t.promise())).withProvenance(bank.provenance().withFindings(findings)));
    }

    /** The threshold on out-of-sample normal scores: the promised rate, or a plain quantile when one is set. */
    private static ThresholdCalibrator.Result threshold(double[] normalScores, SamladConfig config) {
        double q = config.measuring().thresholdQuantile();
        if (q > 0) {
            double[] sorted = normalScores.clone();
            Arrays.sort(sorted);
            return new ThresholdCalibrator.Result(Quantiles.ofSorted(sorted, q), new ThresholdPromise(Double.NaN,
                    Double.NaN, Double.NaN, sorted.length, 0,
                    "the " + q + " quantile of " + sorted.length + " normal scores, no guarantee"));
        }
        return ThresholdCalibrator.calibrate(normalScores, config.thresholding().targetFalsePositiveRate(),
                config.thresholding().confidence());
    }

    /** A normal image's scene and its raw measurement against the bank. */
    private record Scored(Scene scene, RawMeasurement raw) {
    }

    /**
     * Runs stages 1, 3 and 4 on every training image: chunks of images go through the backbone in one batched call
     * each (model backends run batches faster), chunks run in parallel. Only the images scored leave-one-out keep
     * their fine features (they are scored as queries later); the rest are stored without.
     */
    private static List<Scene> analyseTraining(SceneAnalyzer analyzer, List<Path> train, int[] queried,
            ProgressListener progress, int threads, ImageLimits limits) {
        boolean[] keepFine = new boolean[train.size()];
        for (int i : queried) {
            keepFine[i] = true;
        }
        List<List<Integer>> chunks = new ArrayList<>();
        for (int start = 0; start < train.size(); start += FIT_BATCH) {
            List<Integer> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(train.size(), start + FIT_BATCH); i++) {
                chunk.add(i);
            }
            chunks.add(chunk);
        }
        AtomicInteger done = new AtomicInteger();
        List<List<Scene>> chunked = ParallelMap.map(chunks, threads, (c, chunk) -> {
            List<RgbImage> images = new ArrayList<>();
            for (int i : chunk) {
                images.add(ImageLoader.read(train.get(i), limits));
            }
            List<Scene> scenes = analyzer.analyzeAll(images, new StageTimings());
            List<Scene> kept = new ArrayList<>();
            for (int k = 0; k < chunk.size(); k++) {
                kept.add(keepFine[chunk.get(k)] ? scenes.get(k) : scenes.get(k).withoutFine());
            }
            progress.update("analysing normal images", done.addAndGet(chunk.size()), train.size());
            return kept;
        }, ProgressListener.NONE, "analysing normal images");
        List<Scene> analysed = new ArrayList<>();
        for (List<Scene> c : chunked) {
            analysed.addAll(c);
        }
        return analysed;
    }

    private static Provenance provenance(List<Path> train, List<Path> calibration, int leaveOneOut, int folds,
            int extra) {
        boolean heldOut = !calibration.isEmpty();
        return new Provenance(Version.VERSION, Instant.now().toString(), train.size(), imageListHash(train),
                "statistics: leave-one-out on " + leaveOneOut + " training images"
                        + (heldOut ? " and " + calibration.size() + " held-out normal images" : "")
                        + "; threshold: their image scores cross-fitted over " + folds + " folds and " + extra
                        + " more training images scored leave-one-out",
                System.getProperty("java.version"));
    }

    /** The chosen training images, each scored against the rest of the bank. */
    private static List<Scored> scoreLeaveOneOut(Scorer scorer, TemplateBank bank, List<Scene> analysed,
            int[] looIndices, ProgressListener progress, int threads) {
        List<Integer> idx = new ArrayList<>();
        for (int i : looIndices) {
            idx.add(i);
        }
        return ParallelMap.map(idx, threads,
                (k, i) -> new Scored(analysed.get(i), scorer.score(analysed.get(i), bank, i, new StageTimings())),
                progress, "calibrating");
    }

    /** The held-out normal images (none when not given), analysed and scored against the whole bank. */
    private static List<Scored> scoreHeldOut(Scorer scorer, SceneAnalyzer analyzer, TemplateBank bank,
            List<Path> calibration, ProgressListener progress, int threads, ImageLimits limits) {
        if (calibration.isEmpty()) {
            return List.of();
        }
        List<Scene> scenes = ParallelMap.map(calibration, threads,
                (k, path) -> analyzer.analyze(ImageLoader.read(path, limits), new StageTimings()), progress,
                "analysing held-out normal images");
        List<RawMeasurement> raws = ParallelMap.map(scenes, threads,
                (k, sc) -> scorer.score(sc, bank, -1, new StageTimings()), progress, "scoring held-out normal images");
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            out.add(new Scored(scenes.get(i), raws.get(i)));
        }
        return out;
    }

    /**
     * The fused image scores {@code predict()} gives these normal images with the bank's calibration: the threshold
     * is a quantile of exactly these.
     */
    private static double[] normalScores(List<Scored> images, TemplateBank calibrated) {
        Calibration cal = calibrated.calibration();
        double[] fused = new double[images.size()];
        for (int i = 0; i < fused.length; i++) {
            Scene sc = images.get(i).scene();
            RawMeasurement raw = images.get(i).raw().withPatchNoise(cal.patchNoise(), cal.bankNoise());
            fused[i] = PredictionAssembler.assemble(sc.width(), sc.height(), sc, raw, calibrated, cal,
                    new StageTimings()).score();
        }
        return fused;
    }

    /** Per-position noise models, then each measure's location and scale, from the normal images' measurements. */
    private static Calibration calibrateOn(List<Scored> images, SamladConfig config) {
        List<FloatMap> maps = new ArrayList<>();
        List<FloatMap> bankMaps = new ArrayList<>();
        for (Scored r : images) {
            maps.add(r.raw().patchMap());
            bankMaps.add(r.raw().bankMap());
        }
        PatchNoise noise = PatchNoise.fit(maps).orElse(null);
        PatchNoise bankNoise = images.get(0).raw().values().containsKey(Measure.PATCH_BANK)
                ? PatchNoise.fit(bankMaps).orElse(null) : null;
        List<RawMeasurement> normalised = new ArrayList<>();
        for (Scored r : images) {
            normalised.add(r.raw().withPatchNoise(noise, bankNoise));
        }
        return locationAndScale(normalised, config).withPatchNoise(noise, bankNoise);
    }

    static Calibration locationAndScale(List<RawMeasurement> raws, SamladConfig config) {
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
            double median = Quantiles.ofSorted(v, 0.5);
            double floor = switch (e.getKey()) {
                case OBJECT, MISSING -> 0.25 * theta;
                case GLOBAL -> 0.1 * Math.abs(median) + 1e-3;
                default -> 0.05 * Math.abs(median) + 1e-6; // PATCH, PATCH_BANK, GAUSSIAN
            };
            floors.put(e.getKey(), floor);
        }
        return Calibration.fit(values, floors);
    }

    /** 0 .. n-1 in a seeded random order. */
    private static int[] shuffledIndices(int n, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return all;
    }

    private static int[] sorted(int[] v) {
        int[] out = v.clone();
        Arrays.sort(out);
        return out;
    }

    static String imageListHash(List<Path> images) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> entries = new ArrayList<>();
            for (Path p : images) {
                long size;
                try {
                    size = Files.size(p);
                } catch (IOException e) {
                    size = -1;
                }
                entries.add(p.getFileName() + "\t" + size);
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
