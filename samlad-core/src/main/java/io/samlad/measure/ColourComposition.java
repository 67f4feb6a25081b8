package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.ColourHistogram;
import io.samlad.objects.ColourLattice;
import io.samlad.objects.Scene;
import io.samlad.stats.Quantiles;
import java.util.Arrays;
import java.util.List;

/**
 * The COLOURS measure: what share of the image each colour of the bank takes, against the nearest normal images'
 * shares (see {@code docs/method.md}, section 8, "COLOURS"). With {@code h_I(b)} the share of image {@code I} in
 * colour bin {@code b} ({@link ColourHistogram}):
 * <pre>
 *   colours c_1 .. c_K    weighted k-means of the bins' centres, each weighted by its pooled share over the bank
 *   v_I(k)  = log(sum over b in c_k of h_I(b) + eps)
 *   u_I(k)  = (v_I(k) - median_J v_J(k)) / (1.4826 MAD_J v_J(k) + spreadFloor)
 *   COLOURS_raw(Q) = mean of the m smallest |u_Q - u_I| over the bank's images I (the query itself excluded)
 * </pre>
 * Neither place nor segmentation enters: a cable's share does not change when it bends or is cut into other pieces,
 * while a large connector beside a blue cable is a combination of shares no normal image has. Pure; the bank's
 * colours and vectors are computed once per bank ({@link TemplateBank#cache()}).
 */
public final class ColourComposition {
    /** Lloyd iterations of the k-means; it settles long before on a few hundred weighted bins. */
    private static final int ITERATIONS = 50;
    private static final double MAD_TO_SIGMA = 1.4826;

    private ColourComposition() {
    }

    /**
     * The bank's colours and its images' standardised vectors.
     *
     * @param clusterOfBin colour of each bin (the nearest colour's, for bins no bank image has)
     * @param median       per colour, the median of {@code v_J(k)} over the bank
     * @param spread       per colour, {@code 1.4826 MAD + spreadFloor}
     * @param vectors      per bank image, {@code u_I}
     * @param means        per colour, its k-means centre as (L, a, b) / 100
     */
    public record Model(int[] clusterOfBin, double[] median, double[] spread, double[][] vectors, double shareFloor,
            double[][] means) {
        /** The standardised vector of a colour histogram. */
        public double[] vector(float[] histogram) {
            int k = median.length;
            double[] share = new double[k];
            for (int b = 0; b < histogram.length; b++) {
                share[clusterOfBin[b]] += histogram[b];
            }
            double[] u = new double[k];
            for (int c = 0; c < k; c++) {
                u[c] = (Math.log(share[c] + shareFloor) - median[c]) / spread[c];
            }
            return u;
        }
    }

    private record Key(int clusters, double shareFloor, double spreadFloor) {
    }

