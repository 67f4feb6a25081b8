package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The touching pieces of one wrong part are one finding, and nothing else changes: pieces apart stay apart, an
 * {@code ok} piece is never merged into a finding, and missing objects (after the query's own) keep their place.
 */
class PartFindingsTest {
    private static final int W = 12;

    /** A rectangle of cells [x0, x1) x [y0, y1) on a 12 x 12 grid. */
    private static ObjectMask box(int x0, int y0, int x1, int y1) {
        BitSet b = new BitSet(W * W);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                b.set(y * W + x);
            }
        }
        return new ObjectMask(W, W, b);
    }

    private static DetectedObject object(int id, Verdict v, double score, ObjectMask m) {
        return PredictionAssembler.describe(id, v, score, m, 96, 96, 1, id);
    }

    @Test
    void touchingMismatchedAndExtraPiecesAreOneMismatchedObjectOverTheirUnion() {
        // a 7 cut in two touching strokes (mismatched, extra), a digit far away (mismatched), an ok piece touching
        // the 7, and a missing digit after the query's objects
        List<ObjectMask> masks = List.of(box(0, 0, 3, 1), box(2, 1, 3, 4), box(8, 8, 10, 10), box(0, 1, 2, 3));
        List<DetectedObject> objects = new ArrayList<>();
        objects.add(object(0, Verdict.MISMATCHED, 2.0, masks.get(0)));
        objects.add(object(1, Verdict.EXTRA, 3.0, masks.get(1)));
        objects.add(object(2, Verdict.MISMATCHED, 1.5, masks.get(2)));
        objects.add(object(3, Verdict.OK, 0.1, masks.get(3)));
        objects.add(object(4, Verdict.MISSING, 2.5, box(8, 0, 10, 2)));

        List<DetectedObject> out = PartFindings.asOne(objects, masks, 4, 96, 96);

        assertThat(out).hasSize(4);
        assertThat(out.stream().map(DetectedObject::id).toList()).containsExactly(0, 1, 2, 3);
        DetectedObject seven = out.get(0);
        assertThat(seven.verdict()).isEqualTo(Verdict.MISMATCHED);
        assertThat(seven.score()).isEqualTo(3.0);
        // the union's box: cells x 0..2, y 0..3 at 8 pixels a cell
        assertThat(new int[] {seven.minX(), seven.minY(), seven.maxX(), seven.maxY()})
                .containsExactly(0, 0, 23, 31);
        assertThat(seven.areaFraction()).isEqualTo(6.0 / (W * W));
        assertThat(out.get(1).verdict()).isEqualTo(Verdict.MISMATCHED);
        assertThat(out.get(1).score()).isEqualTo(1.5);
        assertThat(out.get(2).verdict()).isEqualTo(Verdict.OK);
        assertThat(out.get(3).verdict()).isEqualTo(Verdict.MISSING);
        assertThat(out.get(3).score()).isEqualTo(2.5);
    }

    @Test
    void piecesApartAndExtraPiecesAloneAreLeftAsTheyWere() {
        List<ObjectMask> masks = List.of(box(0, 0, 2, 2), box(5, 5, 7, 7), box(9, 0, 11, 2));
        List<DetectedObject> objects = List.of(object(0, Verdict.EXTRA, 2.0, masks.get(0)),
                object(1, Verdict.EXTRA, 1.0, masks.get(1)), object(2, Verdict.MISMATCHED, 1.0, masks.get(2)));

        assertThat(PartFindings.asOne(objects, masks, 3, 96, 96)).isSameAs(objects);
    }

    @Test
    void twoTouchingExtraPiecesStayExtra() {
        List<ObjectMask> masks = List.of(box(0, 0, 2, 2), box(2, 0, 4, 2));
        List<DetectedObject> objects = List.of(object(0, Verdict.EXTRA, 1.0, masks.get(0)),
                object(1, Verdict.EXTRA, 2.0, masks.get(1)));

        List<DetectedObject> out = PartFindings.asOne(objects, masks, 2, 96, 96);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).verdict()).isEqualTo(Verdict.EXTRA);
        assertThat(out.get(0).score()).isEqualTo(2.0);
    }
}
