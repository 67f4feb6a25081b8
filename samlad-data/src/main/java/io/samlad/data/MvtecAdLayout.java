package io.samlad.data;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one MVTec AD category: {@code train/good}, {@code test/<defect>/NNN.png} and
 * {@code ground_truth/<defect>/NNN_mask.png}. MVTec AD has no validation split: calibration then falls back to
 * held-out training images (see {@code Samlad.fit}).
 */
final class MvtecAdLayout {
    private MvtecAdLayout() {
    }

    static Category load(Path dir) {
        LayoutChecks.requireDirectory(dir, "MVTec AD category");
        List<Sample> train = LayoutChecks.nonEmptyImages(dir.resolve("train").resolve("good"), "training images")
                .stream().map(p -> Sample.good(p, Split.TRAIN)).toList();
        Path testDir = LayoutChecks.requireDirectory(dir.resolve("test"), "test split");
        List<Sample> test = new ArrayList<>();
        for (Path sub : LayoutChecks.subdirectories(testDir)) {
            String type = sub.getFileName().toString();
            for (Path image : LayoutChecks.images(sub)) {
                if (type.equals(Sample.GOOD)) {
                    test.add(Sample.good(image, Split.TEST));
                } else {
                    test.add(new Sample(image, Split.TEST, type, List.of(maskOf(dir, type, image))));
                }
            }
        }
        if (test.stream().noneMatch(Sample::isGood)) {
            throw new InvalidInputException(testDir.resolve(Sample.GOOD), "missing or empty (normal test images)");
        }
        if (test.stream().allMatch(Sample::isGood)) {
            throw new InvalidInputException(testDir, "holds no anomalous images (one folder per defect type expected)");
        }
        return new Category(dir.getFileName().toString(), dir, DatasetFormat.MVTEC_AD, train, List.of(), test,
                Optional.empty());
    }

    private static Path maskOf(Path categoryDir, String type, Path image) {
        Path mask = categoryDir.resolve("ground_truth").resolve(type).resolve(LayoutChecks.stem(image) + "_mask.png");
        if (!Files.isRegularFile(mask)) {
            throw new InvalidInputException(image, "anomalous image without its mask " + mask);
        }
        LayoutChecks.requireSameSize(mask, image);
        return mask;
    }
}