    /** Whether the measure can run on this bank with these settings: on, and every scene has a histogram. */
    public static boolean applies(TemplateBank bank, SamladConfig.Colours config) {
        if (!config.on() || bank.size() < 2) {
            return false;
        }
        for (Scene s : bank.scenes()) {
            if (!s.hasColours()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The raw COLOURS value of {@code query} against the bank; {@code exclude} is the bank index of the query itself
     * during leave-one-out (-1: none). The query must have a colour histogram and the measure must apply.
     */
    public static double raw(Scene query, TemplateBank bank, int exclude, SamladConfig.Colours config) {
        Model model = model(bank, config);
        return raw(model.vector(query.colours()), model.vectors(), exclude, config.neighbours());
    }

    /** Fits the bank's colour model ahead of the first query (kept in the bank's cache; see {@link Scorer#prepare}). */
    static void prepare(TemplateBank bank, SamladConfig.Colours config) {
        model(bank, config);
    }

    public static Model model(TemplateBank bank, SamladConfig.Colours config) {
        return bank.cache().get(new Key(config.clusters(), config.shareFloor(), config.spreadFloor()),
                () -> fit(histograms(bank.scenes()), config));
    }

    /** The colour (index into {@code means}) nearest to {@code lab}, (L, a, b) / 100. */
    public static int nearestColour(float[] lab, double[][] means) {
        return nearest(lab, means);
    }

    /** Mean of the {@code neighbours} smallest distances of {@code u} to the vectors other than {@code exclude}. */
    static double raw(double[] u, double[][] vectors, int exclude, int neighbours) {
        double[] d = new double[vectors.length];
        int n = 0;
        for (int i = 0; i < vectors.length; i++) {
            if (i == exclude) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < u.length; c++) {
                double e = u[c] - vectors[i][c];
                s += e * e;
            }
            d[n++] = Math.sqrt(s);
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(d, 0, n);
        int m = Math.min(neighbours, n);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += d[i];
        }
        return sum / m;
    }

    /**
     * Where a COLOURS finding lies among what the query holds: the object-grid cells ({@code gw x gh} over a
     * {@code width x height} working image) of the lattice points whose nearest bank colour is a <em>part</em>
     * colour ({@link #parts}: a cable, a connector; not the bench around them). Which part is the wrong one the shares cannot say (small connectors with a red cable
     * are as far from large ones with it as from small ones with a blue one), so each part colour present is
     * pointed at, weight 1; a colour the query lacks has no cells here (see the reverse map).
     */
    public static float[] partCells(ColourLattice lattice, Model model, double maxShare, double mergeDistance,
            int width, int height, int gw, int gh) {
        boolean[] part = parts(model, maxShare, mergeDistance);
        short[] codes = lattice.codes();
        byte[] colourOfCode = new byte[ColourLattice.LEVELS * ColourLattice.LEVELS * ColourLattice.LEVELS];
        float[] cells = new float[gw * gh];
        for (int p = 0; p < codes.length; p++) {
            int code = codes[p];
            if (colourOfCode[code] == 0) {
                colourOfCode[code] = (byte) (part[nearest(ColourLattice.colour(code), model.means())] ? 2 : 1);
            }
            if (colourOfCode[code] == 2) {
                cells[ColourPieces.cell(lattice, p % lattice.width(), p / lattice.width(), width, height, gw, gh)] = 1;
            }
        }
        return cells;
    }

    /**
     * Which of the bank's colours are part colours: those whose group (colours within {@code mergeDistance} of each
     * other, {@link ColourPieces#merged}: k-means splits a mottled bench into several shades) takes at most
     * {@code maxShare} of the image in the median bank image.
     */
    static boolean[] parts(Model model, double maxShare, double mergeDistance) {
        int k = model.median().length;
        int[] group = ColourPieces.merged(model.means(), mergeDistance);
        int groups = ColourPieces.count(group);
        double[][] shares = new double[groups][model.vectors().length];
        for (int i = 0; i < model.vectors().length; i++) {
            double[] share = shares(model, model.vectors()[i]);
            for (int c = 0; c < k; c++) {
                shares[group[c]][i] += share[c];
            }
        }
        boolean[] part = new boolean[k];
        for (int c = 0; c < k; c++) {
            part[c] = Quantiles.median(shares[group[c]].clone()) <= maxShare;
        }
        return part;
    }

    /** The image's share in each colour, from its standardised vector {@code u}. */
    static double[] shares(Model model, double[] u) {
        double[] share = new double[u.length];
        for (int c = 0; c < u.length; c++) {
            share[c] = Math.max(0, Math.exp(u[c] * model.spread()[c] + model.median()[c]) - model.shareFloor());
        }
        return share;
    }

    private static double partShare(Model model, double[] u, boolean[] part) {
        double[] share = shares(model, u);
        double total = 0;
        for (int c = 0; c < u.length; c++) {
            total += part[c] ? share[c] : 0;
        }
        return total;
    }

    /**
     * Whether the query lacks a part: its share in part colours is below every normal image's. A missing cable or
     * connector leaves less of the image in part colours than any normal image holds; a wrong colour or size does
     * not (a red cable covers what a blue one would).
     */
    public static boolean lacksPart(float[] histogram, Model model, double maxShare, double mergeDistance) {
        boolean[] part = parts(model, maxShare, mergeDistance);
        double q = partShare(model, model.vector(histogram), part);
        for (double[] u : model.vectors()) {
            if (partShare(model, u, part) <= q) {
                return false;
            }
        }
        return true;
    }

    private static List<float[]> histograms(List<Scene> scenes) {
        return scenes.stream().map(Scene::colours).toList();
    }

    /** The bank's colours (weighted k-means over the bins) and its images' standardised vectors. */
    public static Model fit(List<float[]> histograms, SamladConfig.Colours config) {
        int bins = ColourHistogram.BINS;
        double[] weight = new double[bins];
        for (float[] h : histograms) {
            for (int b = 0; b < bins; b++) {
                weight[b] += h[b];
            }
        }
        float[][] centre = new float[bins][];
        for (int b = 0; b < bins; b++) {
            centre[b] = ColourHistogram.centre(b);
        }
        double[][] means = kMeans(centre, weight, config.clusters());
        int k = means.length;
        int[] clusterOf = new int[bins];
        for (int b = 0; b < bins; b++) {
            clusterOf[b] = nearest(centre[b], means);
        }
        int n = histograms.size();
        double[][] v = new double[n][k];
        for (int i = 0; i < n; i++) {
            float[] h = histograms.get(i);
            for (int b = 0; b < bins; b++) {
                v[i][clusterOf[b]] += h[b];
            }
            for (int c = 0; c < k; c++) {
                v[i][c] = Math.log(v[i][c] + config.shareFloor());
            }
        }
        double[] median = new double[k];
        double[] spread = new double[k];
        double[] column = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                column[i] = v[i][c];
            }
            median[c] = Quantiles.median(column);
            spread[c] = MAD_TO_SIGMA * Quantiles.mad(column, median[c]) + config.spreadFloor();
        }
        double[][] u = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                u[i][c] = (v[i][c] - median[c]) / spread[c];
            }
        }
        return new Model(clusterOf, median, spread, u, config.shareFloor(), means);
    }

    /**
     * Weighted k-means of the points with positive weight; deterministic: the first mean is the heaviest point, each
     * further one the point of largest weight times squared distance to the means so far (k-means++ without the
     * randomness). Fewer means where fewer points carry weight.
     */
    static double[][] kMeans(float[][] points, double[] weight, int clusters) {
        int live = 0;
        int heaviest = 0;
        for (int p = 0; p < points.length; p++) {
            if (weight[p] > 0) {
                live++;
                if (weight[p] > weight[heaviest]) {
                    heaviest = p;
                }
            }
        }
        int k = Math.max(1, Math.min(clusters, live));
        double[][] means = new double[k][];
        means[0] = toDouble(points[heaviest]);
        for (int c = 1; c < k; c++) {
            int best = -1;
            double bestScore = -1;
            for (int p = 0; p < points.length; p++) {
                if (weight[p] <= 0) {
                    continue;
                }
                double d = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    d = Math.min(d, squared(points[p], means[j]));
                }
                double score = weight[p] * d;
                if (score > bestScore) {
                    bestScore = score;
                    best = p;
                }
            }
            means[c] = toDouble(points[best]);
        }
        int[] assigned = new int[points.length];
        for (int it = 0; it < ITERATIONS; it++) {
            boolean changed = it == 0;
            for (int p = 0; p < points.length; p++) {
                int a = nearest(points[p], means);
                changed |= a != assigned[p];
                assigned[p] = a;
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][3];
            double[] mass = new double[k];
            for (int p = 0; p < points.length; p++) {
                if (weight[p] <= 0) {
                    continue;
                }
                int a = assigned[p];
                mass[a] += weight[p];
                for (int d = 0; d < 3; d++) {
                    sum[a][d] += weight[p] * points[p][d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (mass[c] > 0) {
                    for (int d = 0; d < 3; d++) {
                        means[c][d] = sum[c][d] / mass[c];
                    }
                }
            }
        }
        return means;
    }

    private static int nearest(float[] point, double[][] means) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double d = squared(point, means[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static double squared(float[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < 3; d++) {
            double e = a[d] - b[d];
            s += e * e;
        }
        return s;
    }

    private static double[] toDouble(float[] v) {
        return new double[] {v[0], v[1], v[2]};
    }
}
