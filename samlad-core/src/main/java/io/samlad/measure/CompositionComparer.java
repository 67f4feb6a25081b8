package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.Arrays;
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
        double[][] d = new double[objects.size()][near.size()];
        for (int s = 0; s < near.size(); s++) {
            List<SceneObject> normal = bank.scene(near.get(s).index()).objects();
            for (int i = 0; i < objects.size(); i++) {
                d[i][s] = objectDistance(objects.get(i), normal, config, objectAreaScale);
            }
        }
        if (config.relative()) {
            for (double[] row : d) {
                double own = meanOfSmallest(row.clone(), m) + config.relativeFloor();
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
        return meanOfSmallest(perImage, m);
    }

    /** {@code sqrt(min(1, a_i / objectAreaScale)) d_I(i)}: the object's distance to the objects at its place in I. */
    static double objectDistance(SceneObject q, List<SceneObject> normal, SamladConfig.Composition config,
            double objectAreaScale) {
        double r2 = config.radius() * config.radius();
        double logArea = Math.log(q.mask().areaFraction());
        double qx = q.mask().centroidX();
        double qy = q.mask().centroidY();
        double best = config.missingCost();
        for (SceneObject o : normal) {
            double dx = o.mask().centroidX() - qx;
            double dy = o.mask().centroidY() - qy;
            if (dx * dx + dy * dy > r2) {
                continue;
            }
            double d = Math.abs(Math.log(o.mask().areaFraction()) - logArea)
                    + config.featureWeight() * featureDistance(q.meanFeature(), o.meanFeature());
            best = Math.min(best, d);
        }
        return best * Math.sqrt(Math.min(1.0, q.mask().areaFraction() / objectAreaScale));
    }

    /** Mean of the {@code m} smallest values; sorts {@code values}. */
    private static double meanOfSmallest(double[] values, int m) {
        Arrays.sort(values);
        double sum = 0;
        for (int t = 0; t < m; t++) {
            sum += values[t];
        }
        return sum / m;
    }

    private static double featureDistance(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double s = 0;
        for (int j = 0; j < n; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
