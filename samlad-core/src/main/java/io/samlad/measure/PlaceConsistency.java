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
 * @param recognised per bank image and object, whether the object is recognised at its place
 * @param share      area-weighted share of the bank's objects recognised at their place
 */
record PlaceConsistency(boolean[][] recognised, double share) {
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
        double r2 = config.radius() * config.radius();
        for (int s = 0; s < bank.size(); s++) {
            Scene scene = bank.scene(s);
            List<TemplateBank.Neighbour> near = bank.nearest(scene.global(), config.images(), s);
            List<SceneObject> objects = scene.objects();
            out[s] = new boolean[objects.size()];
            double[] best = new double[near.size()];
            for (int i = 0; i < objects.size(); i++) {
                SceneObject o = objects.get(i);
                if (o.appearance().length == 0) {
                    continue;
                }
                int found = 0;
                double other = Double.POSITIVE_INFINITY;
                for (TemplateBank.Neighbour n : near) {
                    double here = Double.POSITIVE_INFINITY;
                    for (SceneObject p : bank.scene(n.index()).objects()) {
                        if (!AppearanceDescriptor.comparable(o.appearance(), p.appearance())) {
                            continue;
                        }
                        double dx = p.mask().centroidX() - o.mask().centroidX();
                        double dy = p.mask().centroidY() - o.mask().centroidY();
                        double d = AppearanceDescriptor.distance(o.appearance(), p.appearance());
                        if (dx * dx + dy * dy <= r2) {
                            here = Math.min(here, d);
                        } else {
                            other = Math.min(other, d);
                        }
                    }
                    if (here < Double.POSITIVE_INFINITY) {
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
            }
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
        return new PlaceConsistency(out, all > 0 ? yes / all : 0);
    }
}
