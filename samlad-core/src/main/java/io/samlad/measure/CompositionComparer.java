package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Whether one normal image explains the query as a whole. A relational rule (both connectors of one size, the cable's
 * colour fixed by that size) is broken by a query each of whose objects has a normal counterpart somewhere in the
 * bank (a large connector on the left in one image, a small one on the right in another), but no single normal image
 * holding all of them at once. The other measures compare each object, or each patch, with the nearest of several
 * references separately, so they accept such a query piece by piece; this one asks each normal image for the whole.
 *
 * <p>For query object {@code i} and normal image {@code I}, with {@code a} areas, {@code f} mean features and
 * {@code g} centroids:
 * <pre>
 *   d_I(i)  = min( c, min over objects o of I with |g_o - g_i| &lt;= r of |log a_i - log a_o| + w |f_i - f_o| )
 *   D(Q, I) = max_i sqrt(min(1, a_i / objectAreaScale)) d_I(i)
 *   COMPOSITION_raw = mean of the m smallest D(Q, I) over the {@code images} nearest normal images
 * </pre>
 * with {@code c = missingCost}, {@code r = radius}, {@code w = featureWeight}, {@code m = neighbours}. With
 * {@code relativeFloor = τ > 0} (the default) each object's distances are first divided by how well the images
 * explain it on its own, {@code d_I(i) / (mean of the m smallest d_J(i) over J + τ)}: an object that no normal image
 * matches closely (a plate cut into other pieces in every image) then weighs little, and what counts is that the
 * image which explains one object well must explain the others too. Pure.
 */
public final class CompositionComparer {
    private CompositionComparer() {
    }

    /**
     * The raw COMPOSITION value of {@code query} against the bank.
     *
     * @param exclude bank index of the query itself during leave-one-out calibration, else -1
     */
    public static double raw(Scene query, TemplateBank bank, int exclude, SamladConfig.Composition config,
            double objectAreaScale) {
        return raw(query.objects(), bank, bank.nearest(query.global(), config.images(), exclude), config,
                objectAreaScale);
    }

    /** The raw value of a list of objects against the given normal images of the bank. */
    static double raw(List<SceneObject> objects, TemplateBank bank, List<TemplateBank.Neighbour> near,
            SamladConfig.Composition config, double objectAreaScale) {
        if (near.isEmpty() || objects.isEmpty()) {
            return 0;
        }
        int m = Math.min(config.neighbours(), near.size());
        int n = objects.size();
        double[] qx = new double[n];
        double[] qy = new double[n];
        double[] qLog = new double[n];
        double[] damping = new double[n];
        for (int i = 0; i < n; i++) {
            ObjectMask mask = objects.get(i).mask();
            qx[i] = mask.centroidX();
            qy[i] = mask.centroidY();
            qLog[i] = Math.log(mask.areaFraction());
            damping[i] = Math.sqrt(Math.min(1.0, mask.areaFraction() / objectAreaScale));
        }
        double r = config.radius();
        double r2 = r * r;
        double w = config.featureWeight();
        Placed[] placed = Placed.of(bank);
        double[][] d = new double[n][near.size()];
        for (int s = 0; s < near.size(); s++) {
            Placed normal = placed[near.get(s).index()];
            for (int i = 0; i < n; i++) {
                float[] qf = objects.get(i).meanFeature();
                double best = config.missingCost();
                // the normal image's objects sorted by centroid x: only those within r of the query object's x
                for (int j = normal.firstAtOrAfter(qx[i] - r); j < normal.x.length && normal.x[j] <= qx[i] + r; j++) {
                    double dx = normal.x[j] - qx[i];
                    double dy = normal.y[j] - qy[i];
                    double sizeTerm = Math.abs(normal.logArea[j] - qLog[i]);
                    if (dx * dx + dy * dy > r2 || sizeTerm >= best) {
                        continue;
                    }
                    best = Math.min(best, sizeTerm + w * featureDistance(qf, normal.features[j],
                            (best - sizeTerm) / Math.max(w, 1e-12)));
                }
                d[i][s] = best * damping[i];
            }
        }
        if (config.relative()) {
            for (double[] row : d) {
                double own = SmallestValues.mean(row, m) + config.relativeFloor();
                for (int s = 0; s < row.length; s++) {
                    row[s] /= own;
                }
            }
        }
        double[] perImage = new double[near.size()];
        for (double[] row : d) {
            for (int s = 0; s < row.length; s++) {
                perImage[s] = Math.max(perImage[s], row[s]);
            }
        }
        return SmallestValues.mean(perImage, m);
    }

    /**
     * A bank image's objects as the measure reads them, sorted by centroid x: centroids, log area fractions and mean
     * features. Computed once per bank (its {@link io.samlad.bank.BankCache}) and kept while the bank is in use.
     */
    private record Placed(double[] x, double[] y, double[] logArea, float[][] features) {
        /** The key of the bank's {@link io.samlad.bank.BankCache} entry. */
        private record Key() {
        }

        static Placed[] of(TemplateBank bank) {
            List<Scene> scenes = bank.scenes();
            return bank.cache().get(new Key(), () -> {
                Placed[] out = new Placed[scenes.size()];
                for (int s = 0; s < out.length; s++) {
                    out[s] = of(scenes.get(s).objects());
                }
                return out;
            });
        }

        static Placed of(List<SceneObject> objects) {
            Integer[] order = new Integer[objects.size()];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, Comparator.comparingDouble(j -> objects.get(j).mask().centroidX()));
            int n = order.length;
            double[] x = new double[n];
            double[] y = new double[n];
            double[] logArea = new double[n];
            float[][] features = new float[n][];
            for (int t = 0; t < n; t++) {
                ObjectMask m = objects.get(order[t]).mask();
                x[t] = m.centroidX();
                y[t] = m.centroidY();
                logArea[t] = Math.log(m.areaFraction());
                features[t] = objects.get(order[t]).meanFeature();
            }
            return new Placed(x, y, logArea, features);
        }

        /** Index of the first object whose centroid x is at least {@code v}. */
        int firstAtOrAfter(double v) {
            int lo = 0;
            int hi = x.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * Euclidean distance of two feature vectors; stops early, returning a value at least {@code bound}, once the
     * distance is known to be at least {@code bound} (it cannot then improve the best match).
     */
    private static double featureDistance(float[] a, float[] b, double bound) {
        int n = Math.min(a.length, b.length);
        double limit = bound * bound;
        double s = 0;
        for (int j = 0; j < n; j++) {
            double e = a[j] - b[j];
            s += e * e;
            if (s >= limit) {
                return Math.sqrt(s);
            }
        }
        return Math.sqrt(s);
    }
}
