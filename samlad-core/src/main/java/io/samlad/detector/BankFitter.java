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
import io.samlad.measure.ThresholdCalibrator;
import io.samlad.measure.ThresholdPromise;
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
        int[] shuffled = shuffledIndices(train.size(), config.seed());
        int statCount = Math.min(config.measuring().calibrationImages(), train.size());
        int[] looIndices = sorted(Arrays.copyOf(shuffled, statCount));
        // Further training images, scored leave-one-out with the final statistics (so out of sample already), only
        // to give the threshold more normal scores than the statistics need.
        int extraCount = Math.max(0, Math.min(train.size() - statCount,
                config.measuring().thresholdImages() - statCount - calibration.size()));
        int[] extraIndices = sorted(Arrays.copyOfRange(shuffled, statCount, statCount + extraCount));
        boolean[] keepFine = new boolean[train.size()];
        for (int i : looIndices) {
            keepFine[i] = true;
        }
        for (int i : extraIndices) {
            keepFine[i] = true;
        }
        // Chunks of images go through the backbone in one batched call each (model backends run batches faster);
        // chunks run in parallel.
        List<List<Integer>> chunks = new ArrayList<>();
        for (int start = 0; start < train.size(); start += FIT_BATCH) {
            List<Integer> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(train.size(), start + FIT_BATCH); i++) {
                chunk.add(i);
            }
            chunks.add(chunk);
        }
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<List<Scene>> chunked = ParallelMap.map(chunks, threads, (c, chunk) -> {
            List<RgbImage> images = new ArrayList<>();
            for (int i : chunk) {
                images.add(ImageLoader.read(train.get(i)));
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
        FeatureQuantizer quantizer = FeatureQuantizer.fit(analysed);
        List<Scene> stored = quantizer.roundTrip(analysed);
        List<String> names = new ArrayList<>();
        for (Path p : train) {
            names.add(p.getFileName().toString());
        }
        Provenance provenance = new Provenance(Version.VERSION, Instant.now().toString(), train.size(),
                imageListHash(train),
                "statistics: leave-one-out on " + looIndices.length + " training images"
                        + (heldOut ? " and " + calibration.size() + " held-out normal images" : "")
                        + "; threshold: their image scores cross-fitted over "
                        + Math.min(config.measuring().calibrationFolds(), looIndices.length + calibration.size())
                        + " folds and " + extraIndices.length + " more training images scored leave-one-out",
                System.getProperty("java.version"));
        TemplateBank bank = new TemplateBank(config, pipeline.id(), stored, names, Calibration.identity(), provenance);

        // Statistics (per-position noise, each measure's location and scale) come from training images scored
        // leave-one-out against the rest of the bank, together with the held-out normal images when there are some:
        // the former are many, the latter show how images the bank has never seen score (test parts are such images).
        // The threshold comes from all of them, each scored out of fold (below).
        List<Integer> idx = new ArrayList<>();
        for (int i : looIndices) {
            idx.add(i);
        }
        List<Scene> statScenes = new ArrayList<>();
        for (int i : idx) {
            statScenes.add(analysed.get(i));
        }
        List<RawMeasurement> looRaws = new ArrayList<>(ParallelMap.map(idx, threads,
                (k, i) -> scorer.score(analysed.get(i), bank, i, new StageTimings()), progress, "calibrating"));
        List<Scene> heldScenes = List.of();
        List<RawMeasurement> heldRaws = List.of();
        if (heldOut) {
            heldScenes = ParallelMap.map(calibration, threads,
                    (k, path) -> analyzer.analyze(ImageLoader.read(path), new StageTimings()), progress,
                    "analysing held-out normal images");
            heldRaws = ParallelMap.map(heldScenes, threads, (k, sc) -> scorer.score(sc, bank, -1, new StageTimings()),
                    progress, "scoring held-out normal images");
        }
        List<RawMeasurement> statRaws = new ArrayList<>(looRaws);
        statRaws.addAll(heldRaws);
        List<Scene> allScenes = new ArrayList<>(statScenes);
        allScenes.addAll(heldScenes);
        Calibration cal = statistics(statRaws, config);
        TemplateBank calibrated = bank.withCalibration(cal);

        // The threshold is set on image scores exactly as predict() gives them, but each computed with statistics
        // fitted without that image's fold: in-sample scores come out low (an image's own outlier widens the spread
        // it is divided by), and a threshold set on them flags far more unseen normal parts than it should.
        int folds = Math.min(config.measuring().calibrationFolds(), statRaws.size());
        double[] fused = CrossFitting.outOfFoldScores(allScenes, statRaws, calibrated, folds,
                raws -> statistics(raws, config));
        double[] thresholdScores = Arrays.copyOf(fused, fused.length + extraIndices.length);
        List<Integer> extra = new ArrayList<>();
        for (int i : extraIndices) {
            extra.add(i);
        }
        List<RawMeasurement> extraRaws = ParallelMap.map(extra, threads,
                (k, i) -> scorer.score(analysed.get(i), bank, i, new StageTimings()), progress,
                "scoring normal images for the threshold");
        for (int e = 0; e < extraIndices.length; e++) {
            Scene sc = analysed.get(extraIndices[e]);
            RawMeasurement r = extraRaws.get(e).withPatchNoise(cal.patchNoise(), cal.bankNoise());
            thresholdScores[fused.length + e] = PredictionAssembler.assemble(sc.width(), sc.height(), sc, r,
                    calibrated, cal, new StageTimings()).score();
        }
        ThresholdCalibrator.Result t;
        double q = config.measuring().thresholdQuantile();
        if (q > 0) {
            double[] sorted = thresholdScores.clone();
            Arrays.sort(sorted);
            double threshold = Calibration.quantile(sorted, q);
            t = new ThresholdCalibrator.Result(threshold, new ThresholdPromise(Double.NaN, Double.NaN, Double.NaN,
                    sorted.length, 0, "the " + q + " quantile of " + sorted.length + " normal scores (no guarantee)"));
        } else {
            t = ThresholdCalibrator.calibrate(thresholdScores, config.measuring().targetFalsePositiveRate(),
                    config.measuring().thresholdConfidence());
        }
        return new SamladDetector(pipeline, bank.withCalibration(cal.withThreshold(t.threshold(), thresholdScores,
                t.promise())));
    }

    /** Per-position noise models and each measure's location and scale, from normal images' raw measurements. */
    static Calibration statistics(List<RawMeasurement> raws, SamladConfig config) {
        List<io.samlad.image.FloatMap> maps = new ArrayList<>();
        List<io.samlad.image.FloatMap> bankMaps = new ArrayList<>();
        for (RawMeasurement r : raws) {
            maps.add(r.patchMap());
            bankMaps.add(r.bankMap());
        }
        PatchNoise noise = PatchNoise.fit(maps).orElse(null);
        PatchNoise bankNoise = raws.get(0).values().containsKey(Measure.PATCH_BANK)
                ? PatchNoise.fit(bankMaps).orElse(null) : null;
        return calibrate(normalise(raws, noise, bankNoise), config).withPatchNoise(noise, bankNoise);
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
