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
 * Generates the synthetic LOCO benchmark: for each category, normal train and validation scenes and test scenes
 * (good, logical and structural anomalies with ground-truth masks), in the MVTec LOCO AD layout. Every image is drawn
 * from its own random stream, seeded by the run's seed and the image's category, split and index, so the same seed
 * gives byte-identical files.
 */
public final class SynthLocoGenerator {
    private static final List<SceneCategory> CATEGORIES =
            List.of(new CompartmentBox(), new PinGrid(), new ConnectorCable(), new Bottle());

    private SynthLocoGenerator() {
    }

    /** Every category, in their default order. */
    public static List<SceneCategory> categories() {
        return CATEGORIES;
    }

    public static List<String> categoryNames() {
        return CATEGORIES.stream().map(SceneCategory::name).toList();
    }

    public static SceneCategory category(String name) {
        for (SceneCategory c : CATEGORIES) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + name + "' (known: "
                + String.join(", ", categoryNames()) + ")");
    }

    public static GenerationSummary generate(Path outDir, SynthLocoOptions options) throws IOException {
        return generate(outDir, options, ProgressListener.NONE);
    }

    public static GenerationSummary generate(Path outDir, SynthLocoOptions options, ProgressListener progress)
            throws IOException {
        Map<String, SplitCounts> counts = new LinkedHashMap<>();
        List<SceneCategory> chosen = new ArrayList<>();
        for (String name : options.categories()) {
            SceneCategory c = category(name);
            kindsOf(c, c.logicalKinds(), options);
            kindsOf(c, c.structuralKinds(), options);
            chosen.add(c);
        }
        for (SceneCategory c : chosen) {
            counts.put(c.name(), generateCategory(outDir.resolve(c.name()), c, options, progress));
        }
        return new GenerationSummary(outDir, counts, "synthetic scenes drawn with Java2D");
    }

    /**
     * The category's kinds that the options allow (each allowed kind must exist in the category); a test group left
     * with no kind gets no images.
     */
    private static List<String> kindsOf(SceneCategory c, List<String> all, SynthLocoOptions options) {
        if (options.kinds().isEmpty()) {
            return all;
        }
        for (String k : options.kinds()) {
            if (!c.logicalKinds().contains(k) && !c.structuralKinds().contains(k)) {
                throw new IllegalArgumentException("category " + c.name() + " has no anomaly kind '" + k + "' (known: "
                        + String.join(", ", c.logicalKinds()) + ", " + String.join(", ", c.structuralKinds()) + ")");
            }
        }
        return all.stream().filter(options.kinds()::contains).toList();
    }

    private static SplitCounts generateCategory(Path dir, SceneCategory c, SynthLocoOptions o, ProgressListener progress)
            throws IOException {
        List<String> logical = kindsOf(c, c.logicalKinds(), o);
        List<String> structural = kindsOf(c, c.structuralKinds(), o);
        int testLogical = logical.isEmpty() ? 0 : o.testLogical();
        int testStructural = structural.isEmpty() ? 0 : o.testStructural();
        SplitCounts counts = new SplitCounts(o.train(), o.validation(), o.testGood(), testLogical, testStructural);
        OutputFolders.prepare(dir, o.overwrite());
        LocoCategoryWriter writer = new LocoCategoryWriter(dir, c.defectTypes());
        String task = "generating " + c.name();
        int total = counts.total();
        int[] done = {0};
        Runnable tick = () -> progress.update(task, ++done[0], total);
        List<String> csv = new ArrayList<>();
        try (ImageJobs jobs = new ImageJobs()) {
            jobs.run(o.train(), i -> () -> {
                writer.writeNormal("train", i, render(c, o, "train", i, null).image());
                return null;
            }, tick);
            jobs.run(o.validation(), i -> () -> {
                writer.writeNormal("validation", i, render(c, o, "validation", i, null).image());
                return null;
            }, tick);
            csv.addAll(jobs.run(o.testGood(), i -> () -> test(writer, LocoCategoryWriter.TestGroup.GOOD, i,
                    render(c, o, "test_good", i, null)), tick));
            csv.addAll(jobs.run(testLogical, i -> () -> test(writer, LocoCategoryWriter.TestGroup.LOGICAL, i,
                    render(c, o, "test_logical", i, logical.get(i % logical.size()))), tick));
            csv.addAll(jobs.run(testStructural, i -> () -> test(writer, LocoCategoryWriter.TestGroup.STRUCTURAL, i,
                    render(c, o, "test_structural", i, structural.get(i % structural.size()))), tick));
        }
        writer.finish(csv);
        return counts;
    }

    private static String test(LocoCategoryWriter writer, LocoCategoryWriter.TestGroup group, int index,
            SceneCanvas.Rendered r) throws IOException {
        return writer.writeTest(group, index, r.image(), r.kind(), r.regions());
    }

    /** One image: the scene of the given kind ({@code null}: normal) drawn from its own seeded stream. */
    static SceneCanvas.Rendered render(SceneCategory c, SynthLocoOptions o, String split, int index, String kind) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), c.name(), split, Integer.toString(index)));
        Scene scene = kind == null ? c.normal(rng) : c.anomalous(kind, rng);
        return SceneCanvas.render(scene, o.width(), o.height(), rng);
    }
}
