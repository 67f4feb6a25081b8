package io.samlad.matching;

import io.samlad.config.SamladConfig;
import io.samlad.objects.SceneObject;
import io.samlad.objects.Vectors;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 6 (OMM's role): optimal one-to-one matching of a query's objects to one reference's objects, with a dustbin.
 *
 * <p>Cost of pairing query object i with reference object j:
 * {@code c_ij = w_f (1 - cos(v_i, v_j)) / 2 + w_p |g_i - g_j| + w_a |log(a_i / a_j)|}
 * (v: DCGA vectors, g: centroids in relative units, a: areas). The assignment minimises the total cost over the
 * square matrix of size n + m in which every object may instead go to a dustbin at cost {@code theta / 2}; so a pair
 * is matched only if it costs less than leaving both unmatched, {@code c_ij < theta}. With {@code w_f < theta} (the
 * default), two objects at the same place and of the same size always match, however different they look: the
 * difference then shows as a mismatch, not as one object missing and another extra.
 */
public final class ObjectMatcher {
    private final SamladConfig.Matching config;

    public ObjectMatcher(SamladConfig.Matching config) {
        this.config = config;
    }

    /** Result against one reference: for each query object its reference object (or -1) and the pair's cost. */
    public record Match(int[] queryToReference, int[] referenceToQuery, double[] cost) {
    }

    public double pairCost(SceneObject q, float[] vq, SceneObject r, float[] vr) {
        double feature = (1 - Vectors.cosine(vq, vr)) / 2;
        double dx = q.mask().centroidX() - r.mask().centroidX();
        double dy = q.mask().centroidY() - r.mask().centroidY();
        double position = Math.sqrt(dx * dx + dy * dy);
        double area = Math.abs(Math.log(Math.max(1, q.mask().area()) / (double) Math.max(1, r.mask().area())));
        return config.featureWeight() * feature + config.positionWeight() * position + config.areaWeight() * area;
    }

    public Match match(List<SceneObject> query, float[][] queryVectors, List<SceneObject> reference,
            float[][] referenceVectors) {
        int n = query.size();
        int m = reference.size();
        int size = n + m;
        double theta = config.noMatchCost();
        double[][] pair = new double[n][m];
        double[][] cost = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (i < n && j < m) {
                    pair[i][j] = pairCost(query.get(i), queryVectors[i], reference.get(j), referenceVectors[j]);
                    cost[i][j] = pair[i][j];
                } else if (i < n || j < m) {
                    cost[i][j] = theta / 2;
                } else {
                    cost[i][j] = 0;
                }
            }
        }
        int[] assignment = size == 0 ? new int[0] : Hungarian.solve(cost);
        int[] q2r = new int[n];
        int[] r2q = new int[m];
        double[] pairCost = new double[n];
        Arrays.fill(q2r, -1);
        Arrays.fill(r2q, -1);
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j < m && pair[i][j] < theta) {
                q2r[i] = j;
                r2q[j] = i;
                pairCost[i] = pair[i][j];
            } else {
                pairCost[i] = theta;
            }
        }
        return new Match(q2r, r2q, pairCost);
    }
}
