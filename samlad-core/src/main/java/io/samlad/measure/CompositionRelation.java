package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a bank's normal images obey relational rules that the COMPOSITION measure can see, learnt from the normal
 * images alone. A <em>chimera</em> joins the objects of one half of a normal image (left of the vertical centre line,
 * or above the horizontal one) with those of the other half of another normal image. Where the halves depend on each
 * other (the two connectors have one size, the cable's colour follows it), many chimeras break the rules and the
 * measure tells them from real normal images; where the halves are independent (pins, each of its own size in its own
 * cell), a chimera is as normal as a real image, and the measure would add only its noise to the image score.
 *
 * <pre>
 *   relation = max over the two splits of AUROC(COMPOSITION_raw(chimeras), COMPOSITION_raw(real images))
 *   (with plain distances, relativeFloor = 0, whatever the measure's own setting)
 * </pre>
 * <p>over up to {@link #SAMPLES} images A of the bank, each scored leave-one-out, and its chimeras with the
 * {@link #PARTNERS} images B = A + j n / (PARTNERS + 1) (mod n), each scored without A and B. A perfect relational rule with two equally common variants gives
 * about 0.75 (half the chimeras join matching halves); independent halves about 0.5. Computed once per list of bank
 * scenes and configuration, on first use, and kept while the bank is in use.
 */
public final class CompositionRelation {
    /** Bank images (evenly spread) whose chimeras are scored. */
    static final int SAMPLES = 100;
    /** Other images each sampled image is joined with. */
    static final int PARTNERS = 2;

    private static final Map<List<Scene>, Map<SamladConfig.Composition, Double>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private CompositionRelation() {
    }

    /** The bank's relation (chimera AUROC), computed on first use. */
    public static double of(TemplateBank bank, SamladConfig.Composition config, double objectAreaScale) {
        Map<SamladConfig.Composition, Double> known = CACHE.computeIfAbsent(bank.scenes(),
                s -> new java.util.concurrent.ConcurrentHashMap<>());
        // plain distances: the relative form divides away what chimeras change (tau = 0.2 gave connector_cable 0.67,
        // the synthetic bottles 0.55 to 0.68; plain: 0.70 to 0.74 against pins and compartments 0.55 to 0.59)
        return known.computeIfAbsent(config.withRelativeFloor(0), c -> compute(bank, c, objectAreaScale));
    }

    static double compute(TemplateBank bank, SamladConfig.Composition config, double objectAreaScale) {
        int n = bank.size();
        if (n < 4) {
            return 0.5;
        }
        int samples = Math.min(SAMPLES, n);
        double[] real = new double[samples];
        double[][] chimeras = new double[2][samples * PARTNERS];
        for (int t = 0; t < samples; t++) {
            int a = (int) ((long) t * n / samples);
            Scene sa = bank.scene(a);
            real[t] = CompositionComparer.raw(sa, bank, a, config, objectAreaScale);
            for (int p = 0; p < PARTNERS; p++) {
                int b = (a + (p + 1) * n / (PARTNERS + 1)) % n;
                List<TemplateBank.Neighbour> near = new ArrayList<>();
                for (TemplateBank.Neighbour x : bank.nearest(sa.global(), config.images() + 1, a)) {
                    if (x.index() != b && near.size() < config.images()) {
                        near.add(x);
                    }
                }
                for (int split = 0; split < 2; split++) {
                    List<SceneObject> joined = new ArrayList<>();
                    for (SceneObject o : sa.objects()) {
                        if (coordinate(o, split) < 0.5) {
                            joined.add(o);
                        }
                    }
                    for (SceneObject o : bank.scene(b).objects()) {
                        if (coordinate(o, split) >= 0.5) {
                            joined.add(o);
                        }
                    }
                    chimeras[split][t * PARTNERS + p] = CompositionComparer.raw(joined, bank, near, config,
                            objectAreaScale);
                }
            }
        }
        return Math.max(auroc(chimeras[0], real), auroc(chimeras[1], real));
    }

    private static double coordinate(SceneObject o, int split) {
        return split == 0 ? o.mask().centroidX() : o.mask().centroidY();
    }

    /** P(positive > negative), ties counting half. */
    static double auroc(double[] positives, double[] negatives) {
        double s = 0;
        for (double p : positives) {
            for (double q : negatives) {
                s += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return s / (positives.length * (double) negatives.length);
    }
}
