package io.samlad.segment;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Graph-based segmentation (Felzenszwalb and Huttenlocher, IJCV 2004) on the mask grid, the embedded stand-in for
 * Segment Anything. Pixels are the grid cells (the image area-averaged onto the grid, then lightly smoothed), edges
 * join 8-neighbours with weight = L*a*b* distance, and two components merge when the edge between them is no heavier
 * than the internal variation of each plus {@code scale / size}. Components smaller than {@code minCells} are then
 * merged into their most similar neighbour. Returns a partition of the grid: every cell lies in exactly one mask;
 * {@link MaskCleanup} drops the background and tiny parts afterwards.
 */
public final class FelzenszwalbSegmenter implements MaskGenerator {
    private final double scale;
    private final double sigma;
    private final double minAreaFraction;

    /**
     * @param scale           FH's k, in Lab (scaled by 1/100) distance units (larger: larger segments)
     * @param sigma           Gaussian smoothing in grid cells before segmenting (0: none)
     * @param minAreaFraction components smaller than this share of the grid are merged into a neighbour
     */
    public FelzenszwalbSegmenter(double scale, double sigma, double minAreaFraction) {
        this.scale = scale;
        this.sigma = sigma;
        this.minAreaFraction = minAreaFraction;
    }

    @Override
    public String id() {
        return "felzenszwalb(k=" + scale + ",sigma=" + sigma + ",min=" + minAreaFraction + ")";
    }

    /**
     * Segments at twice the grid's resolution, then gives each grid cell the label most of its four sub-cells have.
     * Anti-aliased and shadowed edges form thin bands of intermediate colour that FH makes into segments of their
     * own (rings around every object); at the finer resolution such a band is narrower than a grid cell and the
     * majority vote absorbs it into the object or the background.
     */
    @Override
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
        // Edges to the right, down, down-right and down-left neighbours: each undirected edge once. An edge is
        // stored as its weight's bits (the sort key) and 4 i + direction (the payload): that number grows in the
        // order edges are created, so ties keep that order, and it names both ends without further arrays.
        int[] step = {1, w, w + 1, w - 1};
        int maxEdges = 4 * n;
        int[] keys = new int[maxEdges];
        int[] ends = new int[maxEdges];
        int m = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    m = addEdge(lab, n, i, 0, step, keys, ends, m);
                }
                if (y + 1 < h) {
                    m = addEdge(lab, n, i, 1, step, keys, ends, m);
                    if (x + 1 < w) {
                        m = addEdge(lab, n, i, 2, step, keys, ends, m);
                    }
                    if (x > 0) {
                        m = addEdge(lab, n, i, 3, step, keys, ends, m);
                    }
                }
            }
        }
        int[][] sorted = sortEdges(keys, ends, m);
        keys = sorted[0];
        ends = sorted[1];
        DisjointSets sets = new DisjointSets(n);
        float[] threshold = new float[n];
        Arrays.fill(threshold, (float) scale);
        for (int k = 0; k < m; k++) {
            int from = ends[k] >>> 2;
            int a = sets.find(from);
            int b = sets.find(from + step[ends[k] & 3]);
            float weight = Float.intBitsToFloat(keys[k]);
            if (a != b && weight <= threshold[a] && weight <= threshold[b]) {
                int r = sets.union(a, b);
                threshold[r] = weight + (float) (scale / sets.size(r));
            }
        }
        mergeSmallComponents(sets, ends, step, m, n, (int) Math.ceil(minAreaFraction * n));
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

    /**
     * Small components join the neighbour across their lightest edge: edges visited lightest first, a union
     * wherever one side is smaller than {@code minCells}. Components only grow here, so an edge whose two ends lie
     * in one component, or in two components that are both large already, can never cause a union: those (nearly
     * all edges) are skipped without a find, and the unions are exactly those of visiting every edge.
     */
    private static void mergeSmallComponents(DisjointSets sets, int[] ends, int[] step, int m, int n, int minCells) {
        int[] root = new int[n];
        boolean[] small = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            root[i] = sets.find(i);
            small[i] = sets.size(root[i]) < minCells;
            any |= small[i];
        }
        if (!any) {
            return;
        }
        for (int k = 0; k < m; k++) {
            int from = ends[k] >>> 2;
            int to = from + step[ends[k] & 3];
            if (root[from] == root[to] || !(small[from] || small[to])) {
                continue;
            }
            int a = sets.find(from);
            int b = sets.find(to);
            if (a != b && (sets.size(a) < minCells || sets.size(b) < minCells)) {
                sets.union(a, b);
            }
        }
    }

    private static int addEdge(float[] lab, int n, int i, int direction, int[] step, int[] keys, int[] ends, int m) {
        int j = i + step[direction];
        float dl = lab[i] - lab[j];
        float da = lab[n + i] - lab[n + j];
        float db = lab[2 * n + i] - lab[2 * n + j];
        keys[m] = Float.floatToIntBits((float) Math.sqrt(dl * dl + da * da + db * db));
        ends[m] = 4 * i + direction;
        return m + 1;
    }

    /** Edge indices by increasing weight, ties in index order (what {@link #sortEdges} does to edge weights). */
    static int[] sortedEdgeOrder(float[] w, int m) {
        int[] keys = new int[m];
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            keys[i] = Float.floatToIntBits(w[i]);
            order[i] = i;
        }
        return sortEdges(keys, order, m)[1];
    }

    /**
     * Sorts the first {@code m} keys (bits of non-negative floats) ascending, carrying the payload along, ties in
     * the payload's incoming order; returns {keys, payload} sorted (possibly the arrays passed in). Weights are
     * non-negative, so their IEEE bits order like the values (and the sign bit is 0), and a stable
     * least-significant-digit radix sort on those 31 bits (three passes of 11, 10 and 10 bits, their histograms
     * counted in one pass) gives exactly the order of sorting (weight, index) pairs, in linear time: the comparison
     * sort it replaces was the segmenter's largest cost.
     */
    static int[][] sortEdges(int[] keys, int[] payload, int m) {
        int[][] digits = {{0, 11}, {11, 10}, {21, 10}}; // {shift, bits}
        int[][] counts = new int[digits.length][(1 << 11) + 1];
        int[] c0 = counts[0];
        int[] c1 = counts[1];
        int[] c2 = counts[2];
        for (int i = 0; i < m; i++) {
            int key = keys[i];
            c0[(key & 0x7ff) + 1]++;
            c1[((key >>> 11) & 0x3ff) + 1]++;
            c2[((key >>> 21) & 0x3ff) + 1]++;
        }
        int[] keysTmp = new int[m];
        int[] payloadTmp = new int[m];
        for (int p = 0; p < digits.length; p++) {
            int shift = digits[p][0];
            int mask = (1 << digits[p][1]) - 1;
            int[] count = counts[p];
            if (m == 0 || count[((keys[0] >>> shift) & mask) + 1] == m) {
                continue; // every key has the same digit here: the pass would not move anything
            }
            for (int d = 0; d < mask + 1; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < m; i++) {
                int pos = count[(keys[i] >>> shift) & mask]++;
                keysTmp[pos] = keys[i];
                payloadTmp[pos] = payload[i];
            }
            int[] t = keys;
            keys = keysTmp;
            keysTmp = t;
            t = payload;
            payload = payloadTmp;
            payloadTmp = t;
        }
        return new int[][] {keys, payload};
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
