package io.samlad.measure;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.objects.ColourLattice;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.BitSet;
import java.util.List;

/**
 * The small scenes of the LAYOUT tests: a 96 x 96 pixel image on a 24 x 24 object grid (4 pixels per cell), its
 * objects rectangles given in pixels, its colour lattice read from the painted pixels. Only what LAYOUT reads is
 * filled in: the boxes and the lattice.
 */
final class BoxScenes {
    static final int W = 96;
    static final int H = 96;
    static final int GW = 24;
    static final int GH = 24;

    private BoxScenes() {
    }

    /** An object covering the grid cells of the pixel rectangle at (x0, y0), w x h pixels. */
    static SceneObject box(int x0, int y0, int w, int h) {
        BitSet bits = new BitSet(GW * GH);
        for (int y = y0 / 4; y < (y0 + h) / 4; y++) {
            for (int x = x0 / 4; x < (x0 + w) / 4; x++) {
                bits.set(y * GW + x);
            }
        }
        return new SceneObject(new ObjectMask(GW, GH, bits), new float[] {0f}, Covariance.none(1), new float[0]);
    }

    /** The scene of planar RGB pixels {@code p} (3 x W x H, in [0, 1]) holding {@code objects}. */
    static Scene of(float[] p, List<SceneObject> objects) {
        FeatureMap fine = new FeatureMap(1, GW, GH, new float[GW * GH]);
        return new Scene(W, H, new float[] {0f}, fine, fine, objects, new float[0], List.of(), List.of(),
                ColourLattice.of(RgbImage.ofPlanar(W, H, p)));
    }
}
