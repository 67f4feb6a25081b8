package io.samlad.bank;

import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.features.ChannelProjection;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1's product: what the method keeps of the normal images, and the k-nearest retrieval over it.
 *
 * <p>Retrieval ranks bank images by cosine similarity of their global descriptors after centring on the bank's mean
 * descriptor: without centring, descriptors made of non-negative features all point roughly the same way and
 * cosine barely separates them.
 */
public final class TemplateBank {
    private final SamladConfig config;
    private final String pipelineId;
    private final List<Scene> scenes;
    private final List<String> names;
    private final float[] globalMean;
    private final float[][] unitGlobals;
    private final Calibration calibration;
    private final Provenance provenance;
    /** The projection the patch features went through after extraction, or null (features as the backbone gave). */
    private final ChannelProjection projection;
    /** What is derived from the scenes alone, shared with the banks made from this one with the same scenes. */
    private final BankCache cache;

    public TemplateBank(SamladConfig config, String pipelineId, List<Scene> scenes, List<String> names,
            Calibration calibration, Provenance provenance) {
        this(config, pipelineId, scenes, names, calibration, provenance, null);
    }

    /**
     * @param projection what the scenes' patch features were projected with after extraction (queries must be too),
     *                   or null
     */
    public TemplateBank(SamladConfig config, String pipelineId, List<Scene> scenes, List<String> names,
            Calibration calibration, Provenance provenance, ChannelProjection projection) {
        this(config, pipelineId, scenes, names, calibration, provenance, projection, new BankCache());
    }

    private TemplateBank(SamladConfig config, String pipelineId, List<Scene> scenes, List<String> names,
            Calibration calibration, Provenance provenance, ChannelProjection projection, BankCache cache) {
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a template bank needs at least one normal image");
        }
        if (scenes.size() != names.size()) {
            throw new IllegalArgumentException("one name per scene");
        }
        this.config = config;
        this.pipelineId = pipelineId;
        this.scenes = List.copyOf(scenes);
        this.names = List.copyOf(names);
        this.calibration = calibration;
        this.provenance = provenance;
        this.projection = projection;
        this.cache = cache;
        int g = scenes.get(0).global().length;
        globalMean = new float[g];
        for (Scene s : scenes) {
            for (int i = 0; i < g; i++) {
                globalMean[i] += s.global()[i] / scenes.size();
            }
        }
        unitGlobals = new float[scenes.size()][];
        for (int k = 0; k < scenes.size(); k++) {
            unitGlobals[k] = centredUnit(scenes.get(k).global());
        }
    }

    private float[] centredUnit(float[] global) {
        float[] v = new float[global.length];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = global[i] - globalMean[i];
            n += v[i] * (double) v[i];
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }

    /** A bank with the same content and another calibration. */
    public TemplateBank withCalibration(Calibration c) {
        return new TemplateBank(config, pipelineId, scenes, names, c, provenance, projection, cache);
    }

    /** A bank with the same content and another provenance record. */
    public TemplateBank withProvenance(Provenance p) {
        return new TemplateBank(config, pipelineId, scenes, names, calibration, p, projection, cache);
    }

    /** A neighbour found by retrieval: bank index and cosine similarity. */
    public record Neighbour(int index, double similarity) {
    }

    /**
     * The {@code k} bank images most similar to a global descriptor, most similar first.
     *
     * @param exclude bank index to leave out (leave-one-out calibration), or -1
     */
    public List<Neighbour> nearest(float[] global, int k, int exclude) {
        if (global.length != globalMean.length) {
            throw new IllegalArgumentException("global descriptor of length " + global.length + ", bank has "
                    + globalMean.length);
        }
        float[] q = centredUnit(global);
        int n = scenes.size();
        double[] sims = similarities(q);
        if (exclude >= 0 && exclude < n) {
            sims[exclude] = Double.NEGATIVE_INFINITY;
        }
        int want = Math.min(k, exclude >= 0 ? n - 1 : n);
        List<Neighbour> out = new ArrayList<>(want);
        boolean[] taken = new boolean[n];
        for (int r = 0; r < want; r++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || sims[i] > sims[best])) {
                    best = i;
                }
            }
            if (best < 0 || sims[best] == Double.NEGATIVE_INFINITY) {
                break;
            }
            taken[best] = true;
            out.add(new Neighbour(best, sims[best]));
        }
        return out;
    }

    /**
     * The dot product of {@code q} with every bank image's centred unit descriptor, each summed in order of the
     * components. Four images at a time: their four sums are independent chains of additions that the processor
     * overlaps, where one image's sum waits on each of its additions in turn; each sum is the same as alone.
     */
    private double[] similarities(float[] q) {
        int n = unitGlobals.length;
        double[] sims = new double[n];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float[] b0 = unitGlobals[i];
            float[] b1 = unitGlobals[i + 1];
            float[] b2 = unitGlobals[i + 2];
            float[] b3 = unitGlobals[i + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < q.length; j++) {
                float qj = q[j];
                s0 += qj * b0[j];
                s1 += qj * b1[j];
                s2 += qj * b2[j];
                s3 += qj * b3[j];
            }
            sims[i] = s0;
            sims[i + 1] = s1;
            sims[i + 2] = s2;
            sims[i + 3] = s3;
        }
        for (; i < n; i++) {
            double s = 0;
            float[] b = unitGlobals[i];
            for (int j = 0; j < q.length; j++) {
                s += q[j] * b[j];
            }
            sims[i] = s;
        }
        return sims;
    }

    public SamladConfig config() {
        return config;
    }

    public String pipelineId() {
        return pipelineId;
    }

    public List<Scene> scenes() {
        return scenes;
    }

    public Scene scene(int i) {
        return scenes.get(i);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return scenes.size();
    }

    public Calibration calibration() {
        return calibration;
    }

    public Provenance provenance() {
        return provenance;
    }

    /**
     * What is derived from this bank's scenes alone (see {@link BankCache}): computed once, shared with
     * {@link #withCalibration} and {@link #withProvenance}'s banks.
     */
    public BankCache cache() {
        return cache;
    }

    /** The channel projection queries' patch features must go through, as the bank's did; null for none. */
    public ChannelProjection projection() {
        return projection;
    }
}
