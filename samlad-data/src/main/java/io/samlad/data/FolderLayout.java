package io.samlad.data;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A plain layout: folders of normal images, folders of anomalous images (each folder one defect type) and an
 * optional mask folder. Normal images are split, by a seeded shuffle, into training, validation and normal test
 * images, so that the same seed always gives the same split.
 */
public final class FolderLayout {
    private FolderLayout() {
    }

    /**
     * What to read.
     *
     * @param name            category name used in reports
     * @param normalDirs      folders of normal images
     * @param abnormalDirs    folders of anomalous images; a folder holding only sub-folders contributes each
     *                        sub-folder as one defect type
     * @param maskDir         optional: masks named like their image ({@code x.png} or {@code x_mask.png}), either
     *                        directly inside or under a sub-folder named after the defect type
     * @param testShare       share of normal images kept for the test split (at least one image)
     * @param validationShare share of normal images kept for calibration
     * @param seed            seed of the shuffle
     */
    public record Spec(String name, List<Path> normalDirs, List<Path> abnormalDirs, Optional<Path> maskDir,
            double testShare, double validationShare, long seed) {
        public Spec {
            Objects.requireNonNull(name, "name");
            normalDirs = List.copyOf(normalDirs);
            abnormalDirs = List.copyOf(abnormalDirs);
            Objects.requireNonNull(maskDir, "maskDir");
            if (normalDirs.isEmpty() || abnormalDirs.isEmpty()) {
                throw new IllegalArgumentException("need at least one normal and one abnormal folder");
            }
            if (!(testShare > 0 && validationShare >= 0 && testShare + validationShare < 1)) {
                throw new IllegalArgumentException("need testShare > 0, validationShare >= 0 and their sum < 1");
            }
        }
    }

    /**
     * The conventional folder: {@code root/normal}, {@code root/abnormal} and, if present, {@code root/masks};
     * 30% of normal images are tested and 15% calibrate.
     */
    public static Spec conventional(Path root, long seed) {
        LayoutChecks.requireDirectory(root, "folder dataset");
        Path normal = LayoutChecks.requireDirectory(root.resolve("normal"), "normal images of a folder dataset");
        Path abnormal = LayoutChecks.requireDirectory(root.resolve("abnormal"),
                "anomalous images of a folder dataset");
        Path masks = root.resolve("masks");
        return new Spec(root.getFileName().toString(), List.of(normal), List.of(abnormal),
                Files.isDirectory(masks) ? Optional.of(masks) : Optional.empty(), 0.3, 0.15, seed);
    }

    public static Category load(Spec spec) {
        List<Path> normals = new ArrayList<>();
        for (Path d : spec.normalDirs()) {
            normals.addAll(LayoutChecks.nonEmptyImages(d, "normal images"));
        }
        Collections.sort(normals);
        int n = normals.size();
        int nTest = Math.max(1, (int) Math.round(spec.testShare() * n));
        int nValidation = (int) Math.round(spec.validationShare() * n);
        if (n - nTest - nValidation < 1) {
            throw new InvalidInputException(spec.normalDirs().get(0), "only " + n
                    + " normal images: too few to keep some for training, calibration and testing");
        }
        List<Path> shuffled = new ArrayList<>(normals);
        Collections.shuffle(shuffled, new Random(spec.seed()));
        List<Sample> test = new ArrayList<>();
        shuffled.subList(0, nTest).stream().sorted().forEach(p -> test.add(Sample.good(p, Split.TEST)));
        List<Sample> validation = shuffled.subList(nTest, nTest + nValidation).stream().sorted()
                .map(p -> Sample.good(p, Split.VALIDATION)).toList();
        List<Sample> train = shuffled.subList(nTest + nValidation, n).stream().sorted()
                .map(p -> Sample.good(p, Split.TRAIN)).toList();

        for (Path dir : spec.abnormalDirs()) {
            LayoutChecks.requireDirectory(dir, "anomalous images");
            List<Path> direct = LayoutChecks.images(dir);
            List<Path> subs = LayoutChecks.subdirectories(dir);
            if (direct.isEmpty() && subs.isEmpty()) {
                throw new InvalidInputException(dir, "holds no images (anomalous images)");
            }
            addAbnormal(test, dir, direct, dir.getFileName().toString(), spec.maskDir());
            if (direct.isEmpty()) {
                for (Path sub : subs) {
                    addAbnormal(test, sub, LayoutChecks.nonEmptyImages(sub, "anomalous images"),
                            sub.getFileName().toString(), spec.maskDir());
                }
            }
        }
        return new Category(spec.name(), spec.normalDirs().get(0).getParent() == null ? spec.normalDirs().get(0)
                : spec.normalDirs().get(0).getParent(), DatasetFormat.FOLDER, train, validation, test,
                Optional.empty());
    }

    private static void addAbnormal(List<Sample> test, Path dir, List<Path> images, String type,
            Optional<Path> maskDir) {
        if (type.equals(Sample.GOOD)) {
            throw new InvalidInputException(dir, "an anomalous folder may not be called 'good'");
        }
        for (Path image : images) {
            List<Path> masks = maskDir.map(m -> List.of(maskOf(m, type, image))).orElse(List.of());
            test.add(new Sample(image, Split.TEST, type, masks));
        }
    }

    private static Path maskOf(Path maskDir, String type, Path image) {
        String stem = LayoutChecks.stem(image);
        for (Path base : List.of(maskDir.resolve(type), maskDir)) {
            for (String name : List.of(stem + ".png", stem + "_mask.png")) {
                Path candidate = base.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    LayoutChecks.requireSameSize(candidate, image);
                    return candidate;
                }
            }
        }
        throw new InvalidInputException(image, "anomalous image without a mask in " + maskDir + " (looked for "
                + type + "/" + stem + ".png, " + stem + ".png and the _mask.png variants)");
    }
}
