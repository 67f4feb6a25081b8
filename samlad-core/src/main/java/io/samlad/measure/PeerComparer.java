package io.samlad.measure;

import io.samlad.config.SamladConfig;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Quantiles;
import java.util.Arrays;
import java.util.List;

/**
 * The in-image peer measures: objects of one kind in one image (the sixteen pins of a grid, the balls of a tray)
 * should agree with each other in size and shape, whatever the image's pose. An object's peers are the other solid
 * objects of the same image whose colour lies within {@code colourTolerance} of its own; with {@code A} the soft
 * pixel area and {@code n} the notch depth of {@link ObjectForm}, and {@code P} its peers (at least
 * {@code minPeers}),
 *
 * <pre>
 *   size(i)  = |log A_i - median_P log A_j| / max(1.4826 MAD_P(log A_j), sizeFloor)
 *   shape(i) = max(0, n_i - median_P n_j)    / max(1.4826 MAD_P(n_j), shapeFloor)
 * </pre>
 *
 * The peers' own spread is the scale, and peers whose sizes spread more than {@code maxSpread} are one colour but not
 * one kind (compartments and the rims beside them): such an object is not judged. Pure: no state between calls.
 */
public final class PeerComparer {
    /** MAD to standard deviation for a normal distribution. */
    static final double MAD_SCALE = 1.4826;

    private PeerComparer() {
    }

    /**
     * The size and shape deviations of each object from its peers, 0 where an object has too few peers or no form.
     *
     * @return {@code [object][0]}: size deviation, {@code [object][1]}: shape deviation, {@code [object][2]}: spacing
     *         deviation (PEER_SPACING; 0 where off)
     */
    public static double[][] deviations(List<SceneObject> objects, SamladConfig.Peers peers) {
        return deviations(objects, peers, new boolean[objects.size()]);
    }

    /**
     * The share of {@code scenes} in which at least one object is judged (has {@code minPeers} peers whose sizes
     * agree): whether normal images of a category hold objects of one kind at all.
     */
    public static double judgedShare(List<Scene> scenes, SamladConfig.Peers peers) {
        if (scenes.isEmpty()) {
            return 0;
        }
        int with = 0;
        for (Scene s : scenes) {
            boolean[] judged = new boolean[s.objects().size()];
            deviations(s.objects(), peers, judged);
            for (boolean j : judged) {
                if (j) {
                    with++;
                    break;
                }
            }
        }
        return with / (double) scenes.size();
    }

