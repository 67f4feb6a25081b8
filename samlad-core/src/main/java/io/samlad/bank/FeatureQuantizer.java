package io.samlad.bank;

import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores bank patch features as one byte per value, scaled per channel between the bank's minimum and maximum: a
 * quarter of the size of floats (300 images of 200x400 fit in a few tens of MB), at an error of at most half a step,
 * 1/510 of the channel's range, far below the distances that matter. The fitted bank goes through the same round
 * trip in memory, so a bank scores identically before and after saving.
 */
public final class FeatureQuantizer {
    private final float[] min;
    private final float[] max;
    /**
     * What each byte value stands for per channel ({@code [k * 256 + v]}), made on the first large decode: a bank
     * looks up millions of bytes, 256 per channel are evaluated once.
     */
    private volatile float[] table;

    public FeatureQuantizer(float[] min, float[] max) {
        this.min = min;
        this.max = max;
    }

    /** Per-channel range over all scenes' patch features. */
    public static FeatureQuantizer fit(List<Scene> scenes) {
        int c = scenes.get(0).patches().channels();
        float[] min = new float[c];
        float[] max = new float[c];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (Scene s : scenes) {
            float[] d = s.patches().data();
            if (s.patches().channels() != c) {
                throw new IllegalArgumentException("scenes with different channel counts");
            }
            for (int i = 0; i < d.length; i++) {
                int k = i % c;
                min[k] = Math.min(min[k], d[i]);
                max[k] = Math.max(max[k], d[i]);
            }
        }
        return new FeatureQuantizer(min, max);
    }

    public float[] min() {
        return min.clone();
    }

    public float[] max() {
        return max.clone();
    }

    public byte[] quantize(FeatureMap map) {
        int c = min.length;
        float[] d = map.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            int k = i % c;
            float range = max[k] - min[k];
            int q = range > 0 ? Math.round((d[i] - min[k]) / range * 255f) : 0;
            out[i] = (byte) Math.max(0, Math.min(255, q));
        }
        return out;
    }

    public FeatureMap dequantize(byte[] q, int width, int height) {
        int c = min.length;
        if (q.length % c != 0) {
            throw new IllegalArgumentException(q.length + " quantised values for " + c + " channels");
        }
        float[] out = new float[q.length];
        if (q.length < (long) c << 8) {
            // smaller than the table: the formula itself (a table is not worth making for it)
            for (int i = 0; i < q.length; i++) {
                out[i] = value(i % c, q[i] & 0xff);
            }
            return new FeatureMap(c, width, height, out);
        }
        float[] table = table();
        for (int cell = 0; cell < q.length; cell += c) {
            for (int k = 0; k < c; k++) {
                out[cell + k] = table[(k << 8) | (q[cell + k] & 0xff)];
            }
        }
        return new FeatureMap(c, width, height, out);
    }

    private float[] table() {
        float[] t = table;
        if (t != null) {
            return t;
        }
        t = new float[min.length << 8];
        for (int k = 0; k < min.length; k++) {
            for (int v = 0; v < 256; v++) {
                t[(k << 8) | v] = value(k, v);
            }
        }
        table = t; // a race makes the same table twice, harmlessly
        return t;
    }

    /** The value a quantised byte stands for (the reference the table is made of). */
    float value(int k, int v) {
        return min[k] + v / 255f * (max[k] - min[k]);
    }

    /** The scenes with their patch features passed through quantisation, and without fine features. */
    public List<Scene> roundTrip(List<Scene> scenes) {
        List<Scene> out = new ArrayList<>(scenes.size());
        for (Scene s : scenes) {
            FeatureMap p = s.patches();
            out.add(new Scene(s.width(), s.height(), s.global(), dequantize(quantize(p), p.width(), p.height()), null,
                    s.objects(), s.colours(), s.loose()));
        }
        return out;
    }
}
