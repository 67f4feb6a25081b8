package io.samlad.eval;

import io.samlad.config.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Median milliseconds per stage over images, plus the median per-image total; medians resist warm-up outliers. */
final class StageMedians {
    private StageMedians() {
    }

    static Map<String, Double> of(List<Map<Stage, Double>> perImage) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            List<Double> v = new ArrayList<>();
            for (Map<Stage, Double> m : perImage) {
                Double ms = m.get(s);
                if (ms != null) {
                    v.add(ms);
                }
            }
            if (!v.isEmpty()) {
                out.put(s.label(), median(v.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        double[] totals = perImage.stream().mapToDouble(m -> m.values().stream().mapToDouble(Double::doubleValue).sum())
                .toArray();
        if (totals.length > 0) {
            out.put("total", median(totals));
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
