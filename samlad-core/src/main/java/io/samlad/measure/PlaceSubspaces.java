package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.stats.PrincipalComponents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The principal subspace of the appearances at each place of the bank: how the normal examples of one place (the 7s
 * of the 7's cell) vary among themselves. An object whose appearance lies far from its place's subspace differs from
 * them in a way no normal example does, even when one odd example happens to lie near it.
 *
 * <p>Places are found from the bank's objects alone, largest first: an object joins the first place whose centre
 * (the centroid of the object that opened it) lies within {@code radius}, else opens a place of its own. Each place
 * with at least {@code 2 k + 2} examples keeps the mean {@code μ} and the {@code k} leading principal components
 * {@code P} of its examples' descriptors; an appearance {@code a} lies {@code |(I - P Pᵀ)(a - μ)|} from it. Computed
 * once per bank and kept in the bank's cache (the scenes do not change), so a query pays one projection per object.
 *
 * @param centres per place, its centre (x, y)
 * @param spaces  per place, its principal components (null where the place has too few examples)
 */
record PlaceSubspaces(double[][] centres, PrincipalComponents[] spaces) {
    private record Key(double radius, int components) {
    }

    static PlaceSubspaces of(TemplateBank bank, SamladConfig.Identity config) {
        return bank.cache().get(new Key(config.radius(), config.subspaceComponents()),
                () -> {
                    List<Scene> scenes = new ArrayList<>();
                    for (int s = 0; s < bank.size(); s++) {
                        scenes.add(bank.scene(s));
                    }
                    return compute(scenes, config.radius(), config.subspaceComponents());
                });
    }

    static PlaceSubspaces compute(List<Scene> scenes, double radius, int components) {
        List<SceneObject> all = new ArrayList<>();
        int dim = -1;
        for (Scene scene : scenes) {
            for (SceneObject o : scene.objects()) {
                // the histograms only: the subspaces were measured without the hole topology
                int length = AppearanceDescriptor.histogramPart(o.appearance()).length;
                if (length > 0 && (dim < 0 || length == dim)) {
                    dim = length;
                    all.add(o);
                }
            }
        }
        all.sort(Comparator.comparingDouble((SceneObject o) -> -o.mask().areaFraction()));
        double r2 = radius * radius;
        List<double[]> centres = new ArrayList<>();
        List<List<float[]>> members = new ArrayList<>();
        for (SceneObject o : all) {
            int at = -1;
            for (int p = 0; p < centres.size() && at < 0; p++) {
                double dx = centres.get(p)[0] - o.mask().centroidX();
                double dy = centres.get(p)[1] - o.mask().centroidY();
                if (dx * dx + dy * dy <= r2) {
                    at = p;
                }
            }
            if (at < 0) {
                centres.add(new double[] {o.mask().centroidX(), o.mask().centroidY()});
                members.add(new ArrayList<>());
                at = centres.size() - 1;
            }
            members.get(at).add(AppearanceDescriptor.histogramPart(o.appearance()));
        }
        PrincipalComponents[] spaces = new PrincipalComponents[centres.size()];
        for (int p = 0; p < spaces.length; p++) {
            List<float[]> m = members.get(p);
            if (dim < 1 || m.size() < 2 * components + 2) {
                continue;
            }
            float[] data = new float[m.size() * dim];
            for (int i = 0; i < m.size(); i++) {
                System.arraycopy(m.get(i), 0, data, i * dim, dim);
            }
            spaces[p] = PrincipalComponents.fit(data, m.size(), dim, components);
        }
        return new PlaceSubspaces(centres.toArray(new double[0][]), spaces);
    }

    /**
     * The distance of {@code appearance} from the principal subspace of the place nearest to (x, y) within
     * {@code radius}; NaN where no place with a subspace lies there.
     */
    double residual(float[] descriptor, double x, double y, double radius) {
        float[] appearance = AppearanceDescriptor.histogramPart(descriptor);
        int best = -1;
        double bestD = radius * radius;
        for (int p = 0; p < centres.length; p++) {
            double dx = centres[p][0] - x;
            double dy = centres[p][1] - y;
            double d = dx * dx + dy * dy;
            if (spaces[p] != null && d <= bestD && appearance.length == spaces[p].dim()) {
                bestD = d;
                best = p;
            }
        }
        return best < 0 ? Double.NaN : residual(spaces[best], appearance);
    }

    static double residual(PrincipalComponents pc, float[] a) {
        double[] mu = pc.mean();
        double[] diff = new double[mu.length];
        double norm2 = 0;
        for (int c = 0; c < mu.length; c++) {
            diff[c] = a[c] - mu[c];
            norm2 += diff[c] * diff[c];
        }
        for (double[] axis : pc.components()) {
            double proj = 0;
            for (int c = 0; c < mu.length; c++) {
                proj += axis[c] * diff[c];
            }
            norm2 -= proj * proj;
        }
        return Math.sqrt(Math.max(0, norm2));
    }
}
