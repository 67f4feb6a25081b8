package io.samlad.data.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A scene category built on a model of its objects (a layout {@code L}): normal scenes are sampled layouts, and
 * every anomaly that changes the objects is an {@link Alteration} of one. What the categories share (their
 * description, drawing a layout on the category's background, the normal scene and the altered one) lives here;
 * each category supplies its model and its surface defects.
 */
abstract class ModelledCategory<L> implements SceneCategory {
    /** Draws a layout in the reference frame. */
    @FunctionalInterface
    interface LayoutPainter<L> {
        void paint(Graphics2D g, L layout);
    }

    /** Applies an anomaly of the given kind to a layout, with the ground-truth regions of the change. */
    @FunctionalInterface
    interface Alteration<L> {
        Altered<L> apply(String kind, L layout, SplittableRandom rng);
    }

    private final String name;
    private final String rule;
    private final List<String> logicalKinds;
    private final List<String> structuralKinds;
    private final List<DefectType> defectTypes;
    private final Color background;
    private final Function<SplittableRandom, L> sampler;
    private final LayoutPainter<L> painter;
    private final Alteration<L> alteration;

    ModelledCategory(String name, String rule, List<String> logicalKinds, List<String> structuralKinds,
            List<DefectType> defectTypes, Color background, Function<SplittableRandom, L> sampler,
            LayoutPainter<L> painter, Alteration<L> alteration) {
        this.name = name;
        this.rule = rule;
        this.logicalKinds = List.copyOf(logicalKinds);
        this.structuralKinds = List.copyOf(structuralKinds);
        this.defectTypes = List.copyOf(defectTypes);
        this.background = background;
        this.sampler = sampler;
        this.painter = painter;
        this.alteration = alteration;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String rule() {
        return rule;
    }

    @Override
    public final List<String> logicalKinds() {
        return logicalKinds;
    }

    @Override
    public final List<String> structuralKinds() {
        return structuralKinds;
    }

    @Override
    public final List<DefectType> defectTypes() {
        return defectTypes;
    }

    @Override
    public final Scene normal(SplittableRandom rng) {
        return draw("good", sampler.apply(rng), List.of());
    }

    /** A freshly sampled normal layout, the start of every anomalous scene. */
    final L sample(SplittableRandom rng) {
        return sampler.apply(rng);
    }

    /** The scene of a layout on the category's background, with the regions of what is wrong in it. */
    final Scene draw(String kind, L layout, List<DefectRegion> regions) {
        return new Scene(kind, background, g -> painter.paint(g, layout), regions);
    }

    /** The scene of the layout after an anomaly of the given kind changed it. */
    final Scene altered(String kind, L layout, SplittableRandom rng) {
        Altered<L> altered = alteration.apply(kind, layout, rng);
        return draw(kind, altered.layout(), altered.regions());
    }
}
