package io.samlad.data.synth;

import java.util.List;

/**
 * Settings of {@link SynthLocoGenerator}. {@code kinds} restricts the anomaly kinds generated (empty: all kinds of
 * each category, cycled in order); {@code overwrite} allows replacing a category folder that an earlier run wrote.
 */
public record SynthLocoOptions(long seed, List<String> categories, int width, int height, int train, int validation,
        int testGood, int testLogical, int testStructural, List<String> kinds, boolean overwrite) {

    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 2048;

    public SynthLocoOptions {
        categories = List.copyOf(categories);
        kinds = List.copyOf(kinds);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("at least one category is needed");
        }
        for (String c : categories) {
            if (!SynthLocoGenerator.categoryNames().contains(c)) {
                throw new IllegalArgumentException("unknown category '" + c + "' (known: "
                        + String.join(", ", SynthLocoGenerator.categoryNames()) + ")");
            }
        }
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be between " + MIN_SIDE + " and " + MAX_SIDE
                    + " pixels per side, got " + width + "x" + height);
        }
        new SplitCounts(train, validation, testGood, testLogical, testStructural);
    }

    /** The benchmark: every category, 256 x 256, 100 train, 20 validation, 40 good / 40 logical / 40 structural. */
    public static SynthLocoOptions defaults() {
        return new SynthLocoOptions(0, SynthLocoGenerator.categoryNames(), 256, 256, 100, 20, 40, 40, 40, List.of(),
                false);
    }

    /**
     * A small set for a demonstration, written in about a second: compartment boxes, 12 train and 2 validation
     * images, 4 good test images and one each of a missing, an extra, a swapped and a scratched object.
     */
    public static SynthLocoOptions demo() {
        return new SynthLocoOptions(0, List.of(CompartmentBox.NAME), 256, 256, 12, 2, 4, 3, 1,
                List.of("missing", "extra", "swapped", "scratch"), false);
    }

    public SynthLocoOptions withSeed(long newSeed) {
        return new SynthLocoOptions(newSeed, categories, width, height, train, validation, testGood, testLogical,
                testStructural, kinds, overwrite);
    }

    public SynthLocoOptions withCategories(List<String> newCategories) {
        return new SynthLocoOptions(seed, newCategories, width, height, train, validation, testGood, testLogical,
                testStructural, kinds, overwrite);
    }

    public SynthLocoOptions withSize(int newWidth, int newHeight) {
        return new SynthLocoOptions(seed, categories, newWidth, newHeight, train, validation, testGood, testLogical,
                testStructural, kinds, overwrite);
    }

    /** Counts of the normal splits. */
    public SynthLocoOptions withNormals(int newTrain, int newValidation) {
        return new SynthLocoOptions(seed, categories, width, height, newTrain, newValidation, testGood, testLogical,
                testStructural, kinds, overwrite);
    }

    /** Counts of the three test groups. */
    public SynthLocoOptions withTest(int good, int logical, int structural) {
        return new SynthLocoOptions(seed, categories, width, height, train, validation, good, logical, structural,
                kinds, overwrite);
    }

    public SynthLocoOptions withKinds(List<String> newKinds) {
        return new SynthLocoOptions(seed, categories, width, height, train, validation, testGood, testLogical,
                testStructural, newKinds, overwrite);
    }

    public SynthLocoOptions withOverwrite(boolean newOverwrite) {
        return new SynthLocoOptions(seed, categories, width, height, train, validation, testGood, testLogical,
                testStructural, kinds, newOverwrite);
    }
}
