package io.samlad.objects;

import io.samlad.features.FeatureMap;
import io.samlad.segment.ObjectMask;
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
 * @param colours    share of the working image in each colour bin ({@link ColourHistogram}); empty where not
 *                   computed (banks written before the COLOURS measure, scenes of the patch-knn baseline)
 * @param loose      forms of parts of the objects' kinds that the segmentation lost ({@link KindBlobs}); empty where
 *                   none were looked for
 * @param looseCells the object-grid cells each loose form's pixels touch, in the order of {@code loose}, for painting
 *                   it on a query's map; empty where not kept (banks keep only the forms)
 * @param lattice    the colour of each cell of the colour lattice ({@link ColourLattice}), for the PIECES measure;
 *                   null where not computed, and always in banks (the fit reads it, a bank does not store it)
 */
public record Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
        List<SceneObject> objects, float[] colours, List<ObjectForm> loose, List<ObjectMask> looseCells,
        ColourLattice lattice) {

    public Scene {
        objects = List.copyOf(objects);
        colours = colours == null ? new float[0] : colours;
        loose = loose == null ? List.of() : List.copyOf(loose);
        looseCells = looseCells == null ? List.of() : List.copyOf(looseCells);
        if (!looseCells.isEmpty() && looseCells.size() != loose.size()) {
            throw new IllegalArgumentException("loose cells for " + looseCells.size() + " of " + loose.size()
                    + " loose forms");
        }
    }

    /** A scene whose loose forms keep no cells. */
    public Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
            List<SceneObject> objects, float[] colours, List<ObjectForm> loose) {
        this(width, height, global, patches, fine, objects, colours, loose, List.of(), null);
    }

    /** A scene without a colour histogram or loose forms. */
    public Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
            List<SceneObject> objects) {
        this(width, height, global, patches, fine, objects, new float[0], List.of());
    }

    /** A scene without loose forms. */
    public Scene(int width, int height, float[] global, FeatureMap patches, FeatureMap fine,
            List<SceneObject> objects, float[] colours) {
        this(width, height, global, patches, fine, objects, colours, List.of());
    }

    /** The same scene with {@code forms} as its loose forms. */
    public Scene withLoose(List<ObjectForm> forms) {
        return new Scene(width, height, global, patches, fine, objects, colours, forms, List.of(), lattice);
    }

    /**
     * The same scene without its fine features (what the fit keeps of the images it does not score); its colour
     * lattice stays, for the PIECES statistics of the bank.
     */
    public Scene withoutFine() {
        return new Scene(width, height, global, patches, null, objects, colours, loose, List.of(), lattice);
    }

    /** The same scene with {@code replaced} as its objects. */
    public Scene withObjects(List<SceneObject> replaced) {
        return new Scene(width, height, global, patches, fine, replaced, colours, loose, looseCells, lattice);
    }

    /** Whether it carries a colour histogram. */
    public boolean hasColours() {
        return colours.length == ColourHistogram.BINS;
    }
}
