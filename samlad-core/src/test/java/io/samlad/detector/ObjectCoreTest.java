package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ObjectCoreTest {
    private static ObjectMask mask(String... rows) {
        int w = rows[0].length();
        BitSet bits = new BitSet();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                if (rows[y].charAt(x) == '#') {
                    bits.set(y * w + x);
                }
            }
        }
        return new ObjectMask(w, rows.length, bits);
    }

    @Test
    void aSolidSquaresCoreIsItsCentre() {
        ObjectMask core = ObjectCore.of(mask(
                ".......",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                "......."));
        assertThat(core.bits().cardinality()).isEqualTo(1);
        assertThat(core.contains(3, 3)).isTrue();
    }

    @Test
    void aRingsCoreLiesOnTheRingNotInItsHole() {
        ObjectMask ring = mask(
                "#########",
                "#########",
                "##.....##",
                "##.....##",
                "##.....##",
                "#########",
                "#########");
        ObjectMask core = ObjectCore.of(ring);
        assertThat(core.bits().isEmpty()).isFalse();
        BitSet outside = (BitSet) core.bits().clone();
        outside.andNot(ring.bits());
        assertThat(outside.isEmpty()).as("core cells off the ring").isTrue();
        // the hole's centre, where the centroid falls, is not part of it
        assertThat(core.contains(4, 3)).isFalse();
    }

    @Test
    void anObjectTouchingTheGridEdgeIsDeepestAwayFromTheEdge() {
        ObjectMask core = ObjectCore.of(mask(
                "#####",
                "#####",
                "#####",
                "....."));
        // the grid's edge counts as outside: the middle row is deepest
        assertThat(core.bits().stream().map(i -> i / 5).distinct().toArray()).containsExactly(1);
        assertThat(ObjectCore.of(mask("...", "...")).bits().isEmpty()).isTrue();
    }
}
