package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.config.InnerLayout;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LAYOUT on small generated images: a dark bench with a yellow label (an object of its own, its box a few pixels off
 * from image to image) and on it a small icon in one of two colours (two kinds of product) near the label's centre.
 * The label is matched whatever its icon does; only its inside, in its own box's coordinates, says that the icon
 * moved to a corner or is gone. The fit finds the label's place and judges it, since the normal images agree on the
 * label's inner layout; a plain label (nothing inside to agree on) is not judged and the measure stays silent.
 */
class LayoutComparerTest {
    private static final int W = BoxScenes.W;
    private static final int H = BoxScenes.H;
    /** Object grid: 4 pixels per cell. */
    private static final int GW = BoxScenes.GW;
    private static final int GH = BoxScenes.GH;
    private static final float[] BENCH = {0.08f, 0.08f, 0.09f};
    private static final float[] LABEL = {0.92f, 0.78f, 0.30f};
    private static final float[][] ICONS = {{0.65f, 0.10f, 0.12f}, {0.95f, 0.55f, 0.05f}};

    enum Icon { CENTRED, MOVED, NONE }

    /** A scene: the label at (32 + jitter, 32 + jitter), 32 x 32 pixels; its icon 10 x 10 px. */
    static Scene scene(Random r, Icon icon, boolean plain) {
        float[] p = new float[3 * W * H];
        int lx = 32 + r.nextInt(3) * 4 - 4;
        int ly = 32 + r.nextInt(3) * 4 - 4;
        float[] iconColour = ICONS[r.nextInt(ICONS.length)];
        int ix = icon == Icon.MOVED ? lx + 2 : lx + 11 + r.nextInt(3) - 1;
        int iy = icon == Icon.MOVED ? ly + 2 : ly + 11 + r.nextInt(3) - 1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = BENCH;
                if (x >= lx && x < lx + 32 && y >= ly && y < ly + 32) {
                    c = LABEL;
                    if (!plain && icon != Icon.NONE && x >= ix && x < ix + 10 && y >= iy && y < iy + 10) {
                        c = iconColour;
                    }
                }
                float noise = (float) (0.02 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * W * H + y * W + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return BoxScenes.of(p, List.of(BoxScenes.box(lx, ly, 32, 32)));
    }

    static List<Scene> normals(Random r, int n, boolean plain) {
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(scene(r, Icon.CENTRED, plain));
        }
        return out;
    }

    @Test
    void theFitFindsTheLabelAndJudgesItsInside() {
        InnerLayout fitted = LayoutComparer.fit(normals(new Random(1), 40, false), InnerLayout.DEFAULTS);
        assertThat(fitted.fitted()).isTrue();
        assertThat(fitted.places()).isNotEmpty();
        InnerLayout.Place label = fitted.places().get(0);
        assertThat(label.x()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(label.y()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(label.images()).hasSize(40);
        assertThat(label.contrast()).isGreaterThan(InnerLayout.DEFAULTS.minContrast());
        assertThat(fitted.on()).isTrue();
    }

    @Test
    void aMovedOrMissingIconScoresAboveEveryNormalLabel() {
        Random r = new Random(2);
        List<Scene> bank = normals(r, 40, false);
        InnerLayout fitted = LayoutComparer.fit(bank, InnerLayout.DEFAULTS);
        double normalMax = 0;
        for (int i = 0; i < bank.size(); i++) {
            // each bank image against the others, as the fit's leave-one-out scores it
            normalMax = Math.max(normalMax, LayoutComparer.raw(bank.get(i), fitted, i).raw());
        }
        for (int i = 0; i < 5; i++) {
            normalMax = Math.max(normalMax, LayoutComparer.raw(scene(r, Icon.CENTRED, false), fitted, -1).raw());
        }
        double moved = LayoutComparer.raw(scene(r, Icon.MOVED, false), fitted, -1).raw();
        double missing = LayoutComparer.raw(scene(r, Icon.NONE, false), fitted, -1).raw();
        assertThat(moved).isGreaterThan(1.5 * normalMax);
        assertThat(missing).isGreaterThan(1.5 * normalMax);
    }

    @Test
    void theMapPointsAtTheLabelsCornerWhereTheIconWent() {
        Random r = new Random(3);
        InnerLayout fitted = LayoutComparer.fit(normals(r, 40, false), InnerLayout.DEFAULTS);
        Scene moved = scene(new Random(33), Icon.MOVED, false);
        LayoutComparer.Result result = LayoutComparer.raw(moved, fitted, -1);
        assertThat(result.cells()).isNotNull();
        ObjectMask label = moved.objects().get(0).mask();
        // the label's cells where the icon now is (its top left) are painted; the bench outside the label is not
        assertThat(result.cells()[(label.minY() + 2) * GW + label.minX() + 2]).isGreaterThan(0.5f);
        assertThat(result.cells()[0]).isZero();
        assertThat(result.cells()[(GH - 1) * GW + GW - 1]).isZero();
    }

    @Test
    void plainLabelsHaveNoInnerLayoutToJudge() {
        InnerLayout fitted = LayoutComparer.fit(normals(new Random(4), 40, true), InnerLayout.DEFAULTS);
        assertThat(fitted.places()).isNotEmpty();
        assertThat(fitted.places().get(0).contrast()).isLessThan(InnerLayout.DEFAULTS.minContrast());
        assertThat(fitted.on()).isFalse();
        assertThat(fitted.needsLattice()).isFalse();
        assertThat(LayoutComparer.raw(scene(new Random(5), Icon.MOVED, false), fitted, -1).raw()).isZero();
    }

    @Test
    void aMovedLayoutIsFartherThanTheLayoutAsItIs() {
        float[] layout = new float[2 * 2 * 3];
        layout[0] = 1f; // one bright cell, top left
        float[] moved = LayoutComparer.shifted(layout, 2, 1, 0);
        assertThat(moved[0]).isEqualTo(1f); // the edge repeats
        assertThat(moved[3]).isEqualTo(1f); // the cell moved right
        assertThat(moved[6]).isZero();
    }

    @Test
    void configurationsWithoutTheMeasureReadAsOff() throws Exception {
        ObjectMapper json = new ObjectMapper()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ObjectNode tree = json.valueToTree(SamladConfig.defaults());
        assertThat(tree.has("layout")).isTrue();
        tree.remove("layout");
        SamladConfig old = json.treeToValue(tree, SamladConfig.class);
        assertThat(old.layout().asked()).isFalse();
        assertThat(old.layout().needsLattice()).isFalse();
        SamladConfig back = json.treeToValue(json.valueToTree(SamladConfig.defaults()), SamladConfig.class);
        assertThat(back.layout()).isEqualTo(SamladConfig.defaults().layout());
    }
}
