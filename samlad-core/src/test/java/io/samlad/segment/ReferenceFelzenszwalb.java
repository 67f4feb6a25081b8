package io.samlad.segment;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The segmenter as it was before round 3 of issue 12 (three histogram passes in the radix sort, edges read through
 * their sorted indices, every edge visited by both union passes): the oracle that
 * {@link FelzenszwalbEquivalenceTest} holds the fast code to.
 */
final class ReferenceFelzenszwalb {
    private final double scale;
    private final double sigma;
    private final double minAreaFraction;

    /**
     * @param scale           FH's k, in Lab (scaled by 1/100) distance units (larger: larger segments)
     * @param sigma           Gaussian smoothing in grid cells before segmenting (0: none)
     * @param minAreaFraction components smaller than this share of the grid are merged into a neighbour
     */
    ReferenceFelzenszwalb(double scale, double sigma, double minAreaFraction) {
        this.scale = scale;
        this.sigma = sigma;
        this.minAreaFraction = minAreaFraction;
    }

    public String id() {
        return "felzenszwalb(k=" + scale + ",sigma=" + sigma + ",min=" + minAreaFraction + ")";
    }

    /**
     * Segments at twice the grid's resolution, then gives each grid cell the label most of its four sub-cells have.
     * Anti-aliased and shadowed edges form thin bands of intermediate colour that FH makes into segments of their
     * own (rings around every object); at the finer resolution such a band is narrower than a grid cell and the
     * majority vote absorbs it into the object or the background.
     */
    public List<ObjectMask> generate(RgbImage image, int gridWidth, int gridHeight) {
        int fw = 2 * gridWidth;
        int fh = 2 * gridHeight;
        int[] fine = segment(image, fw, fh);
        int[] labels = new int[gridWidth * gridHeight];
        int[] votes = new int[4];
        for (int y = 0; y < gridHeight; y++) {
            for (int x = 0; x < gridWidth; x++) {
                votes[0] = fine[(2 * y) * fw + 2 * x];
                votes[1] = fine[(2 * y) * fw + 2 * x + 1];
                votes[2] = fine[(2 * y + 1) * fw + 2 * x];
                votes[3] = fine[(2 * y + 1) * fw + 2 * x + 1];
                labels[y * gridWidth + x] = majority(votes);
            }
        }
        return masksOf(compact(labels), gridWidth, gridHeight);
    }

    private static int majority(int[] v) {
        int best = v[0];
        int bestCount = 0;
        for (int i = 0; i < v.length; i++) {
            int c = 0;
            for (int j = 0; j < v.length; j++) {
                if (v[j] == v[i]) {
                    c++;
                }
            }
            if (c > bestCount) {
                bestCount = c;
                best = v[i];
            }
        }
        return best;
    }

