package io.samlad.objects;

/** Small dense-vector helpers. */
public final class Vectors {
    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }

    /** Returns {@code v / |v|} in place ({@code v} itself if its norm is zero). */
    public static float[] normalise(float[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }

    /** Cosine similarity; 0 if either vector is zero. */
    public static double cosine(float[] a, float[] b) {
        double ab = dot(a, b);
        double aa = dot(a, a);
        double bb = dot(b, b);
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
