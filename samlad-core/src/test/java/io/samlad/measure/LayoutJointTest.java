package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.config.InnerLayout;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LAYOUT_JOINT on small generated images of a bottle-like rule: a label with an icon of one of two colours, and below
 * it a plain block of "juice" whose colour the icon demands. A label with the other product's icon on this juice is
 * normal at each place alone (both labels and both juices are common), so LAYOUT, which reads each place against
 * its own nearest layouts, calls it normal; no single normal image explains both places at once, and LAYOUT_JOINT
 * does not.
 */
class LayoutJointTest {
    private static final int W = BoxScenes.W;
    private static final int H = BoxScenes.H;
    private static final float[] BENCH = {0.08f, 0.08f, 0.09f};
    private static final float[] LABEL = {0.92f, 0.90f, 0.85f};
    private static final float[][] ICONS = {{0.15f, 0.15f, 0.70f}, {0.70f, 0.12f, 0.12f}};
    private static final float[][] JUICES = {{0.20f, 0.65f, 0.20f}, {0.90f, 0.55f, 0.10f}};

    /** A scene: the label (32 x 24 px, icon 10 x 10 px at its centre) above a 32 x 28 px block of juice. */
    static Scene scene(Random r, int icon, int juice) {
        float[] p = new float[3 * W * H];
        int lx = 32 + r.nextInt(3) * 4 - 4;
        int ly = 12 + r.nextInt(3) * 4 - 4;
        int jy = ly + 36;
        int ix = lx + 11 + r.nextInt(3) - 1;
        int iy = ly + 7 + r.nextInt(3) - 1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = BENCH;
                if (x >= lx && x < lx + 32 && y >= ly && y < ly + 24) {
                    c = x >= ix && x < ix + 10 && y >= iy && y < iy + 10 ? ICONS[icon] : LABEL;
                } else if (x >= lx && x < lx + 32 && y >= jy && y < jy + 28) {
                    c = JUICES[juice];
                }
                float noise = (float) (0.02 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * W * H + y * W + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return BoxScenes.of(p, List.of(BoxScenes.box(lx, ly, 32, 24), BoxScenes.box(lx, jy, 32, 28)));
    }

    static List<Scene> normals(Random r, int n) {
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int product = i % 2;
            out.add(scene(r, product, product));
        }
        return out;
    }

    @Test
    void aLabelOnTheOtherProductsJuiceIsFoundJointlyNotPlaceByPlace() {
        Random r = new Random(7);
        List<Scene> bank = normals(r, 40);
        InnerLayout fitted = LayoutComparer.fit(bank, InnerLayout.DEFAULTS);
        // the label is judged (its icon); the plain juice is not, but its layouts are kept for the joint measure
        assertThat(fitted.on()).isTrue();
        assertThat(fitted.places().stream().filter(InnerLayout.Place::stored).count()).isGreaterThanOrEqualTo(2);
        assertThat(fitted.jointOn()).isTrue();
        double jointMax = 0;
        double layoutMax = 0;
        for (int i = 0; i < bank.size(); i++) {
            jointMax = Math.max(jointMax, LayoutComparer.joint(bank.get(i), fitted, i));
            layoutMax = Math.max(layoutMax, LayoutComparer.raw(bank.get(i), fitted, i).raw());
        }
        for (int product = 0; product < 2; product++) {
            Scene good = scene(r, product, product);
            jointMax = Math.max(jointMax, LayoutComparer.joint(good, fitted, -1));
            layoutMax = Math.max(layoutMax, LayoutComparer.raw(good, fitted, -1).raw());
        }
        for (int icon = 0; icon < 2; icon++) {
            Scene mismatched = scene(r, icon, 1 - icon);
            assertThat(LayoutComparer.joint(mismatched, fitted, -1)).isGreaterThan(1.5 * jointMax);
            // place by place the mismatched scene is normal: what LAYOUT alone cannot see
            assertThat(LayoutComparer.raw(mismatched, fitted, -1).raw()).isLessThan(layoutMax);
        }
    }

    @Test
    void offWithoutAFloorOrWithoutASecondPlace() {
        Random r = new Random(8);
        List<Scene> bank = normals(r, 40);
        InnerLayout off = LayoutComparer.fit(bank, InnerLayout.DEFAULTS.withJointFloor(0));
        assertThat(off.jointOn()).isFalse();
        // LAYOUT keeps only its judged place's layouts then: the plain juice's are not stored
        assertThat(off.places().stream().filter(InnerLayout.Place::stored).count()).isEqualTo(1);
        assertThat(LayoutComparer.joint(scene(r, 0, 1), off, -1)).isZero();
    }

    @Test
    void configurationsWrittenBeforeTheMeasureReadItOff() throws Exception {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ObjectNode tree = json.valueToTree(SamladConfig.defaults());
        ObjectNode layout = (ObjectNode) tree.get("layout");
        assertThat(layout.get("jointFloor").asDouble()).isPositive();
        layout.remove("jointFloor");
        layout.remove("rarity");
        SamladConfig old = json.treeToValue(tree, SamladConfig.class);
        assertThat(old.layout().jointFloor()).isZero();
        assertThat(old.layout().rarity()).isEqualTo(InnerLayout.Rarity.NONE);
    }
}
