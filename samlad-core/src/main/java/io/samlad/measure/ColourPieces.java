package io.samlad.measure;

import io.samlad.config.SamladConfig;
import io.samlad.objects.ColourLattice;
import io.samlad.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The PIECES measure (see {@code docs/method.md}, section 8, "PIECES"): each of the bank's colours (those of
 * {@link ColourComposition}) read as the 4-connected pieces it forms on the image's colour lattice
 * ({@link ColourLattice}). A cable takes its own curve in every image, so comparisons place by place are dominated by
 * where it lies, but it is one piece in every normal image wherever it lies, and a cut cable is two; two connectors
 * of one size are two pieces of one area whatever their pose, and a connector with a piece broken off is smaller than
 * its partner. With {@code P_c(I)} the pieces of colour {@code c} in image {@code I} (at least {@code minPixels}
 * points), largest first, areas {@code A_1 >= A_2 >= ...}:
 * <pre>
 *   split_c(Q) = (sum of A_j over j > m_c) / (sum of all A_j) / splitUnit      m_c = the normals' agreed piece count
 *   pair_c(Q)  = |log(A_1 / A_2) - median_c| / max(spread_c, pairFloor)
 *   PIECES_raw(Q) = max over the judged colours of split_c and pair_c
 * </pre>
 * The colours judged, {@code m_c}, {@code median_c} and {@code spread_c} are fitted on the bank's normal images
 * ({@link #fit}); a colour is judged only where at least {@code minAgreement} of the normal images that hold it
 * agree. Pure.
 */
public final class ColourPieces {
    private static final double MAD_TO_SIGMA = 1.4826;

    private ColourPieces() {
    }

    /** One piece: its lattice points (indices into the lattice), in the order the flood fill found them. */
    record Piece(int[] points) {
        int area() {
            return points.length;
        }
    }

    /**
     * The measure's value and where it points: per object-grid cell a weight in [0, 1] (1 where the evidence is
     * strongest: between the pieces of a split colour, where the smaller of a pair lacks what its partner has); null
     * where nothing is judged.
     */
    public record Result(double raw, float[] cells) {
    }

    /**
     * The colour of each of the bank's colours here: colours whose centres lie within {@code mergeDistance} of each
     * other (single linkage) are one, numbered in order of their first member.
     */
    static int[] merged(double[][] means, double mergeDistance) {
        int k = means.length;
        int[] group = new int[k];
        for (int c = 0; c < k; c++) {
            group[c] = c;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double d2 = 0;
                    for (int j = 0; j < 3; j++) {
                        double e = means[a][j] - means[b][j];
                        d2 += e * e;
                    }
                    if (d2 < mergeDistance * mergeDistance && group[a] != group[b]) {
                        int from = Math.max(group[a], group[b]);
                        int to = Math.min(group[a], group[b]);
                        for (int c = 0; c < k; c++) {
                            group[c] = group[c] == from ? to : group[c];
                        }
                        changed = true;
                    }
                }
            }
        }
        int[] number = new int[k];
        Arrays.fill(number, -1);
        int next = 0;
        int[] out = new int[k];
        for (int c = 0; c < k; c++) {
            if (number[group[c]] < 0) {
                number[group[c]] = next++;
            }
            out[c] = number[group[c]];
        }
        return out;
    }

    /** The number of colours of {@link #merged}. */
    static int count(int[] merged) {
        int k = 0;
        for (int g : merged) {
            k = Math.max(k, g + 1);
        }
        return k;
    }

    /**
     * The pieces of each colour ({@code means}: the bank's colours, as (L, a, b) / 100, merged as {@link #merged}),
     * largest first.
     */
    static List<List<Piece>> pieces(ColourLattice lattice, double[][] means, double mergeDistance, int minPixels) {
        int w = lattice.width();
        int h = lattice.height();
        int[] group = merged(means, mergeDistance);
        int k = count(group);
        short[] codes = lattice.codes();
        int n = codes.length;
        int[] colour = new int[n];
        // each cell's colour is the nearest of the bank's; a lattice holds few distinct codes, each looked up once
        int[] colourOfCode = new int[ColourLattice.LEVELS * ColourLattice.LEVELS * ColourLattice.LEVELS];
        Arrays.fill(colourOfCode, -1);
        for (int p = 0; p < n; p++) {
            int code = codes[p];
            if (colourOfCode[code] < 0) {
                colourOfCode[code] = group[ColourComposition.nearestColour(ColourLattice.colour(code), means)];
            }
            colour[p] = colourOfCode[code];
        }
        List<List<Piece>> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            out.add(new ArrayList<>());
        }
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] found = new int[n];
        for (int start = 0; start < n; start++) {
            if (seen[start]) {
                continue;
            }
            int c = colour[start];
            int top = 0;
            int size = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                found[size++] = p;
                int x = p % w;
                int y = p / w;
                if (x > 0 && !seen[p - 1] && colour[p - 1] == c) {
                    seen[p - 1] = true;
                    stack[top++] = p - 1;
                }
                if (x < w - 1 && !seen[p + 1] && colour[p + 1] == c) {
                    seen[p + 1] = true;
                    stack[top++] = p + 1;
                }
                if (y > 0 && !seen[p - w] && colour[p - w] == c) {
                    seen[p - w] = true;
                    stack[top++] = p - w;
                }
                if (y < h - 1 && !seen[p + w] && colour[p + w] == c) {
                    seen[p + w] = true;
                    stack[top++] = p + w;
                }
            }
            if (size >= minPixels) {
                out.get(c).add(new Piece(Arrays.copyOf(found, size)));
            }
        }
        for (List<Piece> list : out) {
            list.sort((a, b) -> Integer.compare(b.area(), a.area()));
        }
        return out;
    }

    /**
     * The statistics of {@code params} fitted on the normal images' lattices: per colour the piece count that at
     * least {@code minAgreement} of the images holding the colour agree on (0: none, or more than
     * {@code MAX_WHOLE}: a mottled background's shades are no parts), and, where that share of the images hold two
     * or more pieces whose log area ratio varies by at most {@code maxPairSpread}, its median and spread.
     */
    public static SamladConfig.Pieces fit(List<ColourLattice> lattices, double[][] means,
            SamladConfig.Pieces params) {
        int k = count(merged(means, params.mergeDistance()));
        int[][] counts = new int[k][lattices.size()];
        double[][] ratios = new double[k][lattices.size()];
        for (double[] r : ratios) {
            Arrays.fill(r, Double.NaN);
        }
        for (int i = 0; i < lattices.size(); i++) {
            List<List<Piece>> p = pieces(lattices.get(i), means, params.mergeDistance(), params.minPixels());
            for (int c = 0; c < k; c++) {
                counts[c][i] = p.get(c).size();
                // a pair: two pieces of about one size, and nothing else of the colour nearly as large (not two of
                // sixteen pins, not a label and a speck)
                List<Piece> q = p.get(c);
                if (q.size() >= 2 && q.get(0).area() <= PAIR_SIZES * q.get(1).area()
                        && (q.size() == 2 || q.get(2).area() * PAIR_SIZES < q.get(1).area())) {
                    ratios[c][i] = pairStatistic(q.get(0), q.get(1), lattices.get(i).width(),
                            params.hullWeight());
                }
            }
        }
        int[] whole = new int[k];
        double[] median = new double[k];
        double[] spread = new double[k];
        for (int c = 0; c < k; c++) {
            int[] histogram = new int[MAX_WHOLE + 2];
            int present = 0;
            for (int v : counts[c]) {
                if (v > 0) {
                    present++;
                    histogram[Math.min(v, MAX_WHOLE + 1)]++;
                }
            }
            if (present < MIN_IMAGES) {
                continue;
            }
            int mode = 1;
            for (int v = 2; v <= MAX_WHOLE; v++) {
                mode = histogram[v] > histogram[mode] ? v : mode;
            }
            if (histogram[mode] >= params.minAgreement() * present) {
                whole[c] = mode;
            }
            double[] r = Arrays.stream(ratios[c]).filter(v -> !Double.isNaN(v)).toArray();
            if (params.maxPairSpread() > 0 && r.length >= MIN_IMAGES
                    && r.length >= params.minAgreement() * lattices.size()) {
                double m = Quantiles.median(r);
                double s = MAD_TO_SIGMA * Quantiles.mad(r, m);
                if (s <= params.maxPairSpread()) {
                    median[c] = m;
                    spread[c] = Math.max(s, params.pairFloor());
                }
            }
        }
        return params.fitted(whole, median, spread);
    }

    /**
     * Two pieces are a pair where the larger is at most this many times the smaller and any third piece of the colour
     * is smaller than the pair's smaller by more than this factor.
     */
    static final double PAIR_SIZES = 2;
    /** A colour whose normal images agree on more pieces than this is texture, not parts. */
    static final int MAX_WHOLE = 4;
    /** Fewer images holding a colour say nothing about how many pieces it forms. */
    static final int MIN_IMAGES = 8;

    /**
     * The raw PIECES value of a query's lattice, and the object-grid cells ({@code gw x gh} over a {@code width x
     * height} working image) it points at.
     */
    public static Result raw(ColourLattice lattice, double[][] means, SamladConfig.Pieces params, int width,
            int height, int gw, int gh) {
        return raw(lattice, means, params, width, height, gw, gh, false);
    }

    /**
     * As {@link #raw(ColourLattice, double[][], SamladConfig.Pieces, int, int, int, int)}; with {@code paintPairs} a
     * pair finding also points at both pieces of the pair (weight 1): which of two connectors of different sizes is
     * the wrong one the pair cannot say, any more than which of two too-near pins is the extra one.
     */
    public static Result raw(ColourLattice lattice, double[][] means, SamladConfig.Pieces params, int width,
            int height, int gw, int gh, boolean paintPairs) {
        List<List<Piece>> pieces = pieces(lattice, means, params.mergeDistance(), params.minPixels());
        int k = Math.min(pieces.size(), params.whole().length);
        double best = 0;
        float[] cells = null;
        for (int c = 0; c < k; c++) {
            List<Piece> p = pieces.get(c);
            int m = params.whole()[c];
            if (m > 0 && p.size() > m) {
                long total = 0;
                long outside = 0;
                for (int j = 0; j < p.size(); j++) {
                    total += p.get(j).area();
                    outside += j >= m ? p.get(j).area() : 0;
                }
                double v = (double) outside / total / params.splitUnit();
                if (v > best) {
                    best = v;
                    cells = gaps(lattice, p, m, width, height, gw, gh);
                }
            }
            if (c < params.pairSpread().length && params.pairSpread()[c] > 0 && p.size() >= 2) {
                double r = pairStatistic(p.get(0), p.get(1), lattice.width(), params.hullWeight());
                double v = Math.abs(r - params.pairMedian()[c]) / Math.max(params.pairSpread()[c],
                        params.pairFloor());
                if (v > best) {
                    best = v;
                    cells = lacking(lattice, p.get(0), p.get(1), width, height, gw, gh);
                    if (paintPairs) {
                        for (int j = 0; j < 2; j++) {
                            for (int q : p.get(j).points()) {
                                cells[cell(lattice, q % lattice.width(), q / lattice.width(), width, height, gw,
                                        gh)] = 1;
                            }
                        }
                    }
                }
            }
        }
        return new Result(best, cells);
    }

    /**
     * Whether a judged colour forms fewer pieces than the normal images agree on: one piece of a pair (a missing
     * connector), or of a colour present in fewer pieces than its agreed count. A whole colour that is absent says
     * nothing (the normal images that hold a blue cable are only some of them; the share measure sees a missing one).
     */
    public static boolean lacksPiece(ColourLattice lattice, double[][] means, SamladConfig.Pieces params) {
        List<List<Piece>> pieces = pieces(lattice, means, params.mergeDistance(), params.minPixels());
        for (int c = 0; c < pieces.size(); c++) {
            int n = pieces.get(c).size();
            if (c < params.whole().length && n > 0 && n < params.whole()[c]) {
                return true;
            }
            if (c < params.pairSpread().length && params.pairSpread()[c] > 0 && n < 2) {
                return true;
            }
        }
        return false;
    }

    /** Cells on the segment between each piece beyond the {@code m} largest and the nearest point of another piece. */
    static float[] gaps(ColourLattice lattice, List<Piece> pieces, int m, int width, int height, int gw, int gh) {
        float[] cells = new float[gw * gh];
        int w = lattice.width();
        for (int j = m; j < pieces.size(); j++) {
            int[] a = pieces.get(j).points();
            long bestD = Long.MAX_VALUE;
            int pa = a[0];
            int pb = a[0];
            for (int other = 0; other < pieces.size(); other++) {
                if (other == j) {
                    continue;
                }
                for (int q : pieces.get(other).points()) {
                    int qx = q % w;
                    int qy = q / w;
                    for (int p : a) {
                        long dx = p % w - qx;
                        long dy = p / w - qy;
                        long d = dx * dx + dy * dy;
                        if (d < bestD) {
                            bestD = d;
                            pa = p;
                            pb = q;
                        }
                    }
                }
            }
            int steps = (int) Math.ceil(Math.sqrt(bestD)) + 1;
            for (int s = 0; s <= steps; s++) {
                double t = (double) s / steps;
                double lx = pa % w + t * (pb % w - pa % w);
                double ly = pa / w + t * (pb / w - pa / w);
                cells[cell(lattice, lx, ly, width, height, gw, gh)] = 1;
            }
        }
        return cells;
    }

    /**
     * Where {@code smaller} lacks what {@code larger} has: the larger piece laid onto the smaller one's centroid (as
     * it is, or mirrored left to right, whichever overlaps more: two connectors face each other), and per cell the
     * number of its points that fall outside the smaller piece, relative to the largest such count.
     */
    static float[] lacking(ColourLattice lattice, Piece larger, Piece smaller, int width, int height, int gw,
            int gh) {
        int w = lattice.width();
        int h = lattice.height();
        boolean[] inSmaller = new boolean[w * h];
        for (int p : smaller.points()) {
            inSmaller[p] = true;
        }
        double[] cl = centroid(larger, w);
        double[] cs = centroid(smaller, w);
        float[] bestCells = null;
        int bestOverlap = -1;
        for (int mirror = 0; mirror < 2; mirror++) {
            float[] cells = new float[gw * gh];
            int overlap = 0;
            for (int p : larger.points()) {
                double dx = p % w - cl[0];
                double x = cs[0] + (mirror == 1 ? -dx : dx);
                double y = cs[1] + p / w - cl[1];
                int lx = (int) Math.round(x);
                int ly = (int) Math.round(y);
                if (lx < 0 || ly < 0 || lx >= w || ly >= h) {
                    continue;
                }
                if (inSmaller[ly * w + lx]) {
                    overlap++;
                } else {
                    cells[cell(lattice, lx, ly, width, height, gw, gh)]++;
                }
            }
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                bestCells = cells;
            }
        }
        float max = 0;
        for (float v : bestCells) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < bestCells.length && max > 0; i++) {
            bestCells[i] /= max;
        }
        return bestCells;
    }

    /**
     * The pair statistic of a colour's two largest pieces ({@code larger} first): their log area ratio, plus
     * {@code hullWeight} times how much more of its convex hull the smaller one misses than the larger does,
     * {@code log(A_1/A_2) + w (log(H_2/F_2) - log(H_1/F_1))} ({@link #hullMissing}). A bite off a connector takes from
     * its area and leaves its hull, so both terms grow; something of the colour that joins a normal piece (a shadow)
     * adds to its area and at least as much to its hull, so the terms cancel. With {@code w = 0}, or convex pieces,
     * the plain log area ratio.
     */
    static double pairStatistic(Piece larger, Piece smaller, int w, double hullWeight) {
        double r = Math.log((double) larger.area() / smaller.area());
        return hullWeight == 0 ? r : r + hullWeight * (hullMissing(smaller, w) - hullMissing(larger, w));
    }

    /**
     * {@code log(H / F)}: {@code H} the lattice points inside or on the convex hull of the piece's points, {@code F}
     * those of the piece or of a hole it encloses (a connector's lighter inlay is no bite). 0 for a convex piece.
     * {@code H} is counted exactly with Pick's theorem (points in or on a lattice polygon = area + boundary / 2 + 1).
     */
    static double hullMissing(Piece piece, int w) {
        int[] pts = piece.points();
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (int p : pts) {
            x0 = Math.min(x0, p % w);
            x1 = Math.max(x1, p % w);
            y0 = Math.min(y0, p / w);
            y1 = Math.max(y1, p / w);
        }
        int bw = x1 - x0 + 3;
        int bh = y1 - y0 + 3;
        byte[] grid = new byte[bw * bh];
        for (int p : pts) {
            grid[(p / w - y0 + 1) * bw + p % w - x0 + 1] = 1;
        }
        // the outside: flood from the border of the padded box; what it cannot reach is the piece or its holes
        int[] stack = new int[bw * bh];
        int top = 0;
        stack[top++] = 0;
        grid[0] = 2;
        int outside = 0;
        while (top > 0) {
            int q = stack[--top];
            outside++;
            int x = q % bw;
            int y = q / bw;
            if (x > 0 && grid[q - 1] == 0) { grid[q - 1] = 2; stack[top++] = q - 1; }
            if (x < bw - 1 && grid[q + 1] == 0) { grid[q + 1] = 2; stack[top++] = q + 1; }
            if (y > 0 && grid[q - bw] == 0) { grid[q - bw] = 2; stack[top++] = q - bw; }
            if (y < bh - 1 && grid[q + bw] == 0) { grid[q + bw] = 2; stack[top++] = q + bw; }
        }
        int filled = bw * bh - outside;
        long[] hull = hull(pts, w);
        int n = hull.length;
        if (n < 3) {
            return 0; // on one line: the piece is its hull
        }
        long twiceArea = 0;
        long boundary = 0;
        for (int i = 0; i < n; i++) {
            long ax = hull[i] >> 32, ay = (int) hull[i];
            long bx = hull[(i + 1) % n] >> 32, by = (int) hull[(i + 1) % n];
            twiceArea += ax * by - bx * ay;
            boundary += gcd(Math.abs(bx - ax), Math.abs(by - ay));
        }
        long inHull = (Math.abs(twiceArea) + boundary) / 2 + 1;
        return Math.log((double) Math.max(inHull, filled) / filled);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Convex hull (monotone chain) of the points' (x, y), each packed as x << 32 | y, counter-clockwise. */
    private static long[] hull(int[] pts, int w) {
        long[] p = new long[pts.length];
        for (int i = 0; i < pts.length; i++) {
            p[i] = ((long) (pts[i] % w) << 32) | (pts[i] / w);
        }
        Arrays.sort(p);
        long[] h = new long[2 * p.length + 1];
        int k = 0;
        for (int i = 0; i < p.length; i++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        for (int i = p.length - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(0, k - 1));
    }

    private static long cross(long o, long a, long b) {
        long ox = o >> 32, oy = (int) o, ax = a >> 32, ay = (int) a, bx = b >> 32, by = (int) b;
        return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
    }

    private static double[] centroid(Piece piece, int w) {
        double sx = 0;
        double sy = 0;
        for (int p : piece.points()) {
            sx += p % w;
            sy += p / w;
        }
        return new double[] {sx / piece.area(), sy / piece.area()};
    }

    /** The object-grid cell of lattice point ({@code lx}, {@code ly}). */
    static int cell(ColourLattice lattice, double lx, double ly, int width, int height, int gw, int gh) {
        double x = lattice.step() / 2 + lx * lattice.step();
        double y = lattice.step() / 2 + ly * lattice.step();
        int cx = Math.max(0, Math.min(gw - 1, (int) (x * gw / width)));
        int cy = Math.max(0, Math.min(gh - 1, (int) (y * gh / height)));
        return cy * gw + cx;
    }
}
