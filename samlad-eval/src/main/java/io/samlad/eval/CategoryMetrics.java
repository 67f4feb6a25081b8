package io.samlad.eval;

import io.samlad.eval.metrics.Curve;
import io.samlad.eval.metrics.F1Max;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metrics of one category. Maps are keyed by split ({@code logical}, {@code structural}, {@code mean}; or
 * {@code all}, {@code mean} for layouts without that distinction) or by FPR limit ({@code "0.05"}); a key is absent
 * where its split is absent.
 *
 * @param imageAuroc       from the detector's image score
 * @param imageAurocMapMax from the maximum of the anomaly map, as the official script scores images
 * @param auSpro           {@code au_spro}, {@code au_spro_logical}, {@code au_spro_structural}, each by limit
 * @param pixelAuroc       over every test pixel
 * @param auPro            AU-PRO up to FPR 0.3, normalised
 * @param f1Max            best image-level F1 over thresholds on the detector's score
 * @param rocCurves        image-score ROC curve per split
 * @param sproCurves       sPRO curve per split (thinned for plotting)
 * @param sweptThresholds  distinct thresholds swept for the sPRO curves, all splits together
 */
public record CategoryMetrics(Map<String, Double> imageAuroc, Map<String, Double> imageAurocMapMax,
        Map<String, Map<String, Double>> auSpro, OptionalDouble pixelAuroc, OptionalDouble auPro,
        Optional<F1Max.Result> f1Max, Map<String, Curve> rocCurves, Map<String, Curve> sproCurves,
        long sweptThresholds) {
}
