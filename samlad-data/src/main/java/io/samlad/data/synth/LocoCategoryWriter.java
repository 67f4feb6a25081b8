package io.samlad.data.synth;

import io.samlad.util.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one category in the MVTec LOCO AD layout: {@code train/good}, {@code validation/good},
 * {@code test/{good,logical_anomalies,structural_anomalies}}, {@code ground_truth/<group>/<id>/000.png ...} (one
 * 8-bit mask per defect region, 0 outside and the defect's pixel value inside), {@code defects_config.json}, and an
 * {@code anomalies.csv} naming the anomaly kind of every test image. Every file is written atomically.
 */
final class LocoCategoryWriter {
    /** The three groups of test images and their folder names. */
    enum TestGroup {
        GOOD("good"), LOGICAL("logical_anomalies"), STRUCTURAL("structural_anomalies");

        final String folder;

        TestGroup(String folder) {
            this.folder = folder;
        }
    }

    private final Path dir;
    private final List<DefectType> defectTypes;
    static final String CSV_HEADER = "image,group,kind,defect_types,masks";

    LocoCategoryWriter(Path categoryDir, List<DefectType> defectTypes) {
        this.dir = categoryDir;
        this.defectTypes = List.copyOf(defectTypes);
    }

    static String fileName(int index) {
        return String.format(Locale.ROOT, "%03d.png", index);
    }

    /** A normal image of {@code train} or {@code validation}. */
    void writeNormal(String split, int index, BufferedImage image) throws IOException {
        Png.write(image, dir.resolve(split).resolve("good").resolve(fileName(index)));
    }

    /**
     * Writes a test image and its masks (none for a good image); returns its line of {@code anomalies.csv}. Safe to
     * call from several threads for different images.
     */
    String writeTest(TestGroup group, int index, BufferedImage image, String kind, List<DefectRegion> regions)
            throws IOException {
        if ((group == TestGroup.GOOD) != regions.isEmpty()) {
            throw new IllegalStateException("a " + group.folder + " image must have "
                    + (group == TestGroup.GOOD ? "no" : "at least one") + " defect region");
        }
        String name = fileName(index);
        String id = name.substring(0, name.length() - 4);
        Png.write(image, dir.resolve("test").resolve(group.folder).resolve(name));
        List<String> types = new ArrayList<>();
        for (int m = 0; m < regions.size(); m++) {
            DefectRegion region = regions.get(m);
            if (!defectTypes.contains(region.type())) {
                throw new IllegalStateException("defect type " + region.type().name() + " is not declared");
            }
            BufferedImage mask = rasterise(region, image.getWidth(), image.getHeight());
            Path target = dir.resolve("ground_truth").resolve(group.folder).resolve(id).resolve(fileName(m));
            Png.write(mask, target);
            if (!types.contains(region.type().name())) {
                types.add(region.type().name());
            }
        }
        return "test/" + group.folder + "/" + name + "," + group.folder + "," + kind + ","
                + String.join(";", types) + "," + regions.size();
    }

    /** The region filled with its defect's pixel value on black, without anti-aliasing (a mask is a set). */
    static BufferedImage rasterise(DefectRegion region, int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        try {
            // Filled white, then set to the pixel value below: a grey Color would pass through the grey colour
            // space's gamma conversion and land on another value.
            g.setColor(Color.WHITE);
            g.fill(region.shape());
        } finally {
            g.dispose();
        }
        int[] samples = mask.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
        boolean any = false;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] != 0) {
                samples[i] = region.type().pixelValue();
                any = true;
            }
        }
        if (!any) {
            throw new IllegalStateException("defect region of " + region.type().name() + " covers no pixel");
        }
        mask.getRaster().setSamples(0, 0, width, height, 0, samples);
        return mask;
    }

    /** Writes {@code defects_config.json}: the declared defect types, in declaration order. */
    void writeDefectsConfig() throws IOException {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < defectTypes.size(); i++) {
            json.append(defectTypes.get(i).toJson("    "));
            json.append(i + 1 < defectTypes.size() ? ",\n" : "\n");
        }
        json.append("]\n");
        AtomicFiles.writeString(dir.resolve("defects_config.json"), json.toString());
    }

    /** Writes {@code defects_config.json} and {@code anomalies.csv} (lines in test image order); call once, last. */
    void finish(List<String> csvLines) throws IOException {
        writeDefectsConfig();
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (String line : csvLines) {
            csv.append(line).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("anomalies.csv"), csv.toString());
    }
}
