package io.samlad.data;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one MVTec LOCO AD category: {@code train/good}, {@code validation/good},
 * {@code test/{good,logical_anomalies,structural_anomalies}}, {@code ground_truth/<type>/<id>/000.png ...} and
 * {@code defects_config.json}. Every ground-truth PNG of an image stays a separate mask.
 */
final class MvtecLocoLayout {
    static final String LOGICAL = "logical_anomalies";
    static final String STRUCTURAL = "structural_anomalies";
    private static final Set<String> TEST_TYPES = Set.of(Sample.GOOD, LOGICAL, STRUCTURAL);

    private MvtecLocoLayout() {
    }

    static Category load(Path dir) {
        LayoutChecks.requireDirectory(dir, "MVTec LOCO category");
        DefectsConfig defects = DefectsConfig.read(dir.resolve("defects_config.json"));
        List<Sample> train = goods(dir.resolve("train").resolve("good"), Split.TRAIN, "training images");
        List<Sample> validation = goods(dir.resolve("validation").resolve("good"), Split.VALIDATION,
                "validation images");
        Path testDir = LayoutChecks.requireDirectory(dir.resolve("test"), "test split");
        List<Sample> test = new ArrayList<>(goods(testDir.resolve(Sample.GOOD), Split.TEST, "normal test images"));
        for (Path sub : LayoutChecks.subdirectories(testDir)) {
            String type = sub.getFileName().toString();
            if (!TEST_TYPES.contains(type)) {
                throw new InvalidInputException(sub, "unexpected test folder (MVTec LOCO has good, " + LOGICAL
                        + " and " + STRUCTURAL + ")");
            }
        }
        for (String type : List.of(LOGICAL, STRUCTURAL)) {
            Path typeDir = testDir.resolve(type);
            if (!Files.isDirectory(typeDir)) {
                continue; // a subset may lack one kind; the metrics of that kind are then absent
            }
            for (Path image : LayoutChecks.images(typeDir)) {
                test.add(new Sample(image, Split.TEST, type, masksOf(dir, type, image)));
            }
        }
        if (test.stream().allMatch(Sample::isGood)) {
            throw new InvalidInputException(testDir, "holds no anomalous images (expected " + LOGICAL + " or "
                    + STRUCTURAL + ")");
        }
        return new Category(dir.getFileName().toString(), dir, DatasetFormat.MVTEC_LOCO, train, validation, test,
                Optional.of(defects));
    }

    private static List<Sample> goods(Path dir, Split split, String what) {
        return LayoutChecks.nonEmptyImages(dir, what).stream().map(p -> Sample.good(p, split)).toList();
    }

    private static List<Path> masksOf(Path categoryDir, String type, Path image) {
        Path gtDir = categoryDir.resolve("ground_truth").resolve(type).resolve(LayoutChecks.stem(image));
        if (!Files.isDirectory(gtDir)) {
            throw new InvalidInputException(image, "anomalous image without its ground-truth folder " + gtDir);
        }
        List<Path> masks = LayoutChecks.images(gtDir).stream()
                .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")).toList();
        if (masks.isEmpty()) {
            throw new InvalidInputException(gtDir, "ground-truth folder holds no PNG masks");
        }
        for (Path m : masks) {
            LayoutChecks.requireSameSize(m, image);
        }
        return masks;
    }
}
