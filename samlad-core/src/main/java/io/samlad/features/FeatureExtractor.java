package io.samlad.features;

import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 (DINOv2's role): image to patch features. Implementations resize the image to whatever their model needs;
 * the returned grid always covers the whole input image.
 */
public interface FeatureExtractor extends AutoCloseable {
    ExtractedFeatures extract(RgbImage image);

    /** Extracts several images; backends with batched inference override this. */
    default List<ExtractedFeatures> extractAll(List<RgbImage> images) {
        List<ExtractedFeatures> out = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            out.add(extract(image));
        }
        return out;
    }

    /**
     * A stable identity of this extractor and its settings (for a model: its file's hash), stored in a bank so that a
     * bank is never used with features it was not fitted on.
     */
    String id();

    @Override
    default void close() {
    }
}
