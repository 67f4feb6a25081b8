package io.samlad.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One object category of a dataset, with its splits already validated.
 *
 * @param name       category name, e.g. {@code juice_bottle}
 * @param root       the category's folder
 * @param format     the layout it was read from
 * @param train      normal images for the template bank
 * @param validation normal images for calibration (empty where the layout has none)
 * @param test       normal and anomalous test images
 * @param defects    the defect types ({@code defects_config.json}); present for MVTec LOCO only
 */
public record Category(String name, Path root, DatasetFormat format, List<Sample> train, List<Sample> validation,
        List<Sample> test, Optional<DefectsConfig> defects) {

    public Category {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(format, "format");
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        Objects.requireNonNull(defects, "defects");
    }

    public List<Path> trainImages() {
        return train.stream().map(Sample::image).toList();
    }

    public List<Path> validationImages() {
        return validation.stream().map(Sample::image).toList();
    }

    /** The defect types present in the test split, "good" excluded, in order of first appearance. */
    public List<String> testDefectTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (Sample s : test) {
            if (!s.isGood()) {
                types.add(s.defectType());
            }
        }
        return new ArrayList<>(types);
    }

    public List<Sample> testSamples(String defectType) {
        return test.stream().filter(s -> s.defectType().equals(defectType)).toList();
    }
}
