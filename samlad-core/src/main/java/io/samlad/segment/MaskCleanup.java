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
