package io.samlad.data.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One category of the synthetic LOCO benchmark: a kind of scene with a logical rule that every normal image obeys,
 * and the logical and structural anomalies that break it. Scenes are drawn in the 256 x 256 reference frame of
 * {@link SceneCanvas}.
 */
public interface SceneCategory {
    /** Folder name of the category, lower_snake_case. */
    String name();

    /** The rule a normal image obeys, in one sentence for people. */
    String rule();

    /** Kinds of logical anomaly, in the order they are cycled through (the first few are the most basic). */
    List<String> logicalKinds();

    /** Kinds of structural anomaly, in the order they are cycled through. */
    List<String> structuralKinds();

    /** Every defect type its ground truth uses, as written to {@code defects_config.json}. */
    List<DefectType> defectTypes();

    /** A normal scene: a fresh random instance of the category that obeys the rule. */
    Scene normal(SplittableRandom rng);

    /** A scene with one anomaly of the given kind (one of {@link #logicalKinds()} or {@link #structuralKinds()}). */
    Scene anomalous(String kind, SplittableRandom rng);
}
