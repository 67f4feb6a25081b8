package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The emptiness of a reference object's place in a query ({@code fusion.emptyPlace}), on toy feature grids: a grid of
 * 24 x 8 cells holding three "digits" (bright two-channel features on a dark, noisy background), each at a place of its
 * own. The emptiness reads the query's features, not its segmentation: a digit present but cut into pieces, or
 * written a cell aside, or not segmented at all, leaves its place inked (0); a digit gone leaves it as empty as the
 * background (near 1).
 */
class EmptyPlaceTest {
    private static final int W = 24;
    private static final int H = 8;
    private static final float[] INK = {1.0f, 0.6f};

    /** The cells of a 3 x 4 stroke whose left column is {@code x0}, rows 2 to 5. */
    private static BitSet stroke(int x0) {
        BitSet b = new BitSet(W * H);
        for (int y = 2; y < 6; y++) {
            for (int x = x0; x < x0 + 3; x++) {
                b.set(y * W + x);
            }
        }
        return b;
    }

    /** A query grid with strokes at the given left columns, background noise of amplitude 0.05. */
    private static FeatureMap grid(long seed, int... strokes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[W * H * 2];
        for (int i = 0; i < W * H; i++) {
            data[2 * i] = (float) (0.05 * rnd.nextDouble());
            data[2 * i + 1] = (float) (0.05 * rnd.nextDouble());
        }
        for (int x0 : strokes) {
            BitSet s = stroke(x0);
            for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
                data[2 * i] = INK[0];
                data[2 * i + 1] = INK[1];
            }
        }
        return new FeatureMap(2, W, H, data);
    }

    private static SceneObject object(BitSet cells) {
        return new SceneObject(new ObjectMask(W, H, cells), INK.clone(), null);
    }

    private static double emptiness(Scene query, int referenceColumn) {
        ObjectMask place = new ObjectMask(W, H, stroke(referenceColumn));
        return MissingCandidates.emptiness(query, INK.clone(), place, MissingCandidates.background(query));
    }

    @Test
    void aGoneDigitsPlaceIsEmptyWhateverTheSegmentationDidAndAPresentOnesIsNot() {
        // three digits at columns 2, 10, 18; the query lacks the middle one (its segmentation found the other two)
        FeatureMap missing = grid(1, 2, 18);
        Scene q = new Scene(W, H, new float[0], null, missing, List.of(object(stroke(2)), object(stroke(18))));
        assertThat(emptiness(q, 10)).as("the gone digit's place").isGreaterThan(0.9);
        assertThat(emptiness(q, 2)).as("a present digit's place").isZero();

        // all three present, the middle one written a cell aside and left out by the segmentation entirely: inked
        FeatureMap aside = grid(2, 2, 11, 18);
        Scene unsegmented = new Scene(W, H, new float[0], null, aside,
                List.of(object(stroke(2)), object(stroke(18))));
        assertThat(emptiness(unsegmented, 10)).as("a present digit the segmentation missed").isZero();

        // the middle one cut into two pieces by the segmentation: still inked
        BitSet top = new BitSet(W * H);
        BitSet bottom = new BitSet(W * H);
        BitSet mid = stroke(10);
        for (int i = mid.nextSetBit(0); i >= 0; i = mid.nextSetBit(i + 1)) {
            (i / W < 4 ? top : bottom).set(i);
        }
        Scene cut = new Scene(W, H, new float[0], null, grid(3, 2, 10, 18),
                List.of(object(stroke(2)), object(top), object(bottom), object(stroke(18))));
        assertThat(emptiness(cut, 10)).as("a present digit cut in two").isZero();
    }

    @Test
    void aFaintRemnantIsPartlyEmptyAndWithoutFeaturesOrContrastNothingIsSaid() {
        FeatureMap faint = grid(4, 2, 18);
        BitSet mid = stroke(10);
        for (int i = mid.nextSetBit(0); i >= 0; i = mid.nextSetBit(i + 1)) {
            faint.data()[2 * i] = 0.5f * INK[0];
            faint.data()[2 * i + 1] = 0.5f * INK[1];
        }
        Scene q = new Scene(W, H, new float[0], null, faint, List.of(object(stroke(2)), object(stroke(18))));
        assertThat(emptiness(q, 10)).as("a half-bright remnant").isCloseTo(0.5, within(0.06));

        Scene noFine = new Scene(W, H, new float[0], null, null, List.of());
        assertThat(MissingCandidates.background(noFine)).isNull();
        assertThat(MissingCandidates.emptiness(noFine, INK.clone(), new ObjectMask(W, H, mid), null)).isNaN();
        // a reference object no brighter than the background: no contrast to judge by
        float[] bg = MissingCandidates.background(q);
        assertThat(MissingCandidates.emptiness(q, bg.clone(), new ObjectMask(W, H, mid), bg)).isNaN();
    }
}
