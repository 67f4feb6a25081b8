package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A part of a kind that the segmentation lost (a pin too small for its minimum area, merged into the plate) is found
 * again at pixel resolution by its kind's colour, and measured as an object would be; where the image holds no kind,
 * or the part is an object already, nothing is found.
 */
class KindBlobsTest {
    private static final int SIZE = 128;
    /** A pin covers 1.4 % of this small toy image: above the default kind share, which is set for 256-pixel scenes. */
    private static final SamladConfig.Peers PEERS = SamladConfig.Peers.DEFAULTS.withMaxKindShare(0.02);
    private static final int GRID = 32;
    private static final float[] BRASS = {0.83f, 0.65f, 0.24f};
    private static final float[] STEEL = {0.69f, 0.71f, 0.72f};
    /** Six pins of radius 8.5 on a 3 x 2 layout, and a small one of radius 5.5 at (100, 100). */
    private static final double[][] PINS = {{20, 20, 8.5}, {60, 20, 8.5}, {100, 20, 8.5}, {20, 60, 8.5},
        {60, 60, 8.5}, {100, 60, 8.5}, {100, 100, 5.5}};

    private static RgbImage image(double[][] discs) {
        float[] planar = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int inside = 0;
                for (int s = 0; s < 16; s++) {
                    double px = x + (s % 4 + 0.5) / 4;
                    double py = y + (s / 4 + 0.5) / 4;
                    for (double[] d : discs) {
                        if (Math.hypot(px - d[0], py - d[1]) <= d[2]) {
                            inside++;
                            break;
                        }
                    }
                }
                double t = inside / 16.0;
                for (int c = 0; c < 3; c++) {
                    planar[c * SIZE * SIZE + y * SIZE + x] = (float) (t * BRASS[c] + (1 - t) * STEEL[c]);
                }
            }
        }
        return RgbImage.ofPlanar(SIZE, SIZE, planar);
    }

    private static ObjectMask cells(double cx, double cy, double r) {
        return DiscCells.of(GRID, cx, cy, r);
    }

    /** The first {@code count} pins as objects (with their forms), as the segmentation would give them. */
    private static List<SceneObject> objects(RgbImage image, int count) {
        List<SceneObject> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectMask m = cells(PINS[i][0], PINS[i][1], PINS[i][2]);
            out.add(new SceneObject(m, new float[] {0f}, io.samlad.stats.Covariance.none(1), new float[0],
                    ObjectForm.of(image, m)));
        }
        return out;
    }

    @Test
    void aPinTheSegmentationLostIsFoundAndMeasured() {
        RgbImage img = image(PINS);
        List<ObjectForm> loose = KindBlobs.find(img, objects(img, 6), PEERS);
        assertThat(loose).hasSize(1);
        assertThat((double) loose.get(0).area()).isCloseTo(Math.PI * 5.5 * 5.5, within(0.2 * Math.PI * 5.5 * 5.5));
    }

    @Test
    void partsLargerThanTheKindShareAreASurfaceWhosePixelsAreNoLostParts() {
        RgbImage img = image(PINS);
        assertThat(KindBlobs.find(img, objects(img, 6), PEERS.withMaxKindShare(0.01))).isEmpty();
        assertThat(KindBlobs.find(img, objects(img, 6), PEERS.withMaxKindShare(0))).hasSize(1);
    }

    @Test
    void nothingIsFoundWhereEveryPartIsAnObjectOrThereIsNoKind() {
        RgbImage img = image(PINS);
        List<SceneObject> all = objects(img, 7);
        assertThat(KindBlobs.find(img, all, PEERS)).isEmpty();
        // two pins are no kind (fewer than minPeers peers): nothing is looked for
        assertThat(KindBlobs.find(img, objects(img, 2), PEERS)).isEmpty();
        assertThat(KindBlobs.find(img, objects(img, 6), SamladConfig.Peers.OFF)).isEmpty();
    }
}
