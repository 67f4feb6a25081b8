package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.InnerLayout;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * How far LAYOUT follows a label that stands a little aside. The normal images' labels lie up to 8 pixels of 96 from
 * the place's centre (0.083 of the image, more than the place radius of 0.05 that groups boxes into a place), as a
 * bottle stands a little left or right on a line. The fit measures that reach per axis; a good label 8 pixels aside
 * is then read in its own box, not where the place lies (its top row would be the dark bench there), while an icon
 * moved inside the label still deviates.
 */
class LayoutReachTest {
    private static final int W = BoxScenes.W;
    private static final int H = BoxScenes.H;
    private static final float[] BENCH = {0.08f, 0.08f, 0.09f};
    private static final float[] LABEL = {0.92f, 0.78f, 0.30f};
    private static final float[] ICON = {0.65f, 0.10f, 0.12f};
    /** The normal offsets along x and y, pixels: the place's centre lies at 48. */
    private static final int[] OFFSETS = {-8, -4, 0, 0, 0, 4, 8};

    /** A 32 x 32 label whose top left corner is (32 + dx, 32 + dy), its 10 x 10 icon near its centre or corner. */
    static Scene scene(Random r, int dx, int dy, boolean iconInCorner) {
        float[] p = new float[3 * W * H];
        int lx = 32 + dx;
        int ly = 32 + dy;
        int ix = iconInCorner ? lx + 2 : lx + 11;
        int iy = iconInCorner ? ly + 2 : ly + 11;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = BENCH;
                if (x >= lx && x < lx + 32 && y >= ly && y < ly + 32) {
                    c = x >= ix && x < ix + 10 && y >= iy && y < iy + 10 ? ICON : LABEL;
                }
                float noise = (float) (0.02 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * W * H + y * W + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return BoxScenes.of(p, List.of(BoxScenes.box(lx, ly, 32, 32)));
    }

    /** Normal images: every offset along x with every offset along y, the icon centred. */
    static List<Scene> normals(Random r) {
        List<Scene> out = new ArrayList<>();
        for (int dx : OFFSETS) {
            for (int dy : OFFSETS) {
                out.add(scene(r, dx, dy, false));
            }
        }
        return out;
    }

    @Test
    void theFitMeasuresHowFarTheNormalLabelsLieFromTheirPlace() {
        InnerLayout fitted = LayoutComparer.fit(normals(new Random(1)), InnerLayout.DEFAULTS);
        InnerLayout.Place label = fitted.places().get(0);
        assertThat(label.x()).isCloseTo(0.5, Offset.offset(0.01));
        assertThat(label.reachX()).isCloseTo(8.0 / 96, Offset.offset(0.005));
        assertThat(label.reachY()).isCloseTo(8.0 / 96, Offset.offset(0.005));
        assertThat(fitted.followX(label)).isEqualTo(label.reachX());
        // without the fitted reach the place radius alone decides, as in banks written before
        assertThat(fitted.withFollowJitter(false).followX(label)).isEqualTo(InnerLayout.DEFAULTS.placeRadius());
    }

    @Test
    void aGoodLabelAsFarAsideAsTheNormalOnesIsFollowedAndAMovedIconStillDeviates() {
        Random r = new Random(2);
        List<Scene> bank = normals(r);
        InnerLayout withReach = LayoutComparer.fit(bank, InnerLayout.DEFAULTS);
        // the same places, the query's label looked for within the place radius only
        InnerLayout placeRadiusOnly = withReach.withFollowJitter(false);
        assertThat(withReach.on()).isTrue();
        double normalMax = 0;
        for (int i = 0; i < bank.size(); i++) {
            normalMax = Math.max(normalMax, LayoutComparer.raw(bank.get(i), withReach, i).raw());
        }
        Scene aside = scene(r, 8, 8, false);
        double followed = LayoutComparer.raw(aside, withReach, -1).raw();
        double readInPlace = LayoutComparer.raw(aside, placeRadiusOnly, -1).raw();
        // read where the place lies, the label's top row and left column are the bench: far from every normal layout
        assertThat(readInPlace).isGreaterThan(2 * normalMax);
        assertThat(followed).isLessThanOrEqualTo(normalMax * 1.2);
        double moved = LayoutComparer.raw(scene(r, 8, 8, true), withReach, -1).raw();
        assertThat(moved).isGreaterThan(1.5 * normalMax);
    }
}
