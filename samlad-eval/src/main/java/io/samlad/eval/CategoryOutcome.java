package io.samlad.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.data.Category;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of evaluating one category.
 *
 * @param category  what was evaluated
 * @param dir       its output folder
 * @param metrics   the computed metrics with curves
 * @param json      the content of its {@code metrics.json}
 * @param images    per test image results
 * @param threshold the detector's calibrated decision threshold
 */
public record CategoryOutcome(Category category, Path dir, CategoryMetrics metrics, ObjectNode json,
        List<TestImageResult> images, double threshold) {
}
