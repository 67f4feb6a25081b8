package io.samlad.data.synth;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generator wrote: the root folder, the image counts of each category (in generation order) and a note on
 * where the content came from (for DigitAnatomy: which digit source was used).
 */
public record GenerationSummary(Path root, Map<String, SplitCounts> categories, String source) {
    public GenerationSummary {
        categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
    }

    public int totalImages() {
        return categories.values().stream().mapToInt(SplitCounts::total).sum();
    }
}
