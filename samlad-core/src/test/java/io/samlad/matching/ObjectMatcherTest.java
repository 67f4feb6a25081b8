package io.samlad.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectMatcherTest {
    private static final int W = 40;
    private final ObjectMatcher matcher = new ObjectMatcher(SamladConfig.Matching.DEFAULTS);

    static SceneObject square(int x0, int y0, int side) {
        BitSet b = new BitSet(W * W);
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                b.set(y * W + x);
            }
        }
        return new SceneObject(new ObjectMask(W, W, b), new float[] {1}, Covariance.diagonal(new float[] {0}));
    }

    @Test
    void pairsObjectsByPlaceAndLeavesTheFarOneToTheDustbin() {
        List<SceneObject> query = List.of(square(2, 2, 6), square(30, 30, 6), square(20, 2, 6));
        List<SceneObject> ref = List.of(square(31, 31, 6), square(3, 2, 6));
        float[][] same = {{1, 0}, {1, 0}, {1, 0}};
        ObjectMatcher.Match m = matcher.match(query, same, ref, new float[][] {{1, 0}, {1, 0}});
        assertThat(m.queryToReference()).containsExactly(1, 0, -1);
        assertThat(m.referenceToQuery()).containsExactly(1, 0);
        assertThat(m.cost()[2]).isEqualTo(0.6);
        // Query 0 and its counterpart differ by one cell of 40 in x: cost = 2 * 1/40.
        assertThat(m.cost()[0]).isCloseTo(2.0 / 40, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aRecolouredObjectInPlaceStillMatchesButCostsMore() {
        List<SceneObject> query = List.of(square(10, 10, 8));
        List<SceneObject> ref = List.of(square(10, 10, 8));
        ObjectMatcher.Match same = matcher.match(query, new float[][] {{1, 0}}, ref, new float[][] {{1, 0}});
        ObjectMatcher.Match opposite = matcher.match(query, new float[][] {{1, 0}}, ref, new float[][] {{-1, 0}});
        assertThat(same.queryToReference()).containsExactly(0);
        assertThat(opposite.queryToReference()).containsExactly(0);
        assertThat(same.cost()[0]).isZero();
        // Feature term: 0.5 * (1 - cos) / 2 with cos = -1.
        assertThat(opposite.cost()[0]).isEqualTo(0.5);
    }
}
