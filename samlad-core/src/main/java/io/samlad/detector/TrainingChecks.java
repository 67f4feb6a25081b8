package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.image.ImageLoader;
import io.samlad.stats.Quantiles;
import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sanity checks of the images a bank is fitted on. A single odd training image (noise, another product, another
 * camera setting) is silently absorbed by the bank and can move the threshold tenfold; validation images that are
 * also training images score like the bank's own images and set a threshold that flags every new good part. None of
 * this is an error of the files, so each finding is a warning (one line naming the file), kept in the bank's
 * provenance; {@code samlad fit --strict} refuses to save a bank with any.
 *
 * <p>Pure functions of their inputs: sizes, file contents and scores; they change nothing about the fit.
 */
public final class TrainingChecks {
    /** A training image is an outlier when its leave-one-out score is above Q3 + this many IQRs (Tukey's far out). */
    static final double FENCE_IQRS = 3.0;
    /**
     * ... and above the median by at least this much, in calibrated units where 1 is the spread from the median to
     * the 90th percentile of normal images. At 2, one real juice_bottle training image of 300 (score 3.8, median
     * 0.8) was named; noise images score 14 to 22.
     */
    static final double MIN_SCORE_GAP = 4.0;
    /** The same fence on retrieval dissimilarity (1 - cosine to the nearest other image) needs this margin. */
    static final double MIN_DISSIMILARITY_GAP = 0.05;
    /** Aspect ratios within this relative difference count as the same. */
    static final double ASPECT_TOLERANCE = 0.02;
    /** At most this many findings are kept; the last says how many more there were. */
    static final int MAX_FINDINGS = 100;

    private TrainingChecks() {
    }

    /**
     * Checks that need no fitting: image sizes (from the headers) against the training majority, and validation
     * images whose content is that of a training image.
     *
     * @return findings, one line each ({@code <file>: <problem>}); empty when all is well
     */
    public static List<String> inputs(List<Path> train, List<Path> validation) {
        List<String> out = new ArrayList<>();
        Map<Path, ImageLoader.Size> sizes = new LinkedHashMap<>();
        for (Path p : train) {
            sizes.put(p, ImageLoader.readSize(p));
        }
        for (Path p : validation) {
            sizes.put(p, ImageLoader.readSize(p));
        }
        out.addAll(sizes(train, validation, sizes));
        out.addAll(validationInTraining(train, validation));
        return cap(out);
    }

    /** Sizes that differ from the majority of the training images (the size most of them have). */
    static List<String> sizes(List<Path> train, List<Path> validation, Map<Path, ImageLoader.Size> sizes) {
        Map<ImageLoader.Size, Integer> counts = new HashMap<>();
        for (Path p : train) {
            counts.merge(sizes.get(p), 1, Integer::sum);
        }
        ImageLoader.Size major = null;
        for (Map.Entry<ImageLoader.Size, Integer> e : counts.entrySet()) {
            if (major == null || e.getValue() > counts.get(major)) {
                major = e.getKey();
            }
        }
        List<String> out = new ArrayList<>();
        if (major == null || 2 * counts.get(major) <= train.size()) {
            return out; // no majority: a dataset of mixed sizes, nothing stands out
        }
        double majorAspect = aspect(major);
        List<Path> all = new ArrayList<>(train);
        all.addAll(validation);
        for (Path p : all) {
            ImageLoader.Size s = sizes.get(p);
            if (s.equals(major)) {
                continue;
            }
            boolean sameAspect = Math.abs(aspect(s) / majorAspect - 1) <= ASPECT_TOLERANCE;
            out.add(p + ": " + (sameAspect ? "size " + s : "aspect ratio " + String.format(Locale.ROOT, "%.3f", aspect(s))
                    + " (" + s + ")") + " differs from the " + counts.get(major) + " of " + train.size()
                    + " training images that are " + major + (sameAspect ? "" : String.format(Locale.ROOT,
                    " (aspect %.3f)", majorAspect)));
        }
        return out;
    }

    private static double aspect(ImageLoader.Size s) {
        return s.width() / (double) s.height();
    }

