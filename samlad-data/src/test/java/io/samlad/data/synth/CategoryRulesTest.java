package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each category's scene model: normal scenes obey the rule, and every model-changing anomaly breaks it. The rule
 * checks are written from the rule's wording (counts per compartment, one pin per cell...), not from the generator's
 * sampling code.
 */
class CategoryRulesTest {
    private static final int SCENES = 150;

    private static <L> void check(String name, Function<SplittableRandom, L> sample, Function<L, List<String>> rule,
            List<String> kinds, ModelledCategory.Alteration<L> alter) {
        for (int s = 0; s < SCENES; s++) {
            L layout = sample.apply(new SplittableRandom(s));
            assertThat(rule.apply(layout)).as(name + " normal scene " + s).isEmpty();
        }
        for (String kind : kinds) {
            for (int s = 0; s < SCENES / 3; s++) {
                SplittableRandom rng = new SplittableRandom(1000 + s);
                Altered<L> altered = alter.apply(kind, sample.apply(rng), rng);
                assertThat(rule.apply(altered.layout())).as(name + " " + kind + " scene " + s).isNotEmpty();
                assertThat(altered.regions()).as(name + " " + kind + " regions").isNotEmpty();
            }
        }
    }

    @Test
    void compartmentBox() {
        check(CompartmentBox.NAME, CompartmentBox::sampleLayout, CompartmentBox::ruleViolations,
                List.of("missing", "extra", "swapped", "wrong_colour", "broken"), CompartmentBox::alter);
    }

    @Test
    void compartmentBoxItemsNeverOverlap() {
        for (int s = 0; s < SCENES; s++) {
            SplittableRandom rng = new SplittableRandom(s);
            CompartmentBox.Layout normal = CompartmentBox.sampleLayout(rng);
            assertNoOverlap(normal.items());
            assertNoOverlap(CompartmentBox.alter("extra", normal, rng).layout().items());
        }
    }

    private static void assertNoOverlap(List<CompartmentBox.Item> items) {
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                java.awt.geom.Area a = new java.awt.geom.Area(items.get(i).footprint());
                a.intersect(new java.awt.geom.Area(items.get(j).footprint()));
                assertThat(a.isEmpty()).as(items.get(i) + " overlaps " + items.get(j)).isTrue();
            }
        }
    }

    @Test
    void pinGrid() {
        check(PinGrid.NAME, PinGrid::sampleLayout, PinGrid::ruleViolations,
                List.of("missing", "extra", "misplaced", "wrong_size", "broken"), PinGrid::alter);
    }

    @Test
    void connectorCable() {
        check(ConnectorCable.NAME, ConnectorCable::sampleLayout, ConnectorCable::ruleViolations,
                List.of("wrong_colour", "size_mismatch", "missing_cable", "missing_connector", "cut_cable", "broken"),
                ConnectorCable::alter);
    }

    @Test
    void bottle() {
        check(Bottle.NAME, Bottle::sampleLayout, Bottle::ruleViolations,
                List.of("wrong_colour", "missing_icon", "fill_level", "misplaced_label"), Bottle::alter);
    }

    @Test
    void everyKindOfEveryCategoryRendersWithRegionsInsideTheImage() {
        for (SceneCategory c : SynthLocoGenerator.categories()) {
            assertThat(c.normal(new SplittableRandom(1)).regions()).isEmpty();
            for (String kind : concat(c.logicalKinds(), c.structuralKinds())) {
                for (int s = 0; s < 10; s++) {
                    Scene scene = c.anomalous(kind, new SplittableRandom(s));
                    assertThat(scene.kind()).isEqualTo(kind);
                    assertThat(scene.regions()).as(c.name() + " " + kind).isNotEmpty();
                    for (DefectRegion r : scene.regions()) {
                        assertThat(c.defectTypes()).contains(r.type());
                        java.awt.geom.Rectangle2D b = r.shape().getBounds2D();
                        assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
                        assertThat(b.getMinY()).isGreaterThanOrEqualTo(0);
                        assertThat(b.getMaxX()).isLessThanOrEqualTo(SceneCanvas.REFERENCE);
                        assertThat(b.getMaxY()).isLessThanOrEqualTo(SceneCanvas.REFERENCE);
                        // Visible at 256 px: at least a 4 x 4 px patch of area.
                        assertThat(b.getWidth() * b.getHeight()).isGreaterThan(16);
                    }
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
