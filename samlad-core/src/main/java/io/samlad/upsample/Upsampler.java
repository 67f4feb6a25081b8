package io.samlad.upsample;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;

/** Stage 3 (FeatUp's role): a coarse feature map to a finer grid, guided by the image so edges stay sharp. */
public interface Upsampler extends AutoCloseable {
    FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height);

    /** Stable identity of the method and its settings, stored in a bank. */
    String id();

    @Override
    default void close() {
    }
}