    /** Validation images with the same content (SHA-256 of the file) as a training image. */
    static List<String> validationInTraining(List<Path> train, List<Path> validation) {
        List<String> out = new ArrayList<>();
        if (validation.isEmpty()) {
            return out;
        }
        Map<String, Path> trained = new HashMap<>();
        for (Path p : train) {
            trained.putIfAbsent(sha256(p), p);
        }
        int same = 0;
        for (Path p : validation) {
            Path twin = trained.get(sha256(p));
            if (twin != null) {
                same++;
                out.add(p + ": validation image is also a training image (" + twin + "): it scores like the bank's"
                        + " own images and makes the threshold too low");
            }
        }
        if (same == validation.size() && same > 1) {
            // one line says it better than hundreds
            out.clear();
            out.add(validation.get(0).getParent() + ": all " + same + " validation images are training images"
                    + " (--validation must hold other normal images than --train)");
        }
        return out;
    }

    /**
     * Training images whose own leave-one-out scores stand far above the others'.
     *
     * @param names  the images scored
     * @param scores what each scored against the bank without itself: the method's image score, or 1 - cosine
     *               similarity to the nearest other image
     * @param what   what the score is, for the message
     * @param minGap how far above the median a score must also be
     */
    static List<String> outliers(List<String> names, double[] scores, String what, double minGap) {
        List<String> out = new ArrayList<>();
        if (scores.length < 5) {
            return out; // too few for quartiles to mean anything
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double q1 = Quantiles.ofSorted(sorted, 0.25);
        double median = Quantiles.ofSorted(sorted, 0.5);
        double q3 = Quantiles.ofSorted(sorted, 0.75);
        double fence = Math.max(q3 + FENCE_IQRS * (q3 - q1), median + minGap);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > fence) {
                out.add(names.get(i) + String.format(Locale.ROOT, ": outlier among the training images: %s %.3f"
                        + " where the others' median is %.3f (fence %.3f); is it a normal image?", what, scores[i],
                        median, fence));
            }
        }
        return out;
    }

    /**
     * Outliers by the method's leave-one-out image scores (for the training images scored so) and by retrieval
     * dissimilarity to the nearest other training image (for all of them).
     */
    static List<String> outliers(List<String> scoredNames, double[] looScores, List<String> allNames,
            double[] dissimilarity) {
        List<String> out = new ArrayList<>(outliers(scoredNames, looScores, "leave-one-out anomaly score",
                MIN_SCORE_GAP));
        for (String f : outliers(allNames, dissimilarity, "dissimilarity to its nearest training image",
                MIN_DISSIMILARITY_GAP)) {
            String name = f.substring(0, f.indexOf(": outlier"));
            if (out.stream().noneMatch(l -> l.startsWith(name + ": "))) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Every check of a fitted bank: {@link #inputs} and the outliers.
     *
     * @param scored    indices (into {@code train}) of the training images scored leave-one-out
     * @param looScores their image scores
     */
    public static List<String> fitted(List<Path> train, List<Path> validation, TemplateBank bank, int[] scored,
            double[] looScores) {
        List<String> out = new ArrayList<>(inputs(train, validation));
        List<String> scoredNames = new ArrayList<>();
        for (int i : scored) {
            scoredNames.add(train.get(i).toString());
        }
        List<String> allNames = train.stream().map(Path::toString).toList();
        out.addAll(outliers(scoredNames, looScores, allNames, nearestDissimilarity(bank)));
        return cap(out);
    }

    /** For each bank image, 1 - cosine similarity (of centred global descriptors) to its nearest other image. */
    static double[] nearestDissimilarity(TemplateBank bank) {
        double[] d = new double[bank.size()];
        for (int i = 0; i < d.length; i++) {
            List<TemplateBank.Neighbour> nn = bank.nearest(bank.scene(i).global(), 1, i);
            d[i] = nn.isEmpty() ? 0 : 1 - nn.get(0).similarity();
        }
        return d;
    }

    static List<String> cap(List<String> findings) {
        if (findings.size() <= MAX_FINDINGS) {
            return List.copyOf(findings);
        }
        List<String> out = new ArrayList<>(findings.subList(0, MAX_FINDINGS - 1));
        out.add("... and " + (findings.size() - MAX_FINDINGS + 1) + " more findings");
        return List.copyOf(out);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file: " + IoProblems.describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
