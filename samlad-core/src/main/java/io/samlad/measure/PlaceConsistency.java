package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the normal examples at a place recognise their place: for each object of the bank, left out with its
 * image, is it more like the objects at its own place in the other normal images than like any object elsewhere in
 * them? Where it is (a 7 among the 7s of the other grids, not among their 1s), what stands at that place has an
 * identity and the IDENTITY measure can judge it. Where it is not (alike pins in every cell of a grid, each cell's
 * content shifted by its own jitter), the objects at a place are no more alike than objects anywhere, and an
 * appearance distance there measures only jitter: the measure must stay silent.
 *
 * <p>For bank object o of image I, with the {@code images} images nearest to I by global descriptor (I left out):
 * <pre>
 *   d_same(o)  = mean of the {@code neighbours} smallest per-image distances to the objects within {@code radius}
 *   d_other(o) = smallest distance to the objects farther than {@code radius} away
 *   recognised(o) = d_same(o) &lt; d_other(o)
 * </pre>
 * <p>A leave-one-out nearest-neighbour classification of places, computed once per bank (the objects' appearances do not
 * change) and kept while the bank is in use. Its overall result, the area-weighted share of recognised objects, says
 * whether the bank's scenes have places with an identity at all.
 *
 * <p>The same pass keeps each object's {@code d_same}: how far normal parts at a place lie from one another, the
 * place's spread ({@link #spreadOf}), which IDENTITY's {@code identity.placeSpread} divides its distances by.
 *
 * @param recognised per bank image and object, whether the object is recognised at its place
 * @param share      area-weighted share of the bank's objects recognised at their place
 * @param same       per bank image and object, its leave-one-out {@code d_same} (NaN where not measured)
 * @param spread     the bank's spread: the median over its measured objects of their places' spreads (the spread of
 *                   the examples each was compared with); NaN where none was measured
 */
record PlaceConsistency(boolean[][] recognised, double share, double[][] same, double spread) {
    /** The bank cache's key: the consistency depends on the scenes and on the identity parameters only. */
    private record Key(SamladConfig.Identity config) {
    }

    /**
     * The bank's place consistency, computed on first use and kept in the bank's {@link
     * io.samlad.bank.BankCache} (shared by a bank recalibrated at fit, whose scenes are the same). The cache is
     * found by the bank itself, not by hashing its scenes: hashing every scene's features and covariances per
     * query cost more than the rest of the measuring stage.
     */
    static PlaceConsistency of(TemplateBank bank, SamladConfig.Identity config) {
        return bank.cache().get(new Key(config), () -> compute(bank, config));
    }

