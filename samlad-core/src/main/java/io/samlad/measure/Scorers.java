package io.samlad.measure;

import io.samlad.config.SamladConfig;

/** The scorer of each detector kind. */
public final class Scorers {
    private Scorers() {
    }

    /** The scorer for {@code config}'s kind (a new kind fails to compile here until it has one). */
    public static Scorer forConfig(SamladConfig config) {
        return switch (config.kind()) {
            case SAMLAD -> new SamladScorer(config);
            case PATCH_KNN -> new PatchKnnScorer(config);
        };
    }
}
