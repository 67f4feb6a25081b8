package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.config.SamladConfig;
import io.samlad.image.FloatMap;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the map puts a kind of parts that the query holds too many of (compartment_box: three balls where two belong,
 * and which of them is the extra one no image can say), and a piece broken off a part (it lies outside what remains
 * of the part's mask).
 */
class KindPaintingTest {
    private static final int GRID = 32; // object grid 32 x 32, patch grid 4 x 4 (each patch covers 8 x 8 cells)
    private static final Calibration Z = Calibration.identity();
    private static final SamladConfig.Peers PEERS = SamladConfig.Peers.DEFAULTS;
    private static final ObjectForm RED = new ObjectForm(144f, 0.02f, 0.8f, 0.2f, 0.2f);
    private static final ObjectForm BLUE = new ObjectForm(144f, 0.02f, 0.2f, 0.3f, 0.8f);

    /** A 3 x 3 block of cells at (x, y). */
    private static ObjectMask block(int x, int y) {
        return square(x, y, 3);
    }

    /** A square of n x n cells at (x, y). */
    private static ObjectMask square(int x, int y, int n) {
        BitSet bits = new BitSet(GRID * GRID);
        for (int dy = 0; dy < n; dy++) {
            for (int dx = 0; dx < n; dx++) {
                bits.set((y + dy) * GRID + x + dx);
            }
        }
        return new ObjectMask(GRID, GRID, bits);
    }

    private static SceneObject part(ObjectMask mask, ObjectForm form) {
        return new SceneObject(mask, new float[0], null, new float[0], form);
    }

    private static Scene scene(SceneObject... objects) {
        return new Scene(128, 128, new float[0], null, null, List.of(objects));
    }

    /** Four normal images: two red balls and one blue block, each at a slightly different place. */
    private static List<Scene> references() {
        List<Scene> out = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            out.add(scene(part(block(2 + r, 2), RED), part(block(8, 8 + r), RED), part(block(20, 20), BLUE)));
        }
        return out;
    }

    /** A map whose patch distances peak (z 6) in the top-left patch, 1 elsewhere. */
    private static AnomalyMapBuilder map() {
        float[] forward = new float[16];
        Arrays.fill(forward, 1f);
        forward[0] = 6f;
        float[] gauss = new float[GRID * GRID];
        Arrays.fill(gauss, Float.NaN);
        FloatMap zero = new FloatMap(4, 4, new float[16]);
        RawMeasurement raw = new RawMeasurement(Map.of(Measure.PATCH, 6.0), new FloatMap(4, 4, forward),
                new FloatMap(4, 4, forward), zero, zero, new FloatMap(GRID, GRID, gauss), List.of(), List.of(),
                List.of(0));
        return new AnomalyMapBuilder(raw, Z, GRID, GRID, MapScale.of(Z, SamladConfig.Fusion.DEFAULTS), null);
    }

    @Test
    void aKindWithOnePartTooManyIsFoundAndNotAKindOfNormalCount() {
        Scene three = scene(part(block(2, 2), RED), part(block(12, 2), RED), part(block(8, 12), RED),
                part(block(20, 20), BLUE));
        assertThat(KindGroups.overCounted(three, references(), PEERS, 4)).containsExactly(new int[] {0, 1, 2});
        // off
        assertThat(KindGroups.overCounted(three, references(), PEERS, 0)).isEmpty();
        // normal count: nothing
        Scene two = scene(part(block(3, 3), RED), part(block(9, 9), RED), part(block(20, 20), BLUE));
        assertThat(KindGroups.overCounted(two, references(), PEERS, 4)).isEmpty();
        // one ball cut in two by the segmentation (two masks over the same cells): two parts of one ball's area
        Scene cut = scene(part(block(3, 3), RED), part(block(3, 3), RED), part(block(9, 9), RED),
                part(block(20, 20), BLUE));
        assertThat(KindGroups.overCounted(cut, references(), PEERS, 4)).isEmpty();
        // a kind of more parts than maxParts (a grid of pins) is not judged: the plateau would cover the image
        assertThat(KindGroups.overCounted(three, references(), PEERS, 1)).isEmpty();
    }

    @Test
    void aSurfaceCutIntoPiecesSmallEnoughToBePartsIsNoExtraPart() {
        // normal images: the juice below the label is a part (36 cells), above it too large to be one (64 cells, over
        // placeMaxArea's 51); a query whose juice above is cut smaller (49 cells) holds two parts of the colour, but
        // covers no more of the image than the normal images' juice does
        ObjectForm juice = new ObjectForm(576f, 0.02f, 0.9f, 0.55f, 0.1f);
        List<Scene> normal = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            normal.add(scene(part(square(2, 20, 6), juice), part(square(2 + r, 2, 8), juice)));
        }
        Scene query = scene(part(square(2, 20, 6), juice), part(square(3, 2, 7), juice));
        assertThat(KindGroups.overCounted(query, normal, PEERS, 4)).isEmpty();
        // a third piece of juice that adds half a part's area more than normal is one too many
        Scene more = scene(part(square(2, 20, 6), juice), part(square(3, 2, 7), juice), part(square(20, 20, 6), juice),
                part(square(12, 12, 6), juice));
        assertThat(KindGroups.overCounted(more, normal, PEERS, 4)).hasSize(1);
    }

    @Test
    void everyPartOfAnOverCountedKindTakesTheLargestValueOverThem() {
        // the patch distances peak on the ball at the top left (a moved one); the extra one is at the bottom
        Scene three = scene(part(block(2, 2), RED), part(block(12, 2), RED), part(block(8, 12), RED),
                part(block(20, 20), BLUE));
        AnomalyMapBuilder map = map();
        assertThat(AnomalyMapBuilder.max(map.painted(), block(8, 12))).isEqualTo(1);
        PredictionAssembler.paintKinds(three, references(), PEERS, map, GRID, GRID, 4);
        assertThat(AnomalyMapBuilder.max(map.painted(), block(8, 12))).isEqualTo(6);
        assertThat(AnomalyMapBuilder.max(map.painted(), block(12, 2))).isEqualTo(6);
        assertThat(AnomalyMapBuilder.max(map.painted(), block(20, 20))).isEqualTo(1); // another kind
        // a normal count leaves the map as it was
        AnomalyMapBuilder normal = map();
        PredictionAssembler.paintKinds(scene(part(block(2, 2), RED), part(block(9, 9), RED)), references(), PEERS,
                normal, GRID, GRID, 4);
        assertThat(AnomalyMapBuilder.max(normal.painted(), block(9, 9))).isEqualTo(1);
    }

    @Test
    void aPieceBrokenOffIsPaintedWhereItWasJustOutsideWhatRemains() {
        BitSet bits = block(10, 10).bits();
        bits.clear(12 * GRID + 12); // the corner the piece came from lies outside the mask now
        ObjectMask bitten = new ObjectMask(GRID, GRID, bits);
        ObjectMask grown = PredictionAssembler.shapeCells(bitten, true);
        assertThat(grown.contains(12, 12)).isTrue();
        assertThat(grown.contains(13, 11)).isTrue();
        assertThat(grown.contains(14, 12)).isFalse();
        assertThat(PredictionAssembler.shapeCells(bitten, false).contains(12, 12)).isFalse();
    }
}