    /** Renumbers labels 0..n-1 in order of first appearance. */
    private static int[] compact(int[] labels) {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        int[] remap = new int[max + 1];
        Arrays.fill(remap, -1);
        int next = 0;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (remap[labels[i]] < 0) {
                remap[labels[i]] = next++;
            }
            out[i] = remap[labels[i]];
        }
        return out;
    }

    /** Component label of every grid cell, labels 0..n-1 in order of first appearance. */
    public int[] segment(RgbImage image, int w, int h) {
        RgbImage small = image.resize(w, h);
        float[] lab = LabColour.toLab(small);
        if (sigma > 0) {
            for (int c = 0; c < 3; c++) {
                GaussianBlur.blurInPlace(lab, c * w * h, w, h, sigma);
            }
        }
        int n = w * h;
        // Edges to the right, down, down-right and down-left neighbours: each undirected edge once.
        int maxEdges = 4 * n;
        int[] ea = new int[maxEdges];
        int[] eb = new int[maxEdges];
        float[] ew = new float[maxEdges];
        int m = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    m = addEdge(lab, n, i, i + 1, ea, eb, ew, m);
                }
                if (y + 1 < h) {
                    m = addEdge(lab, n, i, i + w, ea, eb, ew, m);
                    if (x + 1 < w) {
                        m = addEdge(lab, n, i, i + w + 1, ea, eb, ew, m);
                    }
                    if (x > 0) {
                        m = addEdge(lab, n, i, i + w - 1, ea, eb, ew, m);
                    }
                }
            }
        }
        int[] order = sortedEdgeOrder(ew, m);
        DisjointSets sets = new DisjointSets(n);
        float[] threshold = new float[n];
        Arrays.fill(threshold, (float) scale);
        for (int k = 0; k < m; k++) {
            int e = order[k];
            int a = sets.find(ea[e]);
            int b = sets.find(eb[e]);
            if (a != b && ew[e] <= threshold[a] && ew[e] <= threshold[b]) {
                int r = sets.union(a, b);
                threshold[r] = ew[e] + (float) (scale / sets.size(r));
            }
        }
        int minCells = (int) Math.ceil(minAreaFraction * n);
        // Small components join the neighbour across their lightest edge (edges are visited lightest first).
        for (int k = 0; k < m; k++) {
            int e = order[k];
            int a = sets.find(ea[e]);
            int b = sets.find(eb[e]);
            if (a != b && (sets.size(a) < minCells || sets.size(b) < minCells)) {
                sets.union(a, b);
            }
        }
        int[] labels = new int[n];
        int[] remap = new int[n];
        Arrays.fill(remap, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = sets.find(i);
            if (remap[r] < 0) {
                remap[r] = next++;
            }
            labels[i] = remap[r];
        }
        return labels;
    }

    private static int addEdge(float[] lab, int n, int i, int j, int[] ea, int[] eb, float[] ew, int m) {
        float dl = lab[i] - lab[j];
        float da = lab[n + i] - lab[n + j];
        float db = lab[2 * n + i] - lab[2 * n + j];
        ea[m] = i;
        eb[m] = j;
        ew[m] = (float) Math.sqrt(dl * dl + da * da + db * db);
        return m + 1;
    }

    /**
     * Edge indices by increasing weight, ties in index order. Weights are non-negative, so their IEEE bits order
     * like the values (and the sign bit is 0), and a stable least-significant-digit radix sort on those 31 bits (three
     * passes of 11, 10 and 10 bits) gives exactly the order of sorting (weight, index) pairs, in linear time: the
     * comparison sort it replaces was the segmenter's largest cost.
     */
    static int[] sortedEdgeOrder(float[] w, int m) {
        int[] keys = new int[m];
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            keys[i] = Float.floatToIntBits(w[i]);
            order[i] = i;
        }
        int[] keysTmp = new int[m];
        int[] orderTmp = new int[m];
        int[] count = new int[(1 << 11) + 1];
        int[][] digits = {{0, 11}, {11, 10}, {21, 10}}; // {shift, bits}
        for (int[] digit : digits) {
            int shift = digit[0];
            int mask = (1 << digit[1]) - 1;
            Arrays.fill(count, 0);
            for (int i = 0; i < m; i++) {
                count[((keys[i] >>> shift) & mask) + 1]++;
            }
            if (m == 0 || count[((keys[0] >>> shift) & mask) + 1] == m) {
                continue; // every key has the same digit here: the pass would not move anything
            }
            for (int d = 0; d < mask + 1; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < m; i++) {
                int pos = count[(keys[i] >>> shift) & mask]++;
                keysTmp[pos] = keys[i];
                orderTmp[pos] = order[i];
            }
            int[] t = keys;
            keys = keysTmp;
            keysTmp = t;
            t = order;
            order = orderTmp;
            orderTmp = t;
        }
        return order;
    }

    /** One mask per label. */
    public static List<ObjectMask> masksOf(int[] labels, int w, int h) {
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l + 1);
        }
        BitSet[] bits = new BitSet[count];
        for (int i = 0; i < count; i++) {
            bits[i] = new BitSet(w * h);
        }
        for (int i = 0; i < labels.length; i++) {
            bits[labels[i]].set(i);
        }
        List<ObjectMask> out = new ArrayList<>(count);
        for (BitSet b : bits) {
            out.add(new ObjectMask(w, h, b));
        }
        return out;
    }
}