    private static double[][] deviations(List<SceneObject> objects, SamladConfig.Peers peers, boolean[] judged) {
        int n = objects.size();
        double[][] out = new double[n][3];
        if (!peers.on() || n <= peers.minPeers()) {
            return out;
        }
        boolean[] usable = new boolean[n];
        double[] logArea = new double[n];
        for (int i = 0; i < n; i++) {
            SceneObject o = objects.get(i);
            usable[i] = o.form().measured() && !MaskCleanup.isThin(o.mask());
            logArea[i] = usable[i] ? Math.log(o.form().area()) : 0;
        }
        boolean[][] peer = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                peer[i][j] = j != i && usable[i] && usable[j]
                        && objects.get(i).form().colourDistance(objects.get(j).form()) <= peers.colourTolerance();
            }
        }
        // each object's log distance to its nearest peer, in object-grid cells (PEER_SPACING)
        double[] logNearest = peers.spacing() ? logNearestPeer(objects, peer) : null;
        double[] sizes = new double[n];
        double[] shapes = new double[n];
        double[] shares = new double[n];
        double[] spacings = new double[n];
        for (int i = 0; i < n; i++) {
            if (!usable[i]) {
                continue;
            }
            ObjectForm fi = objects.get(i).form();
            int m = 0;
            int spaced = 0;
            for (int j = 0; j < n; j++) {
                if (peer[i][j]) {
                    sizes[m] = logArea[j];
                    shapes[m] = objects.get(j).form().notch();
                    shares[m] = objects.get(j).mask().areaFraction();
                    m++;
                    if (logNearest != null && !Double.isNaN(logNearest[j])) {
                        spacings[spaced++] = logNearest[j];
                    }
                }
            }
            double[] d = judge(logArea[i], fi.notch(), sizes, shapes, shares, m, peers);
            if (d != null) {
                judged[i] = true;
                out[i][0] = d[0];
                out[i][1] = d[1];
                if (logNearest != null && !Double.isNaN(logNearest[i]) && spaced >= peers.minPeers()) {
                    out[i][2] = spacing(logNearest[i], Arrays.copyOf(spacings, spaced), peers.spacingFloor());
                }
            }
        }
        return out;
    }

    /**
     * PEER_SPACING of one object: how much nearer it lies to its nearest peer than its peers lie to theirs, on a log
     * scale in units of their spread, {@code max(0, median_P log d_j - log d_i) / max(1.4826 MAD_P log d_j, floor)}.
     */
    static double spacing(double logNearest, double[] peersLogNearest, double floor) {
        double median = Quantiles.median(peersLogNearest);
        double spread = Math.max(MAD_SCALE * Quantiles.mad(peersLogNearest, median), floor);
        return Math.max(0, median - logNearest) / spread;
    }

    /**
     * Per object, the log distance (object-grid cells, mask centroids) to the nearest of its peers; NaN where it has
     * none.
     */
    private static double[] logNearestPeer(List<SceneObject> objects, boolean[][] peer) {
        int n = objects.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            ObjectMask a = objects.get(i).mask();
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (peer[i][j]) {
                    ObjectMask b = objects.get(j).mask();
                    double dx = (a.centroidX() - b.centroidX()) * a.width();
                    double dy = (a.centroidY() - b.centroidY()) * a.height();
                    best = Math.min(best, Math.hypot(dx, dy));
                }
            }
            // two masks' centroids never coincide closer than a cell apart in practice; a cell keeps the log finite
            out[i] = best == Double.POSITIVE_INFINITY ? Double.NaN : Math.log(Math.max(best, 1));
        }
        return out;
    }

    /**
     * The largest size and shape deviations of the scene's loose forms ({@link io.samlad.objects.KindBlobs}: parts of
     * a kind that are no objects) from their peers among the scene's objects, as {@link #deviations} judges objects;
     * {@code [0, 0]} where none is judged.
     */
    public static double[] looseDeviations(List<SceneObject> objects, List<ObjectForm> loose,
            SamladConfig.Peers peers) {
        double[] out = new double[2];
        for (double[] d : looseDeviationsEach(objects, loose, peers)) {
            out[0] = Math.max(out[0], d[0]);
            out[1] = Math.max(out[1], d[1]);
        }
        return out;
    }

    /**
     * Each loose form's size and shape deviation from its peers among the scene's objects ({@code [0, 0]} where it is
     * not judged), in the order of {@code loose}.
     */
    public static double[][] looseDeviationsEach(List<SceneObject> objects, List<ObjectForm> loose,
            SamladConfig.Peers peers) {
        double[][] out = new double[loose.size()][2];
        if (!peers.on() || loose.isEmpty()) {
            return out;
        }
        int n = objects.size();
        double[] sizes = new double[n];
        double[] shapes = new double[n];
        double[] shares = new double[n];
        for (int k = 0; k < loose.size(); k++) {
            ObjectForm f = loose.get(k);
            int m = 0;
            for (SceneObject o : objects) {
                ObjectForm g = o.form();
                if (g.measured() && !MaskCleanup.isThin(o.mask()) && f.colourDistance(g) <= peers.colourTolerance()) {
                    sizes[m] = Math.log(g.area());
                    shapes[m] = g.notch();
                    shares[m] = o.mask().areaFraction();
                    m++;
                }
            }
            double[] d = judge(Math.log(f.area()), f.notch(), sizes, shapes, shares, m, peers);
            if (d != null) {
                out[k] = d;
            }
        }
        return out;
    }

    /**
     * One form's size and shape deviation from the first {@code m} of its peers' log areas and notch depths (each a 0
     * where that measure is off), or null where it is not judged: fewer than {@code minPeers} peers, or peers whose
     * sizes spread more than {@code maxSpread} (one colour, not one kind), or peers whose median mask covers more than
     * {@code maxKindShare} of the image (pieces of a surface, not parts: {@link #isKindOfParts}).
     */
    private static double[] judge(double logArea, double notch, double[] sizes, double[] shapes, double[] shares,
            int m, SamladConfig.Peers peers) {
        if (m < peers.minPeers() || !isKindOfParts(shares, m, peers)) {
            return null;
        }
        double[] s = Arrays.copyOf(sizes, m);
        double[] h = Arrays.copyOf(shapes, m);
        double sizeMedian = Quantiles.median(s);
        double sizeMad = MAD_SCALE * Quantiles.mad(s, sizeMedian);
        if (sizeMad > peers.maxSpread()) {
            return null;
        }
        double shapeMedian = Quantiles.median(h);
        double shapeSpread = Math.max(MAD_SCALE * Quantiles.mad(h, shapeMedian), peers.shapeFloor());
        return new double[] {
            peers.size() ? Math.abs(logArea - sizeMedian) / Math.max(sizeMad, peers.sizeFloor()) : 0,
            peers.shape() ? Math.max(0, notch - shapeMedian) / shapeSpread : 0};
    }

    /**
     * Whether objects whose masks cover the first {@code m} of {@code shares} of the image are a kind of parts: their
     * median share at most {@code maxKindShare} (0: any). The segmentation cuts a plate into pieces of one colour and
     * about one size (a cell each) that are no parts: their sizes and outlines say how it was cut, and the pieces and
     * plate regions merged elsewhere made the normal images' largest peer deviations (z of 20 to 40 on pin_grid).
     */
    public static boolean isKindOfParts(double[] shares, int m, SamladConfig.Peers peers) {
        return peers.maxKindShare() <= 0 || m == 0 || Quantiles.median(Arrays.copyOf(shares, m)) <= peers.maxKindShare();
    }

    /** Whether any object of the scenes carries a measured form (banks written before forms carry none). */
    public static boolean hasForms(List<SceneObject> objects) {
        for (SceneObject o : objects) {
            if (o.form().measured()) {
                return true;
            }
        }
        return false;
    }
}
