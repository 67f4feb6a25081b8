package io.samlad.data.synth;

import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the DigitAnatomy benchmark of SQUID (CVPR 2023) in the MVTec LOCO AD layout (logical anomalies only):
 * normal images are 3 x 3 grids of the digits 1-9 in reading order; anomalies are a missing digit, two swapped digits,
 * a mirrored digit, or a digit replaced by a zero. Train and validation grids draw their digits from one half of the
 * digit pool and test grids from the other.
 */
public final class DigitAnatomyGenerator {
    public static final String NAME = "digit_anatomy";
    /** Font digits drawn per label and half when no MNIST is at hand. */
    static final int FONT_DIGITS_PER_LABEL = 120;

    private DigitAnatomyGenerator() {
    }

    public static List<String> kinds() {
        return DigitGrid.KINDS;
    }

    /** Where the digits come from for these options (an MNIST folder, the vendored copy, or fonts). */
    public static DigitPool digits(DigitAnatomyOptions o) {
        if (o.mnistDir() != null) {
            return MnistIdx.readDirectory(o.mnistDir());
        }
        if (!o.fontsOnly()) {
            DigitPool vendored = MnistIdx.readVendored();
            if (vendored != null) {
                return vendored;
            }
        }
        DigitPool fonts = FontDigits.pool(Seeds.derive(o.seed(), NAME, "fonts"), 2 * FONT_DIGITS_PER_LABEL);
        String why = o.fontsOnly() ? "as asked" : "no MNIST given and no vendored copy found";
        return new DigitPool(fonts.rows(), fonts.cols(), fonts.images(), fonts.labels(), fonts.source() + " (" + why + ")");
    }

    public static GenerationSummary generate(Path outDir, DigitAnatomyOptions options) throws IOException {
        return generate(outDir, options, ProgressListener.NONE);
    }

    public static GenerationSummary generate(Path outDir, DigitAnatomyOptions o, ProgressListener progress)
            throws IOException {
        DigitPool pool = digits(o);
        DigitPool trainHalf = pool.half(0);
        DigitPool testHalf = pool.half(1);
        for (int label = 0; label <= 9; label++) {
            if (trainHalf.indicesOf(label).isEmpty() || testHalf.indicesOf(label).isEmpty()) {
                throw new io.samlad.util.InvalidInputException(o.mnistDir() == null ? Path.of("digits") : o.mnistDir(),
                        "needs at least two digits of each label 0-9 (one per half); found too few " + label + "s");
            }
        }
        Path dir = outDir.resolve(NAME);
        SplitCounts counts = new SplitCounts(o.train(), o.validation(), o.testGood(), o.testLogical(), 0);
        OutputFolders.prepare(dir, o.overwrite());
        LocoCategoryWriter writer = new LocoCategoryWriter(dir, DigitGrid.DEFECT_TYPES);
        int total = counts.total();
        int[] done = {0};
        Runnable tick = () -> progress.update("generating " + NAME, ++done[0], total);
        List<String> csv = new ArrayList<>();
        try (ImageJobs jobs = new ImageJobs()) {
            jobs.run(o.train(), i -> () -> {
                writer.writeNormal("train", i, normal(o, trainHalf, pool, "train", i));
                return null;
            }, tick);
            jobs.run(o.validation(), i -> () -> {
                writer.writeNormal("validation", i, normal(o, trainHalf, pool, "validation", i));
                return null;
            }, tick);
            csv.addAll(jobs.run(o.testGood(), i -> () -> writer.writeTest(LocoCategoryWriter.TestGroup.GOOD, i,
                    normal(o, testHalf, pool, "test_good", i), "good", List.of()), tick));
            csv.addAll(jobs.run(o.testLogical(), i -> () -> {
                String kind = DigitGrid.KINDS.get(i % DigitGrid.KINDS.size());
                SplittableRandom rng = rng(o, "test_logical", i);
                Altered<DigitGrid.Grid> a = DigitGrid.alter(kind, DigitGrid.sample(testHalf, rng), testHalf, rng);
                return writer.writeTest(LocoCategoryWriter.TestGroup.LOGICAL, i,
                        DigitGrid.render(a.layout(), pool.rows(), pool.cols()), kind, a.regions());
            }, tick));
        }
        writer.finish(csv);
        Map<String, SplitCounts> all = new LinkedHashMap<>();
        all.put(NAME, counts);
        return new GenerationSummary(outDir, all, pool.source());
    }

    private static SplittableRandom rng(DigitAnatomyOptions o, String split, int index) {
        return new SplittableRandom(Seeds.derive(o.seed(), NAME, split, Integer.toString(index)));
    }

    private static java.awt.image.BufferedImage normal(DigitAnatomyOptions o, DigitPool half, DigitPool pool,
            String split, int index) {
        return DigitGrid.render(DigitGrid.sample(half, rng(o, split, index)), pool.rows(), pool.cols());
    }
}
