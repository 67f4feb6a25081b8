package io.samlad.data.synth;

import java.util.List;

/** A scene model after an anomaly was applied to it, with the ground-truth regions of the change (frame coordinates). */
record Altered<L>(L layout, List<DefectRegion> regions) {
    Altered {
        regions = List.copyOf(regions);
    }
}
