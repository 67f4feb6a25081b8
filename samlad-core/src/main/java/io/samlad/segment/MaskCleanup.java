package io.samlad.segment;

import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * SAM-LAD's clean-up of raw masks, so that one physical object gives one mask. Applied to every generator's output,
 * in this order:
 * <ol>
 *   <li>background: a mask covering more than {@code maxArea} of the image, or touching at least
 *       {@code borderBackground} of the image border, is dropped;</li>
 *   <li>noise: a mask smaller than {@code minArea} is dropped;</li>
 *   <li>duplicates: of two masks with IoU at least {@code duplicateIou}, the one of lower quality is dropped;</li>
 *   <li>parts of parts: a mask lying at least {@code containment} inside a larger kept mask is dropped;</li>
 *   <li>rims: a thin mask (no cell with all four neighbours inside it: the band of intermediate colour along an
 *       object's anti-aliased or shadowed edge) touching exactly one larger mask joins that mask;</li>
 *   <li>over-segmentation: adjacent masks whose mean features (centred on the image mean) have cosine similarity at
 *       least {@code mergeSimilarity} are merged, most similar pair first.</li>
 * </ol>
 * At most {@link #MAX_OBJECTS} masks are kept, the largest.
 */
public final class MaskCleanup {
    /** Bound on objects per image; matching is cubic in the count. */
    public static final int MAX_OBJECTS = 40;

    private final SamladConfig.Segmentation config;

    public MaskCleanup(SamladConfig.Segmentation config) {
        this.config = config;
    }

    /**
     * @param masks    raw masks, all on the grid of {@code features}
     * @param features per-cell features on the same grid, used to merge over-segmented parts
     */
    public List<ObjectMask> clean(List<ObjectMask> masks, FeatureMap features) {
        List<ObjectMask> kept = new ArrayList<>();
        for (ObjectMask m : masks) {
            if (m.area() == 0 || m.areaFraction() > config.maxArea() || m.areaFraction() < config.minArea()) {
                continue;
            }
            if (borderShare(m) >= config.borderBackground()) {
                continue;
            }
            kept.add(m);
        }
        kept.sort(Comparator.comparingDouble(ObjectMask::quality).reversed()
                .thenComparing(Comparator.comparingInt(ObjectMask::area).reversed()));
        List<ObjectMask> unique = new ArrayList<>();
        for (ObjectMask m : kept) {
            boolean duplicate = false;
            for (ObjectMask u : unique) {
                if (m.iou(u) >= config.duplicateIou()) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                unique.add(m);
            }
        }
        unique.sort(Comparator.comparingInt(ObjectMask::area).reversed());
        List<ObjectMask> wholes = new ArrayList<>();
        for (ObjectMask m : unique) {
            boolean part = false;
            for (ObjectMask w : wholes) {
                if (m.containedIn(w) >= config.containment()) {
                    part = true;
                    break;
                }
            }
            if (!part) {
                wholes.add(m);
            }
        }
        List<ObjectMask> merged = mergeSimilarNeighbours(absorbRims(wholes), features);
        merged.sort(Comparator.comparingInt(ObjectMask::area).reversed());
        return merged.size() > MAX_OBJECTS ? new ArrayList<>(merged.subList(0, MAX_OBJECTS)) : merged;
    }

    /** Merges each thin rim mask into the one solid (not thin) mask it touches, if it touches exactly one. */
    static List<ObjectMask> absorbRims(List<ObjectMask> masks) {
        List<BitSet> bits = new ArrayList<>();
        boolean[] thin = new boolean[masks.size()];
        for (int i = 0; i < masks.size(); i++) {
            bits.add(masks.get(i).bits());
            thin[i] = isThin(masks.get(i));
        }
        boolean[] gone = new boolean[masks.size()];
        for (int i = masks.size() - 1; i >= 0; i--) {
            ObjectMask m = masks.get(i);
            if (!thin[i]) {
                continue;
            }
            BitSet grown = dilate(bits.get(i), m.width(), m.height());
            int touching = -1;
            int count = 0;
            for (int j = 0; j < masks.size(); j++) {
                if (j != i && !thin[j] && grown.intersects(bits.get(j))) {
                    touching = j;
                    count++;
                }
            }
            if (count == 1) {
                bits.get(touching).or(bits.get(i));
                gone[i] = true;
            }
        }
        List<ObjectMask> out = new ArrayList<>();
        for (int i = 0; i < masks.size(); i++) {
            if (!gone[i]) {
                ObjectMask m = masks.get(i);
                out.add(new ObjectMask(m.width(), m.height(), bits.get(i), m.quality()));
            }
        }
        return out;
    }

    /** True when no cell of the mask has all four neighbours in the mask. */
    static boolean isThin(ObjectMask m) {
        int w = m.width();
        int h = m.height();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                if (m.contains(x, y) && m.contains(x - 1, y) && m.contains(x + 1, y) && m.contains(x, y - 1)
                        && m.contains(x, y + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Share of the grid's border cells that the mask covers. */
    static double borderShare(ObjectMask m) {
        int w = m.width();
        int h = m.height();
        int border = 0;
        int covered = 0;
        for (int x = 0; x < w; x++) {
            border += 2;
            covered += (m.contains(x, 0) ? 1 : 0) + (m.contains(x, h - 1) ? 1 : 0);
        }
        for (int y = 1; y < h - 1; y++) {
            border += 2;
            covered += (m.contains(0, y) ? 1 : 0) + (m.contains(w - 1, y) ? 1 : 0);
        }
        return covered / (double) border;
    }

    private List<ObjectMask> mergeSimilarNeighbours(List<ObjectMask> masks, FeatureMap features) {
        if (config.mergeSimilarity() >= 1.0 || masks.size() < 2) {
            return new ArrayList<>(masks);
        }
        int c = features.channels();
        float[] imageMean = new float[c];
        float[] fd = features.data();
        int cells = features.width() * features.height();
        for (int i = 0; i < cells; i++) {
            for (int k = 0; k < c; k++) {
                imageMean[k] += fd[i * c + k];
            }
        }
        for (int k = 0; k < c; k++) {
            imageMean[k] /= cells;
        }
        List<BitSet> bits = new ArrayList<>();
        List<double[]> sums = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Double> qualities = new ArrayList<>();
        for (ObjectMask m : masks) {
            BitSet b = m.bits();
            bits.add(b);
            double[] s = new double[c];
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                for (int k = 0; k < c; k++) {
                    s[k] += fd[i * c + k];
                }
            }
            sums.add(s);
            counts.add(m.area());
            qualities.add(m.quality());
        }
        int w = features.width();
        int h = features.height();
        while (true) {
            int bestA = -1;
            int bestB = -1;
            double best = config.mergeSimilarity();
            for (int a = 0; a < bits.size(); a++) {
                BitSet grown = dilate(bits.get(a), w, h);
                for (int b = a + 1; b < bits.size(); b++) {
                    if (!grown.intersects(bits.get(b))) {
                        continue;
                    }
                    double sim = centredCosine(sums.get(a), counts.get(a), sums.get(b), counts.get(b), imageMean);
                    if (sim >= best) {
                        best = sim;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            bits.get(bestA).or(bits.get(bestB));
            double[] sa = sums.get(bestA);
            double[] sb = sums.get(bestB);
            for (int k = 0; k < c; k++) {
                sa[k] += sb[k];
            }
            counts.set(bestA, counts.get(bestA) + counts.get(bestB));
            qualities.set(bestA, Math.max(qualities.get(bestA), qualities.get(bestB)));
            bits.remove(bestB);
            sums.remove(bestB);
            counts.remove(bestB);
            qualities.remove(bestB);
        }
        List<ObjectMask> out = new ArrayList<>();
        for (int i = 0; i < bits.size(); i++) {
            out.add(new ObjectMask(w, h, bits.get(i), qualities.get(i)));
        }
        return out;
    }

    private static double centredCosine(double[] sa, int na, double[] sb, int nb, float[] mean) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < mean.length; k++) {
            double a = sa[k] / na - mean[k];
            double b = sb[k] / nb - mean[k];
            dot += a * b;
            aa += a * a;
            bb += b * b;
        }
        return dot / Math.sqrt(Math.max(1e-12, aa * bb));
    }

    /** The mask grown by one cell in the four directions. */
    public static BitSet dilate(BitSet b, int w, int h) {
        BitSet out = (BitSet) b.clone();
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
            int x = i % w;
            int y = i / w;
            if (x > 0) {
                out.set(i - 1);
            }
            if (x + 1 < w) {
                out.set(i + 1);
            }
            if (y > 0) {
                out.set(i - w);
            }
            if (y + 1 < h) {
                out.set(i + w);
            }
        }
        return out;
    }
}
