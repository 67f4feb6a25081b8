package io.samlad.objects;

import io.samlad.config.SamladConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 5 (DCGA's role): turns objects into vectors that can be compared across images.
 *
 * <p><b>Dynamic channel weighting.</b> Over all objects of the scene (the query's and its references'), channel c
 * gets weight {@code w_c = clip(s_c / mean(s), 0.2, 5)}, where {@code s_c} is the standard deviation of the objects'
 * mean features in that channel: channels that tell this scene's objects apart count more, channels on which all
 * objects agree count less. Each object's mean feature is centred on the scene mean and weighted:
 * {@code h_i = w * (f_i - mu)}, then L2-normalised.
 *
 * <p><b>Graph attention.</b> Within each image, object i attends to the other objects j with
 * {@code a_ij = softmax_j(cos(h_i, h_j) / T - |g_i - g_j|^2 / (2 sigma^2))} (g: centroid), parameter-free, and its
 * vector becomes {@code v_i = normalise([h_i, lambda * sum_j a_ij h_j])}: an object is described with the objects
 * near it and like it, so the same label on a different bottle, or an icon beside the wrong juice, encodes
 * differently.
 */
public final class ObjectEncoder {
    private final SamladConfig.Encoding config;

    public ObjectEncoder(SamladConfig.Encoding config) {
        this.config = config;
    }

    /** Vectors for the query's objects (index 0) and for each reference's objects (indices 1..k). */
    public List<float[][]> encode(List<List<SceneObject>> scenes) {
        int c = -1;
        int total = 0;
        for (List<SceneObject> s : scenes) {
            for (SceneObject o : s) {
                c = o.channels();
                total++;
            }
        }
        List<float[][]> out = new ArrayList<>();
        if (total == 0) {
            for (List<SceneObject> s : scenes) {
                out.add(new float[0][]);
            }
            return out;
        }
        double[] mean = new double[c];
        double[] sq = new double[c];
        for (List<SceneObject> s : scenes) {
            for (SceneObject o : s) {
                for (int k = 0; k < c; k++) {
                    mean[k] += o.meanFeature()[k];
                    sq[k] += o.meanFeature()[k] * (double) o.meanFeature()[k];
                }
            }
        }
        double[] std = new double[c];
        double meanStd = 0;
        for (int k = 0; k < c; k++) {
            mean[k] /= total;
            std[k] = Math.sqrt(Math.max(0, sq[k] / total - mean[k] * mean[k]));
            meanStd += std[k] / c;
        }
        double[] weight = new double[c];
        for (int k = 0; k < c; k++) {
            weight[k] = meanStd > 0 ? Math.max(0.2, Math.min(5, std[k] / meanStd)) : 1;
        }
        for (List<SceneObject> s : scenes) {
            float[][] h = new float[s.size()][];
            for (int i = 0; i < s.size(); i++) {
                float[] v = new float[c];
                for (int k = 0; k < c; k++) {
                    v[k] = (float) (weight[k] * (s.get(i).meanFeature()[k] - mean[k]));
                }
                h[i] = Vectors.normalise(v);
            }
            out.add(attend(s, h));
        }
        return out;
    }

    private float[][] attend(List<SceneObject> objects, float[][] h) {
        int n = h.length;
        float[][] v = new float[n][];
        double inv2s = 1.0 / (2 * config.geometrySigma() * config.geometrySigma());
        for (int i = 0; i < n; i++) {
            int c = h[i].length;
            float[] context = new float[c];
            if (n > 1) {
                double[] logits = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double dx = objects.get(i).mask().centroidX() - objects.get(j).mask().centroidX();
                    double dy = objects.get(i).mask().centroidY() - objects.get(j).mask().centroidY();
                    logits[j] = Vectors.dot(h[i], h[j]) / config.attentionTemperature() - (dx * dx + dy * dy) * inv2s;
                    max = Math.max(max, logits[j]);
                }
                double z = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        logits[j] = Math.exp(logits[j] - max);
                        z += logits[j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        float a = (float) (logits[j] / z);
                        for (int k = 0; k < c; k++) {
                            context[k] += a * h[j][k];
                        }
                    }
                }
            }
            float[] out = new float[2 * c];
            System.arraycopy(h[i], 0, out, 0, c);
            for (int k = 0; k < c; k++) {
                out[c + k] = (float) (config.contextWeight() * context[k]);
            }
            v[i] = Vectors.normalise(out);
        }
        return v;
    }
}
