package io.samlad.segment;

import io.samlad.image.RgbImage;
import java.util.List;

/**
 * Stage 4 (Segment Anything's role): candidate object masks of an image, on a {@code gridWidth x gridHeight} grid
 * that covers the whole image. Masks may overlap and may be over-detailed; {@link MaskCleanup} turns them into one
 * mask per physical object.
 */
public interface MaskGenerator extends AutoCloseable {
    List<ObjectMask> generate(RgbImage image, int gridWidth, int gridHeight);

    /** Stable identity of the method and its settings, stored in a bank. */
    String id();

    @Override
    default void close() {
    }
}