    static PlaceConsistency compute(TemplateBank bank, SamladConfig.Identity config) {
        boolean[][] out = new boolean[bank.size()][];
        double[][] sameOf = new double[bank.size()][];
        int[][][] examples = new int[bank.size()][][]; // per object: the scene and object index it was compared with
        double r2 = config.radius() * config.radius();
        for (int s = 0; s < bank.size(); s++) {
            Scene scene = bank.scene(s);
            List<TemplateBank.Neighbour> near = bank.nearest(scene.global(), config.images(), s);
            List<SceneObject> objects = scene.objects();
            out[s] = new boolean[objects.size()];
            sameOf[s] = new double[objects.size()];
            Arrays.fill(sameOf[s], Double.NaN);
            examples[s] = new int[objects.size()][];
            double[] best = new double[near.size()];
            int[] ex = new int[2 * near.size()];
            for (int i = 0; i < objects.size(); i++) {
                SceneObject o = objects.get(i);
                if (o.appearance().length == 0) {
                    continue;
                }
                int found = 0;
                double other = Double.POSITIVE_INFINITY;
                for (TemplateBank.Neighbour n : near) {
                    double here = Double.POSITIVE_INFINITY;
                    int hereIndex = -1;
                    List<SceneObject> others = bank.scene(n.index()).objects();
                    for (int j = 0; j < others.size(); j++) {
                        SceneObject p = others.get(j);
                        if (!AppearanceDescriptor.comparable(o.appearance(), p.appearance())) {
                            continue;
                        }
                        double dx = p.mask().centroidX() - o.mask().centroidX();
                        double dy = p.mask().centroidY() - o.mask().centroidY();
                        double d = AppearanceDescriptor.distance(o.appearance(), p.appearance());
                        if (dx * dx + dy * dy <= r2) {
                            if (d < here) {
                                here = d;
                                hereIndex = j;
                            }
                        } else {
                            other = Math.min(other, d);
                        }
                    }
                    if (here < Double.POSITIVE_INFINITY) {
                        ex[2 * found] = n.index();
                        ex[2 * found + 1] = hereIndex;
                        best[found++] = here;
                    }
                }
                int m = Math.min(config.neighbours(), near.size());
                if (found < Math.max(1, m)) {
                    continue;
                }
                Arrays.sort(best, 0, found);
                double same = 0;
                for (int t = 0; t < m; t++) {
                    same += best[t];
                }
                out[s][i] = same / m < other;
                sameOf[s][i] = same / m;
                examples[s][i] = Arrays.copyOf(ex, 2 * found);
            }
        }
        // the bank's spread: the median of its objects' places' spreads, each read off the examples it was compared with
        double[] spreads = new double[0];
        int count = 0;
        for (int s = 0; s < examples.length; s++) {
            for (int[] e : examples[s]) {
                if (e == null) {
                    continue;
                }
                double q = spreadOf(sameOf, e, e.length / 2);
                if (!Double.isNaN(q)) {
                    if (count == spreads.length) {
                        spreads = Arrays.copyOf(spreads, Math.max(16, 2 * count));
                    }
                    spreads[count++] = q;
                }
            }
        }
        double spread = Double.NaN;
        if (count > 0) {
            Arrays.sort(spreads, 0, count);
            spread = count % 2 == 1 ? spreads[count / 2] : (spreads[count / 2 - 1] + spreads[count / 2]) / 2;
        }
        double all = 0;
        double yes = 0;
        for (int s = 0; s < out.length; s++) {
            for (int i = 0; i < out[s].length; i++) {
                double a = bank.scene(s).objects().get(i).mask().areaFraction();
                all += a;
                yes += out[s][i] ? a : 0;
            }
        }
        return new PlaceConsistency(out, all > 0 ? yes / all : 0, sameOf, spread);
    }

    /**
     * A place's spread: the {@link SamladConfig.Identity#SPREAD_QUANTILE}-quantile (linear between order statistics)
     * of the leave-one-out {@code d_same} of its examples, given as {@code count} pairs (bank scene, object index) in
     * {@code examples}; NaN where fewer than 2 were measured.
     */
    static double spreadOf(double[][] same, int[] examples, int count) {
        double[] v = new double[count];
        int n = 0;
        for (int k = 0; k < count; k++) {
            int o = examples[2 * k + 1];
            if (o < 0) {
                continue;
            }
            double d = same[examples[2 * k]][o];
            if (!Double.isNaN(d)) {
                v[n++] = d;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        double at = SamladConfig.Identity.SPREAD_QUANTILE * (n - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(n - 1, lo + 1);
        return v[lo] + (at - lo) * (v[hi] - v[lo]);
    }

    /** The spread of the place whose examples are the objects {@code which[s]} of the bank scenes {@code near[s]}. */
    double spreadAt(List<io.samlad.bank.TemplateBank.Neighbour> near, int[] which) {
        int[] ex = new int[2 * near.size()];
        int count = 0;
        for (int s = 0; s < near.size(); s++) {
            if (which[s] >= 0) {
                ex[2 * count] = near.get(s).index();
                ex[2 * count + 1] = which[s];
                count++;
            }
        }
        return spreadOf(same, ex, count);
    }
}
