package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the references vote for a missing object ({@link ObjectMeasures#missing}). Four references each hold a "2"
 * that the query matched and a "1" at the top left that the query lacks; the references' 1s differ in stroke width,
 * as handwriting does.
 */
class MissingVotesTest {
    private static final int W = 64;

    /** A w x h block centred on (cx, cy), in cells of a 64 x 64 grid. */
    static SceneObject block(int cx, int cy, int w, int h) {
        BitSet b = new BitSet(W * W);
        for (int y = cy - h / 2; y < cy - h / 2 + h; y++) {
            for (int x = cx - w / 2; x < cx - w / 2 + w; x++) {
                b.set(y * W + x);
            }
        }
        return new SceneObject(new ObjectMask(W, W, b), new float[] {1}, Covariance.diagonal(new float[] {0}));
    }

    /**
     * The query (a 2 alone) against references whose 1 is {@code widths[r]} cells wide and 8 tall (a width of 0:
     * that reference holds no 1). The query's 2 matches every reference's 2; each 1 stays unmatched.
     */
    static List<RawMeasurement.MissingFinding> missing(SamladConfig config, int... widths) {
        SceneObject two = block(52, 10, 6, 8);
        List<SceneObject> query = List.of(two);
        List<Scene> scenes = new ArrayList<>();
        List<ObjectMatcher.Match> matches = new ArrayList<>();
        List<float[][]> vectors = new ArrayList<>();
        vectors.add(new float[][] {{1, 0}});
        List<Integer> indices = new ArrayList<>();
        for (int r = 0; r < widths.length; r++) {
            List<SceneObject> objects = new ArrayList<>();
            objects.add(two);
            if (widths[r] > 0) {
                objects.add(block(18, 12, widths[r], 8));
            }
            scenes.add(new Scene(W, W, new float[] {1}, null, null, objects));
            int[] referenceToQuery = objects.size() == 2 ? new int[] {0, -1} : new int[] {0};
            matches.add(new ObjectMatcher.Match(new int[] {0}, referenceToQuery, new double[] {0}));
            // the 1 looks like nothing in the query: no query object covers its place
            vectors.add(objects.size() == 2 ? new float[][] {{1, 0}, {0, 1}} : new float[][] {{1, 0}});
            indices.add(10 + r);
        }
        References refs = new References(indices, scenes, List.of(), 0);
        return new ObjectMeasures(config).missing(query, refs, matches, vectors);
    }

    @Test
    void aThinOneInTheNearestReferenceIsStillTheOneTheOthersHold() {
        // the nearest's 1 is a quarter of the others' area: |log 8/34| = 1.4, beyond missingAreaLogRatio (0.7)
        List<RawMeasurement.MissingFinding> found = missing(SamladConfig.defaults(), 1, 4, 5, 4);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).reference()).isEqualTo(10);
        assertThat(found.get(0).referenceObject()).isEqualTo(1);
        assertThat(found.get(0).raw()).isPositive();
        // compared with the nearest's own area instead, no other reference agrees and the missing 1 goes unseen
        SamladConfig d = SamladConfig.defaults();
        SamladConfig own = d.toBuilder().measuring(d.measuring().withMissingAreaMedian(false)).build();
        assertThat(missing(own, 1, 4, 5, 4)).isEmpty();
        // where the nearest's 1 is as wide as the others', both rules find it
        assertThat(missing(own, 4, 4, 5, 4)).hasSize(1);
        assertThat(missing(SamladConfig.defaults(), 4, 4, 5, 4)).hasSize(1);
    }

    @Test
    void aSegmentOfTheNearestReferenceAloneIsNoMissingObject() {
        // only the nearest reference holds something there (a noise segment): one vote of four
        assertThat(missing(SamladConfig.defaults(), 4, 0, 0, 0)).isEmpty();
        // two of four is no majority either
        assertThat(missing(SamladConfig.defaults(), 4, 4, 0, 0)).isEmpty();
    }

    @Test
    void votersOfNoCommonSizeConfirmNothing() {
        // 1, 4, 16 and 32 cells wide (8 to 256 cells): only two lie within a factor of two of their median
        assertThat(missing(SamladConfig.defaults(), 1, 4, 16, 32)).isEmpty();
    }
}
