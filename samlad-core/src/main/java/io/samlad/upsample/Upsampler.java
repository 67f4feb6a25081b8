package io.samlad.upsample;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;

/** Stage 3 (FeatUp's role): a coarse feature map to a finer grid, guided by the image so edges stay sharp. */
public interface Upsampler extends AutoCloseable {
    FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height);

    /**
     * Whether upsampling commutes with a linear map of the channels ({@code upsample(B f) = B upsample(f)}): true
     * when each output channel is a weighted sum of the same input channel with weights from the image alone (joint
     * bilateral upsampling). Then a wide backbone's channel projection runs before it, at the projected width;
     * otherwise (a learned upsampler, trained on the backbone's own channels) after it.
     */
    default boolean commutesWithChannelMaps() {
        return false;
    }

    /** Stable identity of the method and its settings, stored in a bank. */
    String id();

    @Override
    default void close() {
    }
}
