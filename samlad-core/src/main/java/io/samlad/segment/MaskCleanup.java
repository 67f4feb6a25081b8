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
 *       object's anti-aliased or shadowed edge) touching exactly one larger mask joins that mask; one touching several
 *       masks, with at least {@code rimWrap} of its cells within two cells of other masks (a shadow around a whole
 *       assembly, the edge ring between a pin and its plate, the highlight stripe along a cable) is split: each of its cells joins the nearest mask it
 *       touches. Left alone, such a band is an object of its own in some images and not in others, and it takes
 *       part of its neighbours' area unevenly, which breaks counting and size comparisons;</li>
 *   <li>over-segmentation: adjacent masks whose mean features (centred on the image mean) have cosine similarity at
 *       least {@code mergeSimilarity} are merged, most similar pair first.</li>
 * </ol>
 * At most {@link #MAX_OBJECTS} masks are kept, the largest.
 */
public final class MaskCleanup {
    /** Bound on objects per image; matching is cubic in the count. */
    public static final int MAX_OBJECTS = 40;

    private final SamladConfig.Segmentation config;
    private final double rimWrap;

    /** Clean-up without splitting rims that touch several masks. */
    public MaskCleanup(SamladConfig.Segmentation config) {
        this(config, 0);
    }

    /**
     * @param rimWrap share of a mask's outline a thin band must run along to be split among the masks it touches
     *                (0: off); see {@link SamladConfig.Stability#rimWrap()}
     */
    public MaskCleanup(SamladConfig.Segmentation config, double rimWrap) {
        this.config = config;
        this.rimWrap = rimWrap;
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
        List<ObjectMask> merged = mergeSimilarNeighbours(absorbRims(wholes, rimWrap), features);
        merged.sort(Comparator.comparingInt(ObjectMask::area).reversed());
        return merged.size() > MAX_OBJECTS ? new ArrayList<>(merged.subList(0, MAX_OBJECTS)) : merged;
    }

    /** Merges each thin rim mask into the one solid (not thin) mask it touches, if it touches exactly one. */
    static List<ObjectMask> absorbRims(List<ObjectMask> masks) {
        return absorbRims(masks, 0);
    }

    /**
     * Merges each thin rim mask into the one solid (not thin) mask it touches, if it touches exactly one; with
     * {@code rimWrap > 0}, a thin mask touching several masks, with at least {@code rimWrap} of its cells within two
     * cells of other masks, is split: each cell joins the nearest mask it touches (breadth-first
     * inside the band from the cells next to each neighbour, thin neighbours included, so a cable's shadow goes to
     * the cable and a connector's edge to the connector).
     */
    static List<ObjectMask> absorbRims(List<ObjectMask> masks, double rimWrap) {
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
                if (j != i && !gone[j] && !thin[j] && grown.intersects(bits.get(j))) {
                    touching = j;
                    count++;
                }
            }
            if (count == 1) {
                bits.get(touching).or(bits.get(i));
                gone[i] = true;
            } else if (rimWrap > 0 && alongOthers(bits, gone, i, m.width(), m.height()) >= rimWrap
                    && touchingAny(bits, gone, i, grown) > 1) {
                splitAmongNeighbours(bits, gone, i, grown, m.width(), m.height());
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

    /**
     * Share of band {@code i}'s cells within two cells of another mask: a band along other objects' edges (a shadow,
     * an anti-aliased ring, a highlight stripe on a cable) lies next to them all along; a thin object of its own (a
     * cable on the bench) only where it meets them.
     */
    private static double alongOthers(List<BitSet> bits, boolean[] gone, int i, int w, int h) {
        BitSet others = new BitSet(w * h);
        for (int j = 0; j < bits.size(); j++) {
            if (j != i && !gone[j]) {
                others.or(bits.get(j));
            }
        }
        BitSet near = dilate(dilate(others, w, h), w, h);
        BitSet band = (BitSet) bits.get(i).clone();
        int total = band.cardinality();
        band.and(near);
        return total == 0 ? 0 : band.cardinality() / (double) total;
    }

    /** How many other masks (thin ones included) the band touches. */
    private static int touchingAny(List<BitSet> bits, boolean[] gone, int i, BitSet grown) {
        int count = 0;
        for (int j = 0; j < bits.size(); j++) {
            if (j != i && !gone[j] && grown.intersects(bits.get(j))) {
                count++;
            }
        }
        return count;
    }

    /** Cells of {@code b} with a 4-neighbour outside it (or on the grid's edge). */
    static BitSet outline(BitSet b, int w, int h) {
        BitSet out = new BitSet(w * h);
        for (int c = b.nextSetBit(0); c >= 0; c = b.nextSetBit(c + 1)) {
            int x = c % w;
            int y = c / w;
            if (x == 0 || y == 0 || x == w - 1 || y == h - 1 || !b.get(c - 1) || !b.get(c + 1) || !b.get(c - w)
                    || !b.get(c + w)) {
                out.set(c);
            }
        }
        return out;
    }

    /**
     * Gives each cell of band {@code i} to the nearest mask it touches: a breadth-first search inside the band,
     * started from the band's cells next to each other mask (in mask order, so ties go to the larger mask).
     */
    private static void splitAmongNeighbours(List<BitSet> bits, boolean[] gone, int i, BitSet grown, int w, int h) {
        BitSet band = bits.get(i);
        int[] owner = new int[w * h];
        java.util.Arrays.fill(owner, -1);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int j = 0; j < bits.size(); j++) {
            if (j == i || gone[j] || !grown.intersects(bits.get(j))) {
                continue;
            }
            BitSet next = dilate(bits.get(j), w, h);
            next.and(band);
            for (int c = next.nextSetBit(0); c >= 0; c = next.nextSetBit(c + 1)) {
                if (owner[c] < 0) {
                    owner[c] = j;
                    queue.add(c);
                }
            }
        }
        while (!queue.isEmpty()) {
            int c = queue.poll();
            int x = c % w;
            int y = c / w;
            int[] around = {x > 0 ? c - 1 : -1, x + 1 < w ? c + 1 : -1, y > 0 ? c - w : -1, y + 1 < h ? c + w : -1};
            for (int n : around) {
                if (n >= 0 && band.get(n) && owner[n] < 0) {
                    owner[n] = owner[c];
                    queue.add(n);
                }
            }
        }
        for (int c = band.nextSetBit(0); c >= 0; c = band.nextSetBit(c + 1)) {
            if (owner[c] >= 0) {
                bits.get(owner[c]).set(c);
            }
        }
    }

    /** True when no cell of the mask has all four neighbours in the mask. */
    public static boolean isThin(ObjectMask m) {
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
        return mergeSimilarNeighbours(masks, features, config.mergeSimilarity());
    }

    /**
     * Merges touching masks whose mean features (centred on the image's mean) have a cosine of at least
     * {@code threshold}, the most similar pair first (of equals, the last pair in mask order), until no pair is
     * left. Each mask's dilation and each touching pair's cosine are computed once and again only for the mask a
     * merge changed, not for every pair after every merge: the same pairs in the same order, so the same merges
     * (checked against the pair-by-pair loop this replaces in {@code MaskMergeTest}). Small methods, so that the
     * JIT compiles each loop alone rather than one large method with all of them inlined.
     */
    static List<ObjectMask> mergeSimilarNeighbours(List<ObjectMask> masks, FeatureMap features, double threshold) {
        if (threshold >= 1.0 || masks.size() < 2) {
            return new ArrayList<>(masks);
        }
        int n = masks.size();
        int w = features.width();
        int h = features.height();
        float[] imageMean = channelMeans(features);
        BitSet[] bits = new BitSet[n];
        BitSet[] grown = new BitSet[n];
        double[][] sums = new double[n][];
        int[] counts = new int[n];
        double[] qualities = new double[n];
        for (int i = 0; i < n; i++) {
            ObjectMask m = masks.get(i);
            bits[i] = m.bits();
            grown[i] = dilate(bits[i], w, h);
            sums[i] = featureSums(bits[i], features);
            counts[i] = m.area();
            qualities[i] = m.quality();
        }
        // pair (a, b), a < b: whether a's dilation meets b, and then the two masks' centred cosine
        boolean[] touching = new boolean[n * n];
        double[] cosine = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                pair(a, b, n, grown, bits, sums, counts, imageMean, touching, cosine);
            }
        }
        boolean[] merged = new boolean[n];
        while (true) {
            int best = bestPair(n, merged, touching, cosine, threshold);
            if (best < 0) {
                break;
            }
            int a = best / n;
            int b = best % n;
            bits[a].or(bits[b]);
            addTo(sums[a], sums[b]);
            counts[a] += counts[b];
            qualities[a] = Math.max(qualities[a], qualities[b]);
            merged[b] = true;
            grown[a] = dilate(bits[a], w, h);
            for (int x = 0; x < n; x++) {
                if (x != a && !merged[x]) {
                    pair(Math.min(a, x), Math.max(a, x), n, grown, bits, sums, counts, imageMean, touching, cosine);
                }
            }
        }
        List<ObjectMask> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!merged[i]) {
                out.add(new ObjectMask(w, h, bits[i], qualities[i]));
            }
        }
        return out;
    }

    /** The pair (a, b), a < b, at {@code a * n + b}: touching or not, and if so its centred cosine. */
    private static void pair(int a, int b, int n, BitSet[] grown, BitSet[] bits, double[][] sums, int[] counts,
            float[] imageMean, boolean[] touching, double[] cosine) {
        boolean t = grown[a].intersects(bits[b]);
        touching[a * n + b] = t;
        if (t) {
            cosine[a * n + b] = centredCosine(sums[a], counts[a], sums[b], counts[b], imageMean);
        }
    }

    /**
     * The touching pair with the largest cosine of at least {@code threshold} (of equals the last in mask order, as
     * a scan that replaces its best on {@code >=}), as {@code a * n + b}; -1 if none.
     */
    private static int bestPair(int n, boolean[] merged, boolean[] touching, double[] cosine, double threshold) {
        int found = -1;
        double best = threshold;
        for (int a = 0; a < n; a++) {
            if (merged[a]) {
                continue;
            }
            for (int b = a + 1; b < n; b++) {
                int at = a * n + b;
                if (!merged[b] && touching[at] && cosine[at] >= best) {
                    best = cosine[at];
                    found = at;
                }
            }
        }
        return found;
    }

    private static float[] channelMeans(FeatureMap features) {
        int c = features.channels();
        float[] mean = new float[c];
        float[] fd = features.data();
        int cells = features.width() * features.height();
        for (int i = 0; i < cells; i++) {
            for (int k = 0; k < c; k++) {
                mean[k] += fd[i * c + k];
            }
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= cells;
        }
        return mean;
    }

    private static double[] featureSums(BitSet b, FeatureMap features) {
        int c = features.channels();
        float[] fd = features.data();
        double[] s = new double[c];
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
            for (int k = 0; k < c; k++) {
                s[k] += fd[i * c + k];
            }
        }
        return s;
    }

    private static void addTo(double[] into, double[] add) {
        for (int k = 0; k < into.length; k++) {
            into[k] += add[k];
        }
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
