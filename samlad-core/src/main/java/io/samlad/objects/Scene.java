package io.samlad.objects;

import io.samlad.features.FeatureMap;
import java.util.List;

/**
 * Everything the method derives from one image before comparing it with others.
 *
 * @param width      working image width (pixels)
 * @param height     working image height (pixels)
 * @param global     global descriptor (retrieval)
 * @param patches    coarse patch features from the backbone
 * @param fine       upsampled features on the object grid (null in banks: only queries need them)
 * @param objects    objects after clean-up, largest first
 * @param loose      forms of parts of the objects' kinds that the segmentation lost ({@link KindBlobs}); empty where
 *                   none were looked for
 */
public record Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
        List<SceneObject> objects, List<ObjectForm> loose) {

    public Scene {
        objects = List.copyOf(objects);
        loose = loose == null ? List.of() : List.copyOf(loose);
    }

    /** A scene without loose forms. */
    public Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
            List<SceneObject> objects) {
        this(width, height, global, patches, fine, objects, List.of());
    }

    /** The same scene without its fine features (what a bank keeps). */
    public Scene withoutFine() {
        return new Scene(width, height, global, patches, null, objects, loose);
    }
}
