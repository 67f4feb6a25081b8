package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Measure;
import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.image.FloatMap;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * The built-in baseline: position-aware patch nearest neighbour over every normal image of the bank, on the same
 * features, with no retrieval, objects or matching. It shows what SAM-LAD's object-level reasoning adds.
 */
public final class PatchKnnScorer implements Scorer {
    private final SamladConfig config;

    public PatchKnnScorer(SamladConfig config) {
        this.config = config;
    }

    @Override
    public boolean needsObjects() {
        return false;
    }

    @Override
    public RawMeasurement score(Scene query, TemplateBank bank, int exclude, StageTimings timings) {
        long t0 = System.nanoTime();
        List<Scene> all = new ArrayList<>(bank.size());
        for (int i = 0; i < bank.size(); i++) {
            if (i != exclude) {
                all.add(bank.scene(i));
            }
        }
        // Forward direction only: the plain baseline asks whether each query patch has a close normal patch.
        PatchMaps maps = PatchDistances.between(query.patches(), all, config.measuring().neighbourhood(), false,
                        PatchPlanes.forQuery(bank, query.patches()))
                .smoothed(config.measuring().smoothingSigma() * query.patches().width() / query.fine().width())
                .normalised(bank);
        FloatMap patchMap = maps.forward();
        EnumMap<Measure, Double> values = new EnumMap<>(Measure.class);
        values.put(Measure.PATCH, (double) patchMap.max());
        timings.add(Stage.MEASURING, System.nanoTime() - t0);
        FloatMap noGauss = new FloatMap(query.fine().width(), query.fine().height(),
                new float[query.fine().width() * query.fine().height()]);
        java.util.Arrays.fill(noGauss.data(), Float.NaN);
        return new RawMeasurement(values, patchMap, patchMap, maps.reverse(), maps.reverse(), noGauss, List.of(),
                List.of(), List.of());
    }
}
