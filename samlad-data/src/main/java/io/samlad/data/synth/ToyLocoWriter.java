package io.samlad.data.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a tiny MVTec LOCO category from images the caller draws: the known-answer datasets of tests and examples,
 * where a handful of small scenes with a known anomaly is enough and the full generator ({@link SynthLocoGenerator})
 * would be too slow and too rich. Same layout and masks as the generator: {@code train/good}, {@code validation/good},
 * {@code test/{good,logical_anomalies,structural_anomalies}}, one mask per defect region under
 * {@code ground_truth/<group>/<id>/}, and {@code defects_config.json}; no {@code anomalies.csv}, so an evaluation
 * reports no per-kind figures.
 *
 * <p>Each folder numbers its images {@code 000.png, 001.png, ...} in the order they are added, so a caller drawing
 * every image from one random stream gets the same dataset from the same seed. An image refused (an anomaly without
 * a region, or with an undeclared defect type) takes no number.
 *
 * <pre>{@code
 * DefectType missing = DefectType.relative("missing_square", 255, 1.0);
 * ToyLocoWriter toy = ToyLocoWriter.create(root.resolve("squares"), missing);
 * for (int i = 0; i < 6; i++) toy.train(scene(true));
 * toy.testGood(scene(true));
 * toy.logical(scene(false), new DefectRegion(missing, new Rectangle(8, 8, 10, 10)));
 * Path category = toy.finish();
 * }</pre>
 */
public final class ToyLocoWriter {
    private final Path dir;
    private final LocoCategoryWriter writer;
    private int train;
    private int validation;
    private int good;
    private int logical;
    private int structural;

    private ToyLocoWriter(Path categoryDir, List<DefectType> defectTypes) {
        this.dir = categoryDir;
        this.writer = new LocoCategoryWriter(categoryDir, defectTypes);
    }

    /** A writer of the category at {@code categoryDir} (created as needed) whose masks use these defect types. */
    public static ToyLocoWriter create(Path categoryDir, DefectType... defectTypes) {
        return new ToyLocoWriter(categoryDir, List.of(defectTypes));
    }

    /** Adds a normal image to {@code train/good}. */
    public ToyLocoWriter train(BufferedImage image) throws IOException {
        writer.writeNormal("train", train, image);
        train++;
        return this;
    }

    /** Adds a normal image to {@code validation/good}. */
    public ToyLocoWriter validation(BufferedImage image) throws IOException {
        writer.writeNormal("validation", validation, image);
        validation++;
        return this;
    }

    /** Adds a normal image to {@code test/good}. */
    public ToyLocoWriter testGood(BufferedImage image) throws IOException {
        writer.writeTest(LocoCategoryWriter.TestGroup.GOOD, good, image, "good", List.of());
        good++;
        return this;
    }

    /** Adds an image to {@code test/logical_anomalies} with one ground-truth mask per region (at least one). */
    public ToyLocoWriter logical(BufferedImage image, DefectRegion... regions) throws IOException {
        writer.writeTest(LocoCategoryWriter.TestGroup.LOGICAL, logical, image, "logical", List.of(regions));
        logical++;
        return this;
    }

    /** Adds an image to {@code test/structural_anomalies} with one ground-truth mask per region (at least one). */
    public ToyLocoWriter structural(BufferedImage image, DefectRegion... regions) throws IOException {
        writer.writeTest(LocoCategoryWriter.TestGroup.STRUCTURAL, structural, image, "structural",
                List.of(regions));
        structural++;
        return this;
    }

    /** Writes {@code defects_config.json}; returns the category folder. */
    public Path finish() throws IOException {
        writer.writeDefectsConfig();
        return dir;
    }
}
