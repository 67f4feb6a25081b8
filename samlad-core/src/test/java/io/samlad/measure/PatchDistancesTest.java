package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.features.FeatureMap;
import io.samlad.image.FloatMap;
import io.samlad.objects.Scene;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchDistancesTest {
    /** A one-channel 5 x 5 patch grid, all zero but one cell of {@code value}. */
    private static FeatureMap grid(int x, int y, float value) {
        float[] d = new float[25];
        d[y * 5 + x] = value;
        return new FeatureMap(1, 5, 5, d);
    }

    private static Scene scene(FeatureMap patches) {
        return new Scene(40, 40, new float[] {1}, patches, patches, List.of());
    }

    @Test
    void aPatchNoReferenceHasIsForwardAndAPatchEveryReferenceHasIsReverse() {
        FeatureMap query = grid(2, 2, 3);
        FeatureMap ref = grid(0, 4, 2);
        PatchMaps maps = PatchDistances.between(query, List.of(scene(ref), scene(ref), scene(ref)), 1, true);
        // The query's extra content at (2,2): nearest reference patch within one cell is 0, distance 3.
        assertThat(maps.forward().get(2, 2)).isEqualTo(3f);
        assertThat(maps.forward().get(0, 4)).isEqualTo(0f);
        // The references' content at (0,4) has no counterpart in the query: distance 2, seen only in reverse.
        assertThat(maps.reverse().get(0, 4)).isEqualTo(2f);
        assertThat(maps.reverse().get(2, 2)).isEqualTo(0f);
        assertThat(maps.combined().get(2, 2)).isEqualTo(3f);
    }

    @Test
    void theSearchRadiusToleratesSmallShiftsOnly() {
        FeatureMap query = grid(2, 2, 1);
        assertThat(PatchDistances.between(query, List.of(scene(grid(3, 2, 1))), 1, false).forward().get(2, 2))
                .isEqualTo(0f);
        assertThat(PatchDistances.between(query, List.of(scene(grid(4, 2, 1))), 1, false).forward().get(2, 2))
                .isEqualTo(1f);
    }

    @Test
    void wideningTheReferencesEqualsComparingWithAllAtOnce() {
        FeatureMap query = grid(2, 2, 3);
        List<Scene> first = List.of(scene(grid(0, 0, 1)));
        List<Scene> more = List.of(scene(grid(2, 2, 2.5f)), scene(grid(1, 1, 5)));
        FloatMap known = PatchDistances.between(query, first, 1, false).forward();
        float[] before = known.data().clone();
        FloatMap widened = PatchDistances.forwardWidened(query, known, more, 1);
        List<Scene> all = List.of(first.get(0), more.get(0), more.get(1));
        assertThat(widened.data()).containsExactly(PatchDistances.between(query, all, 1, false).forward().data(),
                within(1e-6f));
        assertThat(known.data()).containsExactly(before);
    }

    @Test
    void smoothingReturnsNewMapsAndLeavesTheOriginalAlone() {
        PatchMaps maps = PatchDistances.between(grid(2, 2, 3), List.of(scene(grid(0, 0, 0))), 1, true);
        float[] forward = maps.forward().data().clone();
        PatchMaps smooth = maps.smoothed(1.0);
        assertThat(maps.forward().data()).containsExactly(forward);
        assertThat(smooth.forward().get(2, 2)).isLessThan(3f).isPositive();
        assertThat(smooth.forward().get(1, 2)).isPositive();
    }
}
