package io.samlad.data.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;

/**
 * A drawable scene in the 256 x 256 reference frame of {@link SceneCanvas}: the background colour that fills the
 * whole image, a painter for everything on it, and the ground-truth regions (reference-frame shapes; empty for a
 * normal scene). {@code kind} names the anomaly ({@code good} for a normal scene).
 */
public record Scene(String kind, Color background, Painter painter, List<DefectRegion> regions) {
    public Scene {
        regions = List.copyOf(regions);
    }

    /** Draws the scene; the graphics is anti-aliased and already transformed to the reference frame. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g);
    }

    /** This scene with a further painter drawn on top and its regions added (a surface defect over an object). */
    public Scene overlay(String newKind, Painter top, List<DefectRegion> more) {
        Painter base = painter;
        List<DefectRegion> all = new java.util.ArrayList<>(regions);
        all.addAll(more);
        return new Scene(newKind, background, g -> {
            base.paint(g);
            top.paint(g);
        }, all);
    }
}
