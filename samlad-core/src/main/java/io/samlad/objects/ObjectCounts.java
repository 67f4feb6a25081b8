package io.samlad.objects;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * How well the normal images agree on how many objects they hold: a diagnostic of segmentation stability. Counting
 * rules (one pin per cell, two connectors and one cable) can only be judged where the segmentation cuts every normal
 * image into the same objects; where normal images already disagree on the count, a missing or extra object is
 * hidden in that noise.
 *
 * @param images    images counted
 * @param mode      the most common object count (the smaller one on a tie)
 * @param agreement share of images whose count is the mode
 * @param min       fewest objects in one image
 * @param max       most objects in one image
 */
public record ObjectCounts(int images, int mode, double agreement, int min, int max) {

    /** The counts of {@code scenes}' objects; all zero for no scenes. */
    public static ObjectCounts of(List<Scene> scenes) {
        TreeMap<Integer, Integer> histogram = new TreeMap<>();
        for (Scene s : scenes) {
            histogram.merge(s.objects().size(), 1, Integer::sum);
        }
        if (histogram.isEmpty()) {
            return new ObjectCounts(0, 0, 0, 0, 0);
        }
        int mode = histogram.firstKey();
        for (var e : histogram.entrySet()) {
            if (e.getValue() > histogram.get(mode)) {
                mode = e.getKey();
            }
        }
        return new ObjectCounts(scenes.size(), mode, histogram.get(mode) / (double) scenes.size(),
                histogram.firstKey(), histogram.lastKey());
    }

    /** One line for people, e.g. {@code "16 objects in 72 % of 100 normal images (range 15 to 18)"}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d objects in %.0f %% of %d normal images (range %d to %d)", mode,
                100 * agreement, images, min, max);
    }
}
